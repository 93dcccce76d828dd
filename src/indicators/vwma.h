// Volume-weighted moving average of the close.
#pragma once

#include "indicators/indicator.h"
#include "indicators/ring_buffer.h"

namespace pulse::indicators {

// Volume-weighted moving average over `period` bars: sum(close * volume) / sum(volume) (Tulip's
// vwma). When every bar of the window has zero volume it is the plain mean of the closes.
// WarmUp = period - 1. Built once, updated bar by bar (running sums, O(1)), Reset() to reuse.
// Single-threaded value object.
class Vwma final : public Indicator {
 public:
  explicit Vwma(int period);

  void Update(const Bar& bar) override;
  void Reset() override;
  bool Ready() const override { return count_ >= period_; }
  int WarmUp() const override { return period_ - 1; }
  double Value(int = 0) const override { return Ready() ? value_ : kNaN; }

 private:
  int period_;
  RingBuffer closes_;
  RingBuffer volumes_;
  double price_volume_sum_ = 0;
  double volume_sum_ = 0;
  double close_sum_ = 0;
  int nonzero_volumes_ = 0;  // bars of the window with volume != 0 (exact zero test)
  double value_ = kNaN;
  long long count_ = 0;
};

}  // namespace pulse::indicators
