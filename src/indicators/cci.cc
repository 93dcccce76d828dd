#include "indicators/cci.h"

#include <cmath>

namespace pulse::indicators {

Cci::Cci(int period) : period_(period), window_(period) {}

void Cci::Update(const Bar& bar) {
  const double tp = (bar.high + bar.low + bar.close) / 3;
  window_.Push(tp);
  if (!window_.Full()) return;
  double mean = 0;
  for (int i = period_ - 1; i >= 0; --i) mean += window_.Back(i);
  mean /= period_;
  double deviation = 0;
  for (int i = period_ - 1; i >= 0; --i) deviation += std::fabs(window_.Back(i) - mean);
  const double diff = tp - mean;
  value_ = diff != 0.0 && deviation != 0.0 ? diff / (0.015 * (deviation / period_)) : 0.0;
}

void Cci::Reset() {
  window_.Clear();
  value_ = kNaN;
}

}  // namespace pulse::indicators
