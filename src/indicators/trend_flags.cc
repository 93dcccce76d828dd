#include "indicators/trend_flags.h"

#include <algorithm>

namespace pulse::indicators {

// ---- PriceSmaRatio ----

void PriceSmaRatio::Add(double close) {
  sma_.Add(close);
  if (!sma_.Ready()) return;
  const double sma = sma_.value();
  value_ = sma != 0.0 ? close / sma - 1.0 : 0.0;
}

void PriceSmaRatio::Reset() {
  sma_.Reset();
  value_ = kNaN;
}

// ---- TrendFlags ----

int TrendFlags::WarmUp() const { return std::max({fast_.WarmUp(), slow_.WarmUp(), adx_.WarmUp()}); }

void TrendFlags::Update(const Bar& bar) {
  fast_.Add(bar.close);
  slow_.Add(bar.close);
  adx_.Update(bar);
  close_ = bar.close;
}

void TrendFlags::Reset() {
  fast_.Reset();
  slow_.Reset();
  adx_.Reset();
  close_ = 0;
}

double TrendFlags::Value(int index) const {
  if (!Ready()) return kNaN;
  const double fast = fast_.value();
  const double slow = slow_.value();
  const bool trending = adx_.adx() > threshold_;
  switch (index) {
    case 0:
      return close_ > slow ? 1.0 : 0.0;
    case 1:
      return fast > slow ? 1.0 : 0.0;
    case 2:
      return trending ? 1.0 : 0.0;
    default:
      if (!trending) return 0.0;
      if (close_ > fast && fast > slow) return 1.0;
      if (close_ < fast && fast < slow) return -1.0;
      return 0.0;
  }
}

}  // namespace pulse::indicators
