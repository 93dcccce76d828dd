#include "indicators/rolling_stats.h"

#include <cmath>

namespace pulse::indicators {

// ---- RollingSum ----

RollingSum::RollingSum(int period) : period_(period), window_(period) {}

void RollingSum::Add(double x) {
  window_.Push(x);
  total_ += x;
  if (++count_ < period_) return;
  // As TA-Lib: output the window total, then drop the value leaving the window next.
  value_ = total_;
  total_ -= window_.Oldest();
}

void RollingSum::Reset() {
  window_.Clear();
  total_ = 0;
  value_ = kNaN;
  count_ = 0;
}

// ---- Variance ----

Variance::Variance(int period) : period_(period), window_(period) {}

void Variance::Add(double x) {
  window_.Push(x);
  total1_ += x;
  total2_ += x * x;
  if (++count_ < period_) return;
  // TA-Lib's INT_VAR, operation for operation.
  const double mean1 = total1_ / period_;
  const double mean2 = total2_ / period_;
  const double trailing = window_.Oldest();
  total1_ -= trailing;
  total2_ -= trailing * trailing;
  value_ = mean2 - mean1 * mean1;
}

void Variance::Reset() {
  window_.Clear();
  total1_ = 0;
  total2_ = 0;
  value_ = kNaN;
  count_ = 0;
}

// ---- AvgDev ----

AvgDev::AvgDev(int period) : period_(period), window_(period) {}

void AvgDev::Add(double x) {
  window_.Push(x);
  if (!window_.Full()) return;
  // Newest first, as TA-Lib sums.
  double sum = 0;
  for (int i = 0; i < period_; ++i) sum += window_.Back(i);
  double dev = 0;
  for (int i = 0; i < period_; ++i) dev += std::fabs(window_.Back(i) - sum / period_);
  value_ = dev / period_;
}

void AvgDev::Reset() {
  window_.Clear();
  value_ = kNaN;
}

}  // namespace pulse::indicators
