#include "indicators/mfi.h"

#include <algorithm>

namespace pulse::indicators {

Mfi::Mfi(int period) : period_(period), flows_(std::max(period, 1)) {}

void Mfi::Update(const Bar& bar) {
  const double typical = (bar.high + bar.low + bar.close) / 3.0;
  const double change = typical - prev_typical_;
  prev_typical_ = typical;
  if (++count_ == 1) return;
  const double flow = typical * bar.volume;
  const double positive = change > 0 ? flow : 0.0;
  const double negative = change < 0 ? flow : 0.0;
  Flow& slot = flows_[head_];
  if (stored_ == flows_.size()) {
    positive_sum_ -= slot.positive;
    negative_sum_ -= slot.negative;
  } else {
    ++stored_;
  }
  slot = Flow{positive, negative};
  head_ = head_ + 1 == flows_.size() ? 0 : head_ + 1;
  positive_sum_ += positive;
  negative_sum_ += negative;
  if (!Ready()) return;
  const double total = positive_sum_ + negative_sum_;
  value_ = total < 1.0 ? 0.0 : 100.0 * (positive_sum_ / total);
}

void Mfi::Reset() {
  head_ = 0;
  stored_ = 0;
  positive_sum_ = negative_sum_ = prev_typical_ = 0;
  value_ = kNaN;
  count_ = 0;
}

}  // namespace pulse::indicators
