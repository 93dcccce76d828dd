// HT_TRENDMODE: TA-Lib's Hilbert transform trend-versus-cycle mode.
#pragma once

#include "indicators/hilbert_cycle.h"
#include "indicators/indicator.h"

namespace pulse::indicators {

// TA-Lib's HT_TRENDMODE: 1 (trend) or 0 (cycle) as a double. Trend by default; cycle when the
// sine and lead sine (HT_SINE) crossed on this bar, while fewer than half a smoothed period of
// bars passed since the last crossing, or when the phase advanced by between 0.67 and 1.5 times
// 360 / smooth period; trend again whenever the smoothed price is at least 1.5% away from the
// trendline (HT_TRENDLINE). Reads the close (Add() takes any series). Output: value.
// WarmUp = 63 (TA-Lib's lookback, default unstable period 0).
// Lifecycle: built once, Update()/Add() per bar, Reset() to start over. Single-threaded value
// object.
class HtTrendMode final : public Indicator {
 public:
  HtTrendMode() : cycle_(/*with_phase=*/true, /*with_trendline=*/true) {}

  void Add(double x);
  void Update(const Bar& bar) override { Add(bar.close); }
  void Reset() override;
  bool Ready() const override { return cycle_.Ready(); }
  int WarmUp() const override { return HilbertCycle::kLookback; }
  double Value(int index = 0) const override;

 private:
  HilbertCycle cycle_;
  double sine_ = 0;
  double lead_sine_ = 0;
  long long days_in_trend_ = 0;
  int trend_ = 0;
};

}  // namespace pulse::indicators
