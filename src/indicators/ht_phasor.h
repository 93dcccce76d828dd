// HT_PHASOR: the in-phase and quadrature components of TA-Lib's Hilbert transform.
#pragma once

#include "indicators/hilbert_transform.h"
#include "indicators/indicator.h"

namespace pulse::indicators {

// TA-Lib's HT_PHASOR: I1 (the detrended, WMA-smoothed price three bars back on the same odd/even
// branch) and Q1 (its quadrature) of HilbertTransform, both before the period update of the bar.
// Reads the close (Add() takes any series). Outputs: 0 inphase, 1 quadrature (TA-Lib's order).
// WarmUp = 32 (TA-Lib's lookback, default unstable period 0).
// Lifecycle: built once, Update()/Add() per bar, Reset() to start over. Single-threaded value
// object.
class HtPhasor final : public Indicator {
 public:
  static constexpr int kLookback = 32;

  HtPhasor() : hilbert_(12) {}

  void Add(double x) { hilbert_.Add(x); }
  void Update(const Bar& bar) override { Add(bar.close); }
  void Reset() override { hilbert_.Reset(); }
  bool Ready() const override { return hilbert_.bars() > kLookback; }
  int WarmUp() const override { return kLookback; }
  int NumOutputs() const override { return 2; }
  double Value(int index = 0) const override;

 private:
  HilbertTransform hilbert_;
};

}  // namespace pulse::indicators
