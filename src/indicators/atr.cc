#include "indicators/atr.h"

#include <cmath>

namespace pulse::indicators {

// ---- TRange ----

void TRange::Update(const Bar& bar) {
  if (++count_ >= 2) {
    // TA-Lib's order of comparisons.
    double greatest = bar.high - bar.low;
    const double to_high = std::fabs(prev_close_ - bar.high);
    if (to_high > greatest) greatest = to_high;
    const double to_low = std::fabs(prev_close_ - bar.low);
    if (to_low > greatest) greatest = to_low;
    value_ = greatest;
  }
  prev_close_ = bar.close;
}

void TRange::Reset() {
  prev_close_ = 0;
  value_ = kNaN;
  count_ = 0;
}

// ---- Atr ----

Atr::Atr(int period)
    : period_(period), keep_(static_cast<double>(period - 1) / period), weight_(1.0 / period) {}

void Atr::Update(const Bar& bar) {
  tr_.Update(bar);
  if (!tr_.Ready()) return;
  const double tr = tr_.value();
  ++tr_count_;
  if (tr_count_ < period_) {
    sum_ += tr;
  } else if (tr_count_ == period_) {
    sum_ += tr;
    value_ = sum_ / period_;
  } else {
    value_ = value_ * keep_ + tr * weight_;
  }
}

void Atr::Reset() {
  tr_.Reset();
  sum_ = 0;
  value_ = kNaN;
  tr_count_ = 0;
}

}  // namespace pulse::indicators
