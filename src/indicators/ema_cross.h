// EMA crossover state: which of a fast and a slow EMA of the close is on top, and for how long.
#pragma once

#include "indicators/indicator.h"
#include "indicators/moving_averages.h"

namespace pulse::indicators {

// Fast and slow EMA of the close (TA-Lib's EMAs, SMA-seeded). Outputs:
//   0 state       +1 when EMA(fast) > EMA(slow), -1 when below, 0 when equal;
//   1 bars_since  bars since the state last changed: 0 on the first bar where both EMAs are
//                 ready and on every bar whose state differs from the previous bar's.
// The periods are used as given (fast > slow simply mirrors the state).
// WarmUp = max(fast, slow) - 1. Lifecycle: built once, updated bar by bar, Reset() to start
// over. Single-threaded value object; Add() feeds a raw close.
class EmaCross final : public Indicator {
 public:
  EmaCross(int fast_period, int slow_period) : fast_(fast_period), slow_(slow_period) {}

  void Add(double close);
  void Update(const Bar& bar) override { Add(bar.close); }
  void Reset() override;
  bool Ready() const override { return fast_.Ready() && slow_.Ready(); }
  int WarmUp() const override;
  int NumOutputs() const override { return 2; }
  double Value(int index = 0) const override;
  int state() const { return state_; }
  long long bars_since() const { return bars_since_; }

 private:
  Ema fast_;
  Ema slow_;
  int state_ = 0;
  long long bars_since_ = -1;  // -1 until the first ready bar
};

}  // namespace pulse::indicators
