#include "indicators/vwma.h"

namespace pulse::indicators {

Vwma::Vwma(int period) : period_(period), closes_(period), volumes_(period) {}

void Vwma::Update(const Bar& bar) {
  if (closes_.Full()) {
    const double old_close = closes_.Oldest();
    const double old_volume = volumes_.Oldest();
    price_volume_sum_ -= old_close * old_volume;
    volume_sum_ -= old_volume;
    close_sum_ -= old_close;
    if (old_volume != 0.0) --nonzero_volumes_;
  }
  closes_.Push(bar.close);
  volumes_.Push(bar.volume);
  price_volume_sum_ += bar.close * bar.volume;
  volume_sum_ += bar.volume;
  close_sum_ += bar.close;
  if (bar.volume != 0.0) ++nonzero_volumes_;
  if (++count_ < period_) return;
  value_ = nonzero_volumes_ > 0 ? price_volume_sum_ / volume_sum_ : close_sum_ / period_;
}

void Vwma::Reset() {
  closes_.Clear();
  volumes_.Clear();
  price_volume_sum_ = volume_sum_ = close_sum_ = 0;
  nonzero_volumes_ = 0;
  value_ = kNaN;
  count_ = 0;
}

}  // namespace pulse::indicators
