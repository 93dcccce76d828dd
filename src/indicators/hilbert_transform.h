// HilbertTransform: the price smoother, Hilbert transform and dominant-cycle period that TA-Lib's
// MAMA and HT_* functions share, step by step as TA-Lib computes them.
#pragma once

namespace pulse::indicators {

// TA-Lib's common Hilbert stage (Ehlers, "Rocket Science for Traders"):
//  - a 4-bar WMA of the input (weights 4, 3, 2, 1), started as TA-Lib does from bar 0 with the
//    unrolled weights 1, 2, 3 on bars 0..2;
//  - from bar `first_bar` on, the detrender, Q1, jI and jQ FIR stages with TA-Lib's separate odd
//    and even bar histories (the branch follows the bar index counted from the first value fed,
//    as TA-Lib's follows the index in its input array), scaled by 0.075 period + 0.54;
//  - the homodyne period (clamped to 0.67..1.5 times the previous one and to 6..50, then
//    smoothed 0.2 / 0.8) and the smoothed period 0.33 period + 0.67 previous.
// `first_bar` is 12 for MAMA, HT_DCPERIOD and HT_PHASOR (lookback 32) and 37 for HT_DCPHASE,
// HT_SINE, HT_TRENDLINE and HT_TRENDMODE (lookback 63): TA-Lib warms the WMA up over 9 or 34
// bars before the Hilbert stage starts.
// Lifecycle: built once, Add() per value, Reset() to start over; no allocation at all.
// Threading: single-threaded value object.
class HilbertTransform {
 public:
  explicit HilbertTransform(int first_bar);

  // Consumes the next value. True when the Hilbert stage ran on it (bar index >= first_bar);
  // the accessors below then describe this bar.
  bool Add(double x);
  void Reset();

  // Values consumed so far.
  long long bars() const { return count_; }
  // The 4-bar WMA of the latest value (from bar 3 on).
  double smoothed() const { return smoothed_; }
  // I1: the detrender three bars back on the same parity (TA-Lib's I1For{Odd,Even}Prev3 of this
  // bar), the in-phase component.
  double in_phase() const { return in_phase_; }
  // Q1: the quadrature component.
  double quadrature() const { return q1_.value; }
  // The dominant-cycle period after this bar (TA-Lib's `period`).
  double period() const { return period_; }
  // The smoothed period 0.33 period + 0.67 previous (TA-Lib's `smoothPeriod`, HT_DCPERIOD).
  double smooth_period() const { return smooth_period_; }

 private:
  // One FIR stage with TA-Lib's separate odd and even bar histories (HILBERT_VARIABLES).
  struct Stage {
    double odd[3] = {0, 0, 0};
    double even[3] = {0, 0, 0};
    double value = 0;
    double prev_odd = 0;
    double prev_even = 0;
    double prev_input_odd = 0;
    double prev_input_even = 0;
    void Apply(double input, bool even_bar, int idx, double adjusted_prev_period);
  };

  int first_bar_;
  double last_[4] = {0, 0, 0, 0};  // the last 4 inputs, newest at last_[count_ % 4]
  double wma_sub_ = 0;
  double wma_sum_ = 0;
  double wma_trailing_ = 0;
  double smoothed_ = 0;
  Stage detrender_, q1_, ji_, jq_;
  int hilbert_idx_ = 0;
  double in_phase_ = 0;
  double period_ = 0;
  double smooth_period_ = 0;
  double prev_i2_ = 0, prev_q2_ = 0;
  double re_ = 0, im_ = 0;
  double i1_odd_prev3_ = 0, i1_even_prev3_ = 0;
  double i1_odd_prev2_ = 0, i1_even_prev2_ = 0;
  long long count_ = 0;
};

}  // namespace pulse::indicators
