// Percentile rank of the close among the closes of the previous `period` bars.
#pragma once

#include "indicators/indicator.h"
#include "indicators/ring_buffer.h"

namespace pulse::indicators {

// Percentile rank of the close within the previous `period` closes (the current bar excluded):
// 100 * (number below + half the number equal) / period, 0..100. Ties count half, so a flat
// window gives 50 and the rank of x and of the mirrored series -x add up to 100.
// WarmUp = period. O(period) per bar (one pass over the window); no allocation after
// construction. Lifecycle: built once, updated bar by bar, Reset() to start over.
// Single-threaded value object; Add() feeds a raw value.
class PercentileRank final : public Indicator {
 public:
  explicit PercentileRank(int period) : period_(period), window_(period + 1) {}

  void Add(double x);
  void Update(const Bar& bar) override { Add(bar.close); }
  void Reset() override;
  bool Ready() const override { return window_.Full(); }
  int WarmUp() const override { return period_; }
  double Value(int = 0) const override { return Ready() ? value_ : kNaN; }

 private:
  int period_;
  RingBuffer window_;  // the current value and the `period` before it
  double value_ = kNaN;
};

}  // namespace pulse::indicators
