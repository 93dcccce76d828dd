// HT_TRENDLINE: TA-Lib's Hilbert transform instantaneous trendline.
#pragma once

#include "indicators/hilbert_cycle.h"
#include "indicators/indicator.h"

namespace pulse::indicators {

// TA-Lib's HT_TRENDLINE: the mean of the input over one dominant cycle (int(smooth period +
// 0.5) bars), smoothed (4 m + 3 m[1] + 2 m[2] + m[3]) / 10 (HilbertCycle::trendline()). Reads
// the close (Add() takes any series). Output: value. WarmUp = 63 (TA-Lib's lookback, default
// unstable period 0).
// Lifecycle: built once, Update()/Add() per bar, Reset() to start over. Single-threaded value
// object.
class HtTrendline final : public Indicator {
 public:
  HtTrendline() : cycle_(/*with_phase=*/false, /*with_trendline=*/true) {}

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
