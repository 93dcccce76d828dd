// Parabolic SAR (Wilder's stop and reverse) as TA-Lib computes it.
#pragma once

#include "indicators/indicator.h"

namespace pulse::indicators {

// TA-Lib's SAR: the initial direction comes from bar 1's -DM (short when the low fell more than
// the high rose), the first SAR is bar 0's low (long) or high (short) and the extreme point bar
// 1's high or low. Each bar the acceleration factor grows by `acceleration` on a new extreme, up
// to `maximum`; the SAR never enters the last two bars' range; a penetration reverses the trend
// with the SAR at the previous extreme point. WarmUp = 1. Single-threaded value object.
class Sar final : public Indicator {
 public:
  Sar(double acceleration, double maximum);

  void Update(const Bar& bar) override;
  void Reset() override;
  bool Ready() const override { return count_ > 1; }
  int WarmUp() const override { return 1; }
  double Value(int = 0) const override { return Ready() ? value_ : kNaN; }
  void UpdateInto(const Bar& bar, double* out) override {
    Update(bar);
    out[0] = Value();
  }

 private:
  double acceleration_;
  double maximum_;
  bool is_long_ = true;
  double af_ = 0;
  double ep_ = 0;
  double sar_ = 0;
  double new_high_ = 0, new_low_ = 0;
  double value_ = kNaN;
  long long count_ = 0;
};

}  // namespace pulse::indicators
