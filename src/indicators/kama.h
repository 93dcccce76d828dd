// KAMA: Kaufman's adaptive moving average, as TA-Lib computes it.
#pragma once

#include "indicators/indicator.h"
#include "indicators/ring_buffer.h"

namespace pulse::indicators {

// Kaufman adaptive moving average over `period` bars: efficiency ratio
// er = |x - x[period ago]| / sum of |bar-to-bar changes| (1 when the sum is ~0 or not above the
// net change), smoothing sc = (er * (2/3 - 2/31) + 2/31)^2, kama += sc * (x - kama). As TA-Lib
// the recursion starts from the close of bar period - 1. WarmUp = period.
// Single-threaded value object.
class Kama final : public Indicator {
 public:
  explicit Kama(int period);

  void Add(double x);
  void Update(const Bar& bar) override { Add(bar.close); }
  void Reset() override;
  bool Ready() const override { return count_ > period_; }
  int WarmUp() const override { return period_; }
  double Value(int = 0) const override { return Ready() ? value_ : kNaN; }

 private:
  int period_;
  RingBuffer window_;  // the last period + 1 values
  double sum_roc_ = 0;
  double value_ = kNaN;
  long long count_ = 0;
};

}  // namespace pulse::indicators
