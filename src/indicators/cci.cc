#include "indicators/cci.h"

#include <cmath>

namespace pulse::indicators {

Cci::Cci(int period) : period_(period), window_(period) {}

void Cci::Update(const Bar& bar) {
  const double tp = (bar.high + bar.low + bar.close) / 3;
  window_.Push(tp);
  if (!window_.Full()) return;
  // Both sums run oldest first, over the ring's two contiguous runs.
  double mean = 0;
  window_.ForEachOldestFirst([&mean](double x) { mean += x; });
  mean /= period_;
  double deviation = 0;
  window_.ForEachOldestFirst([&deviation, mean](double x) { deviation += std::fabs(x - mean); });
  const double diff = tp - mean;
  value_ = diff != 0.0 && deviation != 0.0 ? diff / (0.015 * (deviation / period_)) : 0.0;
}

void Cci::Reset() {
  window_.Clear();
  value_ = kNaN;
}

}  // namespace pulse::indicators
