// HT_DCPHASE: the dominant cycle phase of TA-Lib's Hilbert transform.
#pragma once

#include "indicators/hilbert_cycle.h"
#include "indicators/indicator.h"

namespace pulse::indicators {

// TA-Lib's HT_DCPHASE: the phase in degrees of the smoothed price over one dominant cycle
// (HilbertCycle::phase()). Reads the close (Add() takes any series). Output: value.
// WarmUp = 63 (TA-Lib's lookback, default unstable period 0).
// Lifecycle: built once, Update()/Add() per bar, Reset() to start over. Single-threaded value
// object.
class HtDcPhase final : public Indicator {
 public:
  HtDcPhase() : cycle_(/*with_phase=*/true, /*with_trendline=*/false) {}

  void Add(double x) { cycle_.Add(x); }
  void Update(const Bar& bar) override { Add(bar.close); }
  void Reset() override { cycle_.Reset(); }
  bool Ready() const override { return cycle_.Ready(); }
  int WarmUp() const override { return HilbertCycle::kLookback; }
  double Value(int index = 0) const override;

 private:
  HilbertCycle cycle_;
};

}  // namespace pulse::indicators
