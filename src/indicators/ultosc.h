// Ultimate oscillator (Larry Williams) as TA-Lib computes it.
#pragma once

#include "indicators/indicator.h"
#include "indicators/ring_buffer.h"

namespace pulse::indicators {

// TA-Lib's ULTOSC: buying pressure close - min(low, previous close) over true range, summed over
// three windows; the periods are sorted so the shortest weighs 4, the middle 2, the longest 1:
// 100 * (4 a1 + 2 a2 + a3) / 7, a window's term 0 when its true-range sum is ~0.
// WarmUp = longest period. Single-threaded value object.
class UltOsc final : public Indicator {
 public:
  UltOsc(int period1, int period2, int period3);

  void Update(const Bar& bar) override;
  void Reset() override;
  bool Ready() const override { return count_ > periods_[2]; }
  int WarmUp() const override { return periods_[2]; }
  double Value(int = 0) const override { return Ready() ? value_ : kNaN; }

 private:
  int periods_[3];  // shortest first
  RingBuffer pressure_;
  RingBuffer range_;
  double pressure_sum_[3] = {0, 0, 0};
  double range_sum_[3] = {0, 0, 0};
  double prev_close_ = 0;
  double value_ = kNaN;
  long long count_ = 0;
};

}  // namespace pulse::indicators
