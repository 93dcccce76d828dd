// Price levels from recent swings: support and resistance from confirmed swing points, and
// Fibonacci retracements of the last swing. No look-ahead: every output uses bars <= t only.
#pragma once

#include "indicators/indicator.h"
#include "indicators/ring_buffer.h"

namespace pulse::indicators {

// Support and resistance from swing points (fractals).
//
// A swing high is a bar whose high is strictly above the highs of the `strength` bars before it
// and at least the highs of the `strength` bars after it (the first bar of a flat top counts); a
// swing low mirrors it with lows. A swing is known only `strength` bars later, when those bars
// have closed. Resistance at bar t is the high of the most recent confirmed swing high whose bar
// lies in the last `period` bars (t - period + 1 .. t); when there is none, the highest high of
// those bars. Support is the same with swing lows and the lowest low.
// Outputs: 0 support, 1 resistance. WarmUp = period - 1. A strength of period or more never
// confirms a swing inside the window, so only the rolling extremes are given.
//
// Lifecycle: built with its parameters, Update() per closed bar, Reset() to start over. O(1)
// amortised per bar, no allocation after construction. Single-threaded value object.
class SupportResistance final : public Indicator {
 public:
  SupportResistance(int period = 20, int strength = 2);

  void Update(const Bar& bar) override;
  void Reset() override;
  bool Ready() const override { return count_ >= period_; }
  int WarmUp() const override { return period_ - 1; }
  int NumOutputs() const override { return 2; }
  double Value(int index = 0) const override;

 private:
  int period_;
  int strength_;
  RingBuffer highs_;  // the last strength + 2 highs and lows
  RingBuffer lows_;
  MinMaxWindow highest_;  // over the last `period` bars
  MinMaxWindow lowest_;
  MinMaxWindow right_high_;  // the `strength` bars after the candidate swing bar
  MinMaxWindow right_low_;
  MinMaxWindow left_high_;  // the `strength` bars before it (fed strength + 1 bars late)
  MinMaxWindow left_low_;
  double swing_high_ = 0, swing_low_ = 0;
  long long swing_high_at_ = -1, swing_low_at_ = -1;  // bar index of the last confirmed swings
  double support_ = kNaN, resistance_ = kNaN;
  long long count_ = 0;
};

// Fibonacci retracement levels of the last swing: the highest high H and lowest low L of the last
// `period` bars. When the high came last (an up-swing) the levels retrace down from it:
// level_r = H - r (H - L); when the low came last they retrace up from it: level_r = L + r (H - L).
// When both are on the same bar the swing counts as an up-swing. Ties in price keep the newest
// bar. r = 0.236, 0.382, 0.5, 0.618, 0.786.
// Outputs: 0 level_236, 1 level_382, 2 level_500, 3 level_618, 4 level_786, 5 swing_high,
// 6 swing_low. WarmUp = period - 1.
//
// Lifecycle: as SupportResistance. O(1) amortised per bar. Single-threaded value object.
class Fibonacci final : public Indicator {
 public:
  static constexpr double kRatios[5] = {0.236, 0.382, 0.5, 0.618, 0.786};

  explicit Fibonacci(int period = 50);

  void Update(const Bar& bar) override;
  void Reset() override;
  bool Ready() const override { return count_ >= period_; }
  int WarmUp() const override { return period_ - 1; }
  int NumOutputs() const override { return 7; }
  double Value(int index = 0) const override;

 private:
  int period_;
  MinMaxWindow highest_;
  MinMaxWindow lowest_;
  double values_[7] = {};
  long long count_ = 0;
};

}  // namespace pulse::indicators
