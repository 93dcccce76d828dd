// IMI: the intraday momentum index (open-to-close moves), as TA-Lib 0.6 computes it.
#pragma once

#include "indicators/indicator.h"
#include "indicators/ring_buffer.h"

namespace pulse::indicators {

// Intraday momentum index over `period` bars: 100 up / (up + down) with up the sum of
// close - open over bars closing above their open and down the sum of open - close over the
// others. Where every bar of the window has close = open TA-Lib divides 0 by 0 (NaN); Pulse
// gives 0 there, as TA-Lib's RSI does. The sums are updated in O(1) per bar and summed afresh
// every `period` bars. WarmUp = period - 1.
// Lifecycle: built once, Update() per bar, Reset() to start over. Single-threaded value object.
class Imi final : public Indicator {
 public:
  explicit Imi(int period);

  void Update(const Bar& bar) override;
  void Reset() override;
  bool Ready() const override { return ups_.Full(); }
  int WarmUp() const override { return period_ - 1; }
  double Value(int = 0) const override { return Ready() ? value_ : kNaN; }

 private:
  int period_;
  RingBuffer ups_;
  RingBuffer downs_;
  double up_ = 0;
  double down_ = 0;
  int since_resum_ = 0;
  double value_ = kNaN;
};

}  // namespace pulse::indicators
