// HT_DCPERIOD: the dominant cycle period of TA-Lib's Hilbert transform.
#pragma once

#include "indicators/hilbert_transform.h"
#include "indicators/indicator.h"

namespace pulse::indicators {

// TA-Lib's HT_DCPERIOD: the smoothed homodyne period of HilbertTransform (0.33 period + 0.67
// previous), in bars, between 6 and 50 once settled. Reads the close (Add() takes any series).
// Output: value. WarmUp = 32 (TA-Lib's lookback, default unstable period 0).
// Lifecycle: built once, Update()/Add() per bar, Reset() to start over. Single-threaded value
// object.
class HtDcPeriod final : public Indicator {
 public:
  static constexpr int kLookback = 32;

  HtDcPeriod() : hilbert_(12) {}

  void Add(double x) { hilbert_.Add(x); }
  void Update(const Bar& bar) override { Add(bar.close); }
  void Reset() override { hilbert_.Reset(); }
  bool Ready() const override { return hilbert_.bars() > kLookback; }
  int WarmUp() const override { return kLookback; }
  double Value(int index = 0) const override;

 private:
  HilbertTransform hilbert_;
};

}  // namespace pulse::indicators
