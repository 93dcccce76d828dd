// Shannon entropy of the distribution of one-bar log returns over a rolling window.
#pragma once

#include <vector>

#include "indicators/indicator.h"
#include "indicators/price_features.h"
#include "indicators/ring_buffer.h"

namespace pulse::indicators {

// Normalised Shannon entropy of the last `period` one-bar log returns, binned into `bins` equal
// widths between the window's lowest and highest return: bin = floor((r - min) / (max - min) *
// bins), the highest return in the last bin. H = -sum p log2 p over the non-empty bins, divided
// by log2(bins): 0 when every return falls in one bin (or the window is flat), 1 when the
// returns spread evenly over all bins. WarmUp = period. O(period + bins) per bar (the bins are
// recounted); the counts are allocated in the constructor.
// Lifecycle: built once, updated bar by bar, Reset() to start over. Single-threaded value
// object; Add() feeds a raw close.
class ReturnEntropy final : public Indicator {
 public:
  ReturnEntropy(int period, int bins);

  void Add(double close);
  void Update(const Bar& bar) override { Add(bar.close); }
  void Reset() override;
  bool Ready() const override { return window_.Full(); }
  int WarmUp() const override { return period_; }
  double Value(int = 0) const override { return Ready() ? value_ : kNaN; }

 private:
  int period_;
  int bins_;
  PriceChange returns_;
  RingBuffer window_;
  std::vector<int> counts_;
  double value_ = kNaN;
};

}  // namespace pulse::indicators
