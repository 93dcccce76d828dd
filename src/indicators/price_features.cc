#include "indicators/price_features.h"

#include <cmath>

namespace pulse::indicators {

// ---- PriceChange ----

void PriceChange::Add(double x) {
  if (++count_ > 1) {
    switch (kind_) {
      case Kind::kChange:
        value_ = x - prev_;
        break;
      case Kind::kPercent:
        value_ = prev_ != 0.0 ? 100.0 * (x - prev_) / prev_ : 0.0;
        break;
      case Kind::kLog:
        value_ = x > 0.0 && prev_ > 0.0 ? std::log(x / prev_) : 0.0;
        break;
    }
  }
  prev_ = x;
}

void PriceChange::Reset() {
  prev_ = 0;
  value_ = kNaN;
  count_ = 0;
}

// ---- BarRange ----

void BarRange::Update(const Bar& bar) {
  const double range = bar.high - bar.low;
  switch (kind_) {
    case Kind::kRange:
      value_ = range;
      break;
    case Kind::kPercent:
      value_ = bar.close != 0.0 ? 100.0 * range / bar.close : 0.0;
      break;
    case Kind::kClosePosition:
      value_ = range != 0.0 ? (bar.close - bar.low) / range : 0.5;
      break;
  }
  ready_ = true;
}

}  // namespace pulse::indicators
