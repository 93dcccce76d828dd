#include "indicators/supertrend.h"

namespace pulse::indicators {

Supertrend::Supertrend(int period, double multiplier) : multiplier_(multiplier), atr_(period) {}

void Supertrend::Update(const Bar& bar) {
  atr_.Update(bar);
  if (atr_.Ready()) {
    const double mid = (bar.high + bar.low) / 2.0;
    const double basic_upper = mid + multiplier_ * atr_.value();
    const double basic_lower = mid - multiplier_ * atr_.value();
    if (!started_) {
      upper_ = basic_upper;
      lower_ = basic_lower;
      direction_ = -1;
      started_ = true;
    } else {
      upper_ = basic_upper < upper_ || prev_close_ > upper_ ? basic_upper : upper_;
      lower_ = basic_lower > lower_ || prev_close_ < lower_ ? basic_lower : lower_;
      if (direction_ < 0) {
        direction_ = bar.close > upper_ ? 1 : -1;
      } else {
        direction_ = bar.close < lower_ ? -1 : 1;
      }
    }
  }
  prev_close_ = bar.close;
}

void Supertrend::Reset() {
  atr_.Reset();
  started_ = false;
  prev_close_ = 0;
  upper_ = lower_ = 0;
  direction_ = -1;
}

double Supertrend::Value(int index) const {
  if (!Ready()) return kNaN;
  if (index == 1) return direction_;
  return direction_ > 0 ? lower_ : upper_;
}

}  // namespace pulse::indicators
