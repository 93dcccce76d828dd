// MAMA: Ehlers' MESA adaptive moving average (with its following FAMA), as TA-Lib computes it.
#pragma once

#include "indicators/indicator.h"
#include "indicators/ring_buffer.h"

namespace pulse::indicators {

// MESA adaptive moving average: a 4-bar WMA smoother, Ehlers' Hilbert transform (TA-Lib's
// odd/even bar formulation) for the phase, alpha = fast_limit / delta phase clamped to
// [slow_limit, fast_limit]; mama += alpha (x - mama), fama += alpha / 2 (mama - fama).
// Outputs: 0 mama, 1 fama. WarmUp = 32 (TA-Lib's fixed lookback, no unstable period).
// As in TA-Lib the odd/even branch follows the bar index from the first bar fed.
// Lifecycle: built once, Update()/Add() per bar, Reset() to start over. Single-threaded value
// object.
class Mama final : public Indicator {
 public:
  Mama(double fast_limit, double slow_limit);

  void Add(double x);
  void Update(const Bar& bar) override { Add(bar.close); }
  void Reset() override;
  bool Ready() const override { return count_ > kLookback; }
  int WarmUp() const override { return kLookback; }
  int NumOutputs() const override { return 2; }
  double Value(int index = 0) const override;
  double mama() const { return mama_; }
  double fama() const { return fama_; }

 private:
  static constexpr int kLookback = 32;

  // One Hilbert FIR stage with TA-Lib's separate odd and even bar histories.
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

  double fast_limit_;
  double slow_limit_;
  RingBuffer prices_;  // the last 4 inputs (the WMA's trailing value is 3 bars back)
  double wma_sub_ = 0;
  double wma_sum_ = 0;
  double wma_trailing_ = 0;
  Stage detrender_, q1_, ji_, jq_;
  int hilbert_idx_ = 0;
  double period_ = 0;
  double prev_i2_ = 0, prev_q2_ = 0;
  double re_ = 0, im_ = 0;
  double i1_odd_prev3_ = 0, i1_even_prev3_ = 0;
  double i1_odd_prev2_ = 0, i1_even_prev2_ = 0;
  double prev_phase_ = 0;
  double mama_ = 0;
  double fama_ = 0;
  long long count_ = 0;
};

}  // namespace pulse::indicators
