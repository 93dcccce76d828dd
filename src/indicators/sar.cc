#include "indicators/sar.h"

#include <algorithm>

namespace pulse::indicators {

Sar::Sar(double acceleration, double maximum)
    : acceleration_(std::min(acceleration, maximum)), maximum_(maximum) {}

void Sar::Update(const Bar& bar) {
  ++count_;
  if (count_ == 1) {
    new_high_ = bar.high;
    new_low_ = bar.low;
    return;
  }
  if (count_ == 2) {
    // TA-Lib's MINUS_DM with period 1 on the first two bars picks the direction.
    const double diff_plus = bar.high - new_high_;
    const double diff_minus = new_low_ - bar.low;
    const bool minus_dm = diff_minus > 0 && diff_plus < diff_minus;
    is_long_ = !minus_dm;
    af_ = acceleration_;
    if (is_long_) {
      ep_ = bar.high;
      sar_ = new_low_;
    } else {
      ep_ = bar.low;
      sar_ = new_high_;
    }
    new_low_ = bar.low;
    new_high_ = bar.high;
  }
  const double prev_low = new_low_;
  const double prev_high = new_high_;
  new_low_ = bar.low;
  new_high_ = bar.high;
  if (is_long_) {
    if (new_low_ <= sar_) {
      // Reverse to short.
      is_long_ = false;
      sar_ = std::max({ep_, prev_high, new_high_});
      value_ = sar_;
      af_ = acceleration_;
      ep_ = new_low_;
      sar_ = std::max({sar_ + af_ * (ep_ - sar_), prev_high, new_high_});
    } else {
      value_ = sar_;
      if (new_high_ > ep_) {
        ep_ = new_high_;
        af_ = std::min(af_ + acceleration_, maximum_);
      }
      sar_ = std::min({sar_ + af_ * (ep_ - sar_), prev_low, new_low_});
    }
  } else {
    if (new_high_ >= sar_) {
      // Reverse to long.
      is_long_ = true;
      sar_ = std::min({ep_, prev_low, new_low_});
      value_ = sar_;
      af_ = acceleration_;
      ep_ = new_high_;
      sar_ = std::min({sar_ + af_ * (ep_ - sar_), prev_low, new_low_});
    } else {
      value_ = sar_;
      if (new_low_ < ep_) {
        ep_ = new_low_;
        af_ = std::min(af_ + acceleration_, maximum_);
      }
      sar_ = std::max({sar_ + af_ * (ep_ - sar_), prev_high, new_high_});
    }
  }
}

void Sar::Reset() {
  is_long_ = true;
  af_ = ep_ = sar_ = 0;
  new_high_ = new_low_ = 0;
  value_ = kNaN;
  count_ = 0;
}

}  // namespace pulse::indicators
