// Least-squares line over a window of closes: TA-Lib's LINEARREG, LINEARREG_SLOPE,
// LINEARREG_ANGLE, LINEARREG_INTERCEPT and TSF.
#pragma once

#include "indicators/indicator.h"
#include "indicators/ring_buffer.h"

namespace pulse::indicators {

// Fits y = b + m t to the last `period` closes (t = 0 for the oldest, period - 1 for the
// newest) with TA-Lib's formulas, and outputs by kind:
//   kLinearReg b + m (period - 1) (the line at the newest bar), kSlope m,
//   kAngle atan(m) in degrees, kIntercept b (the line at the oldest bar),
//   kTsf b + m period (time series forecast: the line one bar ahead).
// The window sums are updated in O(1) per bar and summed afresh every `period` bars so rounding
// cannot drift. WarmUp = period - 1.
// Lifecycle: built once, Update()/Add() per bar, Reset() to start over. Single-threaded value
// object.
class LinearRegression final : public Indicator {
 public:
  enum class Kind { kLinearReg, kSlope, kAngle, kIntercept, kTsf };

  LinearRegression(Kind kind, int period);

  void Add(double x);
  void Update(const Bar& bar) override { Add(bar.close); }
  void Reset() override;
  bool Ready() const override { return window_.Full(); }
  int WarmUp() const override { return period_ - 1; }
  double Value(int = 0) const override { return Ready() ? value_ : kNaN; }

 private:
  void Resum();

  Kind kind_;
  int period_;
  double sum_x_;    // sum of ages 0..period-1
  double divisor_;  // sum_x^2 - period * sum of squared ages (TA-Lib's)
  RingBuffer window_;
  double sum_y_ = 0;
  double sum_xy_ = 0;  // sum of age * value, age 0 = newest (TA-Lib's x)
  int since_resum_ = 0;
  double value_ = kNaN;
};

}  // namespace pulse::indicators
