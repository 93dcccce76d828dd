#include "indicators/hist_volatility.h"

#include <cmath>

namespace pulse::indicators {

HistVolatility::HistVolatility(int period, double periods_per_year, bool sample, bool log_returns)
    : period_(period),
      periods_per_year_(periods_per_year),
      sample_(sample),
      log_returns_(log_returns),
      returns_(period) {}

void HistVolatility::Add(double close) {
  const double prev = prev_close_;
  prev_close_ = close;
  if (++count_ == 1) return;
  double r = 0.0;
  if (log_returns_) {
    if (close > 0.0 && prev > 0.0) r = std::log(close / prev);
  } else if (prev != 0.0) {
    r = close / prev - 1.0;
  }
  if (!returns_.Full()) {
    returns_.Push(r);
    const double n = returns_.Size();
    const double delta = r - mean_;
    mean_ += delta / n;
    m2_ += delta * (r - mean_);
  } else {
    const double old = returns_.Oldest();
    returns_.Push(r);
    const double old_mean = mean_;
    mean_ += (r - old) / period_;
    m2_ += (r - old) * (r - mean_ + old - old_mean);
    if (m2_ < 0.0) m2_ = 0.0;
  }
  if (!Ready()) return;
  const double variance = m2_ / (sample_ ? period_ - 1 : period_);
  value_ = std::sqrt(variance * periods_per_year_);
}

void HistVolatility::Reset() {
  returns_.Clear();
  prev_close_ = 0;
  mean_ = 0;
  m2_ = 0;
  value_ = kNaN;
  count_ = 0;
}

}  // namespace pulse::indicators
