#include "indicators/mfi.h"

namespace pulse::indicators {

Mfi::Mfi(int period) : period_(period), positive_(period), negative_(period) {}

void Mfi::Update(const Bar& bar) {
  const double typical = (bar.high + bar.low + bar.close) / 3.0;
  const double change = typical - prev_typical_;
  prev_typical_ = typical;
  if (++count_ == 1) return;
  const double flow = typical * bar.volume;
  const double positive = change > 0 ? flow : 0.0;
  const double negative = change < 0 ? flow : 0.0;
  if (positive_.Full()) {
    positive_sum_ -= positive_.Oldest();
    negative_sum_ -= negative_.Oldest();
  }
  positive_.Push(positive);
  negative_.Push(negative);
  positive_sum_ += positive;
  negative_sum_ += negative;
  if (!Ready()) return;
  const double total = positive_sum_ + negative_sum_;
  value_ = total < 1.0 ? 0.0 : 100.0 * (positive_sum_ / total);
}

void Mfi::Reset() {
  positive_.Clear();
  negative_.Clear();
  positive_sum_ = negative_sum_ = prev_typical_ = 0;
  value_ = kNaN;
  count_ = 0;
}

}  // namespace pulse::indicators
