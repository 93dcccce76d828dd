#include "indicators/return_entropy.h"

#include <algorithm>
#include <cmath>

namespace pulse::indicators {

ReturnEntropy::ReturnEntropy(int period, int bins)
    : period_(period),
      bins_(bins),
      returns_(PriceChange::Kind::kLog),
      window_(period),
      counts_(bins, 0) {}

void ReturnEntropy::Add(double close) {
  returns_.Add(close);
  if (!returns_.Ready()) return;
  window_.Push(returns_.value());
  if (!window_.Full()) return;
  double low = window_.Back(0);
  double high = low;
  for (int i = 1; i < period_; ++i) {
    low = std::min(low, window_.Back(i));
    high = std::max(high, window_.Back(i));
  }
  const double width = high - low;
  if (!(width > 0)) {
    value_ = 0.0;
    return;
  }
  std::fill(counts_.begin(), counts_.end(), 0);
  for (int i = 0; i < period_; ++i) {
    const int bin = static_cast<int>((window_.Back(i) - low) / width * bins_);
    ++counts_[std::min(bin, bins_ - 1)];
  }
  double entropy = 0;
  for (int count : counts_) {
    if (count == 0) continue;
    const double p = static_cast<double>(count) / period_;
    entropy -= p * std::log2(p);
  }
  value_ = entropy / std::log2(static_cast<double>(bins_));
}

void ReturnEntropy::Reset() {
  returns_.Reset();
  window_.Clear();
  value_ = kNaN;
}

}  // namespace pulse::indicators
