#include "indicators/stoch_fast.h"

namespace pulse::indicators {

StochF::StochF(int fastk_period, int fastd_period, MaOfType::Type fastd_type)
    : fastk_period_(fastk_period),
      highest_(fastk_period, MinMaxWindow::Kind::kMax),
      lowest_(fastk_period, MinMaxWindow::Kind::kMin),
      fastd_(fastd_period, fastd_type) {}

void StochF::AddHighLowClose(double high, double low, double close) {
  highest_.Push(high);
  lowest_.Push(low);
  if (++count_ < fastk_period_) return;
  const double lowest = lowest_.Value();
  const double diff = (highest_.Value() - lowest) / 100.0;
  fastk_ = diff != 0.0 ? (close - lowest) / diff : 0.0;
  fastd_.Add(fastk_);
}

void StochF::Reset() {
  highest_.Clear();
  lowest_.Clear();
  fastd_.Reset();
  fastk_ = kNaN;
  count_ = 0;
}

double StochF::Value(int index) const {
  if (!Ready()) return kNaN;
  return index == 0 ? fastk_ : fastd_.Value();
}

}  // namespace pulse::indicators
