// Rolling range statistics over a window of bars: TA-Lib's MAX, MIN, MIDPOINT and MIDPRICE.
#pragma once

#include "indicators/indicator.h"
#include "indicators/ring_buffer.h"

namespace pulse::indicators {

// Highest / lowest value over the last `period` bars, as TA-Lib:
//   kMax highest close, kMin lowest close, kMidPoint (highest close + lowest close) / 2,
//   kMidPrice (highest high + lowest low) / 2.
// WarmUp = period - 1. O(1) amortised per bar (monotonic windows).
// Lifecycle: built once with its period, Update() per bar, Reset() to start over.
// Single-threaded value object; Add() feeds a raw value (not for kMidPrice, which reads high and
// low: use AddHighLow()).
class RollingRange final : public Indicator {
 public:
  enum class Kind { kMax, kMin, kMidPoint, kMidPrice };

  RollingRange(Kind kind, int period);

  void Add(double x) { AddHighLow(x, x); }
  void AddHighLow(double high, double low);
  void Update(const Bar& bar) override;
  void Reset() override;
  bool Ready() const override { return count_ >= period_; }
  int WarmUp() const override { return period_ - 1; }
  double Value(int = 0) const override { return Ready() ? value_ : kNaN; }

 private:
  Kind kind_;
  int period_;
  MinMaxWindow highest_;
  MinMaxWindow lowest_;
  double value_ = kNaN;
  long long count_ = 0;
};

}  // namespace pulse::indicators
