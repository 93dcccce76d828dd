// HT_SINE: the sine wave indicator of TA-Lib's Hilbert transform.
#pragma once

#include "indicators/hilbert_cycle.h"
#include "indicators/indicator.h"

namespace pulse::indicators {

// TA-Lib's HT_SINE: sin(phase) and sin(phase + 45 degrees) of the dominant cycle phase
// (HilbertCycle::phase()). Reads the close (Add() takes any series). Outputs: 0 sine,
// 1 leadsine (TA-Lib's order). WarmUp = 63 (TA-Lib's lookback, default unstable period 0).
// Lifecycle: built once, Update()/Add() per bar, Reset() to start over. Single-threaded value
// object.
class HtSine final : public Indicator {
 public:
  HtSine() : cycle_(/*with_phase=*/true, /*with_trendline=*/false) {}

  void Add(double x) { cycle_.Add(x); }
  void Update(const Bar& bar) override { Add(bar.close); }
  void Reset() override { cycle_.Reset(); }
  bool Ready() const override { return cycle_.Ready(); }
  int WarmUp() const override { return HilbertCycle::kLookback; }
  int NumOutputs() const override { return 2; }
  double Value(int index = 0) const override;

  // sin(phase) and sin(phase + 45) in TA-Lib's degree-to-radian arithmetic.
  static double Sine(double phase_degrees);
  static double LeadSine(double phase_degrees);

 private:
  HilbertCycle cycle_;
};

}  // namespace pulse::indicators
