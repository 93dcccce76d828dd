#include "indicators/keltner.h"

namespace pulse::indicators {

Keltner::Keltner(int period, double multiplier, int atr_period)
    : multiplier_(multiplier), ema_(period), atr_(atr_period) {}

void Keltner::Update(const Bar& bar) {
  ema_.Add(bar.close);
  atr_.Update(bar);
}

void Keltner::Reset() {
  ema_.Reset();
  atr_.Reset();
}

double Keltner::Value(int index) const {
  if (!Ready()) return kNaN;
  const double middle = ema_.value();
  switch (index) {
    case 0:
      return middle + multiplier_ * atr_.value();
    case 1:
      return middle;
    default:
      return middle - multiplier_ * atr_.value();
  }
}

}  // namespace pulse::indicators
