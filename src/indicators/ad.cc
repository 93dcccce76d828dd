#include "indicators/ad.h"

#include <algorithm>

namespace pulse::indicators {

// ---- Ad ----

void Ad::Update(const Bar& bar) {
  const double range = bar.high - bar.low;
  if (range > 0.0) {
    ad_ += (((bar.close - bar.low) - (bar.high - bar.close)) / range) * bar.volume;
  }
  ++count_;
}

void Ad::Reset() {
  ad_ = 0;
  count_ = 0;
}

// ---- AdOsc ----

AdOsc::AdOsc(int fast_period, int slow_period)
    : fast_k_(2.0 / (fast_period + 1)),
      slow_k_(2.0 / (slow_period + 1)),
      warm_up_(std::max(fast_period, slow_period) - 1) {}

void AdOsc::Update(const Bar& bar) {
  ad_.Update(bar);
  const double ad = ad_.value();
  if (++count_ == 1) {
    fast_ = slow_ = ad;
    return;
  }
  fast_ = (fast_k_ * ad) + ((1.0 - fast_k_) * fast_);
  slow_ = (slow_k_ * ad) + ((1.0 - slow_k_) * slow_);
}

void AdOsc::Reset() {
  ad_.Reset();
  fast_ = slow_ = 0;
  count_ = 0;
}

}  // namespace pulse::indicators
