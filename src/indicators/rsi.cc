#include "indicators/rsi.h"

#include "indicators/talib_compat.h"

namespace pulse::indicators {

Rsi::Rsi(int period) : period_(period) {}

void Rsi::Add(double x) {
  ++count_;
  if (count_ == 1) {
    prev_ = x;
    return;
  }
  const double diff = x - prev_;
  prev_ = x;
  if (count_ <= period_) {
    if (diff < 0) {
      loss_ -= diff;
    } else {
      gain_ += diff;
    }
    return;
  }
  if (count_ == period_ + 1) {
    if (diff < 0) {
      loss_ -= diff;
    } else {
      gain_ += diff;
    }
    loss_ /= period_;
    gain_ /= period_;
  } else {
    loss_ *= (period_ - 1);
    gain_ *= (period_ - 1);
    if (diff < 0) {
      loss_ -= diff;
    } else {
      gain_ += diff;
    }
    loss_ /= period_;
    gain_ /= period_;
  }
  const double total = gain_ + loss_;
  value_ = TaIsZero(total) ? 0.0 : 100.0 * (gain_ / total);
}

void Rsi::Reset() {
  prev_ = 0;
  gain_ = 0;
  loss_ = 0;
  value_ = kNaN;
  count_ = 0;
}

void Cmo::Update(const Bar& bar) {
  rsi_.Add(bar.close);
  if (!rsi_.Ready()) return;
  const double gain = rsi_.average_gain();
  const double loss = rsi_.average_loss();
  const double total = gain + loss;
  value_ = TaIsZero(total) ? 0.0 : 100.0 * ((gain - loss) / total);
}

}  // namespace pulse::indicators
