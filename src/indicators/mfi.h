// Money flow index: a volume-weighted RSI of the typical price.
#pragma once

#include "indicators/fixed_array.h"
#include "indicators/indicator.h"

namespace pulse::indicators {

// TA-Lib's MFI over `period` bars: the money flow typical price * volume counts as positive when
// the typical price (high + low + close) / 3 rose from the previous bar, negative when it fell
// (neither when equal); MFI = 100 * positive / (positive + negative), 0 when that sum is below 1.
// WarmUp = period. The positive and negative flows of one bar sit side by side in one ring.
// Single-threaded value object.
class Mfi final : public Indicator {
 public:
  explicit Mfi(int period);

  void Update(const Bar& bar) override;
  void Reset() override;
  bool Ready() const override { return count_ > period_; }
  int WarmUp() const override { return period_; }
  double Value(int = 0) const override { return Ready() ? value_ : kNaN; }
  void UpdateInto(const Bar& bar, double* out) override {
    Update(bar);
    out[0] = Value();
  }

 private:
  // The money flow of one bar, one of the two 0.
  struct Flow {
    double positive;
    double negative;
  };

  int period_;
  FixedArray<Flow> flows_;  // the last `period` flows; the oldest at head_ once full
  int head_ = 0;
  int stored_ = 0;
  double positive_sum_ = 0;
  double negative_sum_ = 0;
  double prev_typical_ = 0;
  double value_ = kNaN;
  long long count_ = 0;
};

}  // namespace pulse::indicators
