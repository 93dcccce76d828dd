// Hurst exponent of one-bar log returns by rescaled-range (R/S) analysis over a rolling window.
#pragma once

#include "indicators/indicator.h"
#include "indicators/price_features.h"
#include "indicators/ring_buffer.h"

namespace pulse::indicators {

// Hurst exponent of the last `period` one-bar log returns (n = period) by R/S analysis:
//  - sub-window sizes s = n, n/2, n/4, ... (integer division) while s >= 8;
//  - for each size the window is cut into floor(n / s) consecutive chunks ending at the newest
//    return (the oldest n mod s returns are left out); for each chunk, with deviations from the
//    chunk mean and their running sums Y_1..Y_s (Y_s = 0), R = max Y - min Y and S = the
//    population standard deviation; chunks with S^2 <= 1e-14 are skipped; RS(s) = mean of R/S;
//  - H = least-squares slope of ln RS(s) against ln s over the sizes with at least one chunk;
//    0.5 when fewer than two sizes remain (a flat window).
// Near 0.5 for independent returns (a little above for short windows: R/S's small-sample bias),
// above for trending (persistent) returns, below for mean-reverting ones. period >= 16.
// WarmUp = period. O(period * log(period)) per bar (every size re-reads the window); no
// allocation after construction. Lifecycle: built once, updated bar by bar, Reset() to start
// over. Single-threaded value object; Add() feeds a raw close.
class Hurst final : public Indicator {
 public:
  static constexpr int kMinChunk = 8;

  explicit Hurst(int period)
      : period_(period), returns_(PriceChange::Kind::kLog), window_(period) {}

  void Add(double close);
  void Update(const Bar& bar) override { Add(bar.close); }
  void Reset() override;
  bool Ready() const override { return window_.Full(); }
  int WarmUp() const override { return period_; }
  double Value(int = 0) const override { return Ready() ? value_ : kNaN; }

 private:
  // Mean R/S over the chunks of size `size`; 0 when every chunk is flat.
  double MeanRescaledRange(int size) const;

  int period_;
  PriceChange returns_;
  RingBuffer window_;
  double value_ = kNaN;
};

}  // namespace pulse::indicators
