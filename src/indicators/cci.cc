#include "indicators/cci.h"

#include <algorithm>
#include <cmath>

namespace pulse::indicators {

Cci::Cci(int period) : period_(std::max(period, 1)), window_(2 * std::max(period, 1)) {}

void Cci::Update(const Bar& bar) {
  const double tp = (bar.high + bar.low + bar.close) / 3;
  double* w = window_.data();
  w[head_] = tp;
  w[head_ + period_] = tp;
  head_ = head_ + 1 == period_ ? 0 : head_ + 1;
  if (size_ < period_) ++size_;
  if (size_ < period_) return;
  // Both sums run oldest first: slots head_ .. head_ + period - 1.
  const double* oldest = w + head_;
  double mean = 0;
  for (int i = 0; i < period_; ++i) mean += oldest[i];
  mean /= period_;
  double deviation = 0;
  for (int i = 0; i < period_; ++i) deviation += std::fabs(oldest[i] - mean);
  const double diff = tp - mean;
  value_ = diff != 0.0 && deviation != 0.0 ? diff / (0.015 * (deviation / period_)) : 0.0;
}

void Cci::Reset() {
  head_ = 0;
  size_ = 0;
  value_ = kNaN;
}

}  // namespace pulse::indicators
