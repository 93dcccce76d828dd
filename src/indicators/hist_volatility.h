// Historical (realised) volatility: the annualised standard deviation of bar returns.
#pragma once

#include "indicators/indicator.h"
#include "indicators/ring_buffer.h"

namespace pulse::indicators {

// Realised volatility over the last `period` returns, annualised:
// stddev(returns) * sqrt(periods_per_year). Returns are log returns ln(c / c_prev) or, with
// log_returns = false, simple returns c / c_prev - 1 (Tulip's volatility); a return involving a
// non-positive close is 0. The standard deviation is the sample one (n - 1) or, with
// sample = false, the population one (n, Tulip's). The default periods_per_year in the registry
// is 105120, 5-minute bars of a market open 24/7 (365 * 288); Tulip's is 252 (trading days).
// Returns start at bar 1, so WarmUp = period. Sliding mean and sum of squared deviations
// (Welford's update for a window), O(1) per bar. Built once, updated bar by bar, Reset() to
// reuse. Single-threaded value object.
class HistVolatility final : public Indicator {
 public:
  HistVolatility(int period, double periods_per_year, bool sample, bool log_returns);

  void Add(double close);
  void Update(const Bar& bar) override { Add(bar.close); }
  void Reset() override;
  bool Ready() const override { return count_ > period_; }
  int WarmUp() const override { return period_; }
  double Value(int = 0) const override { return Ready() ? value_ : kNaN; }

 private:
  int period_;
  double periods_per_year_;
  bool sample_;
  bool log_returns_;
  RingBuffer returns_;
  double prev_close_ = 0;
  double mean_ = 0;
  double m2_ = 0;  // sum of squared deviations from mean_ over the window
  double value_ = kNaN;
  long long count_ = 0;
};

}  // namespace pulse::indicators
