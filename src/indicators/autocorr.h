// Rolling autocorrelation of one-bar log returns at a given lag.
#pragma once

#include "indicators/indicator.h"
#include "indicators/price_features.h"
#include "indicators/ring_buffer.h"

namespace pulse::indicators {

// Autocorrelation at lag k of the last `period` one-bar log returns r_1..r_n, as pandas'
// Series.autocorr(k) on that window: the Pearson correlation of the n - k pairs
// (r_{k+1}, r_1) .. (r_n, r_{n-k}), each side with its own mean. 0 when either side's variance
// is at most 1e-14 (pandas gives NaN). The lag is capped at period - 2 (two pairs at least).
// WarmUp = period (period returns need period + 1 closes).
// O(1) amortised per bar: running sums of the pairs about a shift near their means, rebuilt from
// the window once every n - k pairs (no drift) and early when a side's mean moved far from its
// shift relative to its spread (no cancellation). No allocation after construction.
// Lifecycle: built once, updated bar by bar, Reset() to start over. Single-threaded value
// object; Add() feeds a raw close.
class Autocorr final : public Indicator {
 public:
  Autocorr(int period, int lag);

  void Add(double close);
  void Update(const Bar& bar) override { Add(bar.close); }
  void Reset() override;
  bool Ready() const override { return pairs_ >= pairs_window_; }
  int WarmUp() const override { return period_; }
  double Value(int = 0) const override { return Ready() ? value_ : kNaN; }
  int lag() const { return lag_; }

 private:
  void AddPair(double x, double y, double sign);
  void Rebase();

  int period_;
  int lag_;
  int pairs_window_;  // period - lag
  PriceChange returns_;
  RingBuffer history_;  // the last period + 1 returns
  double shift_x_ = 0;
  double shift_y_ = 0;
  double sx_ = 0;
  double sy_ = 0;
  double sxx_ = 0;
  double syy_ = 0;
  double sxy_ = 0;
  int pairs_ = 0;  // pairs in the sums (at most pairs_window_)
  int since_rebase_ = 0;
  double value_ = kNaN;
};

}  // namespace pulse::indicators
