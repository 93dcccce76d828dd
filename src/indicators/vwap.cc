#include "indicators/vwap.h"

namespace pulse::indicators {

Vwap::Vwap(int session_minutes)
    : session_nanos_(static_cast<UnixNanos>(session_minutes) * kNanosPerMinute) {}

long long Vwap::SessionOf(UnixNanos t) const {
  long long q = t / session_nanos_;
  if (t % session_nanos_ != 0 && t < 0) --q;
  return q;
}

void Vwap::Update(const Bar& bar) {
  const long long session = SessionOf(bar.open_time);
  if (!started_ || session != session_) {
    session_ = session;
    price_volume_sum_ = 0;
    volume_sum_ = 0;
    started_ = true;
  }
  const double typical = (bar.high + bar.low + bar.close) / 3.0;
  price_volume_sum_ += typical * bar.volume;
  volume_sum_ += bar.volume;
  value_ = volume_sum_ != 0.0 ? price_volume_sum_ / volume_sum_ : typical;
}

void Vwap::Reset() {
  started_ = false;
  session_ = 0;
  price_volume_sum_ = 0;
  volume_sum_ = 0;
  value_ = kNaN;
}

}  // namespace pulse::indicators
