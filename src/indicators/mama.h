// MAMA: Ehlers' MESA adaptive moving average (with its following FAMA), as TA-Lib computes it.
#pragma once

#include "indicators/hilbert_transform.h"
#include "indicators/indicator.h"

namespace pulse::indicators {

// MESA adaptive moving average: the phase atan(Q1 / I1) of TA-Lib's Hilbert stage
// (HilbertTransform: 4-bar WMA smoother, Ehlers' transform in TA-Lib's odd/even formulation),
// alpha = fast_limit / delta phase clamped to [slow_limit, fast_limit];
// mama += alpha (x - mama), fama += alpha / 2 (mama - fama).
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
  bool Ready() const override { return hilbert_.bars() > kLookback; }
  int WarmUp() const override { return kLookback; }
  int NumOutputs() const override { return 2; }
  double Value(int index = 0) const override;
  double mama() const { return mama_; }
  double fama() const { return fama_; }

 private:
  static constexpr int kLookback = 32;

  double fast_limit_;
  double slow_limit_;
  HilbertTransform hilbert_;
  double prev_phase_ = 0;
  double mama_ = 0;
  double fama_ = 0;
};

}  // namespace pulse::indicators
