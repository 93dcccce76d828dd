#include "indicators/trix.h"

namespace pulse::indicators {

Trix::Trix(int period) : ema1_(period), ema2_(period), ema3_(period) {}

void Trix::Add(double x) {
  ++count_;
  ema1_.Add(x);
  if (!ema1_.Ready()) return;
  ema2_.Add(ema1_.value());
  if (!ema2_.Ready()) return;
  ema3_.Add(ema2_.value());
  if (!ema3_.Ready()) return;
  const double current = ema3_.value();
  if (Ready()) value_ = prev_ != 0.0 ? ((current / prev_) - 1.0) * 100.0 : 0.0;
  prev_ = current;
}

void Trix::Reset() {
  ema1_.Reset();
  ema2_.Reset();
  ema3_.Reset();
  prev_ = value_ = kNaN;
  count_ = 0;
}

}  // namespace pulse::indicators
