// Money flow index: a volume-weighted RSI of the typical price.
#pragma once

#include "indicators/indicator.h"
#include "indicators/ring_buffer.h"

namespace pulse::indicators {

// TA-Lib's MFI over `period` bars: the money flow typical price * volume counts as positive when
// the typical price (high + low + close) / 3 rose from the previous bar, negative when it fell
// (neither when equal); MFI = 100 * positive / (positive + negative), 0 when that sum is below 1.
// WarmUp = period. Single-threaded value object.
class Mfi final : public Indicator {
 public:
  explicit Mfi(int period);

  void Update(const Bar& bar) override;
  void Reset() override;
  bool Ready() const override { return count_ > period_; }
  int WarmUp() const override { return period_; }
  double Value(int = 0) const override { return Ready() ? value_ : kNaN; }

 private:
  int period_;
  RingBuffer positive_;
  RingBuffer negative_;
  double positive_sum_ = 0;
  double negative_sum_ = 0;
  double prev_typical_ = 0;
  double value_ = kNaN;
  long long count_ = 0;
};

}  // namespace pulse::indicators
