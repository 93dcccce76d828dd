#include "indicators/macd.h"

#include <algorithm>
#include <utility>

namespace pulse::indicators {

Macd::Macd(int fast_period, int slow_period, int signal_period)
    : skip_(std::max(fast_period, slow_period) - std::min(fast_period, slow_period)),
      fast_(std::min(fast_period, slow_period)),
      slow_(std::max(fast_period, slow_period)),
      signal_(signal_period) {}

Macd::Macd(int skip, Ema fast, Ema slow, Ema signal)
    : skip_(skip), fast_(std::move(fast)), slow_(std::move(slow)), signal_(std::move(signal)) {}

Macd Macd::Fixed(int signal_period, EmaSeed seed) {
  return Macd(seed == EmaSeed::kSma ? 26 - 12 : 0, Ema(12, 0.15, seed, 0), Ema(26, 0.075, seed, 0),
              Ema(signal_period, 2.0 / (signal_period + 1), seed, 0));
}

void Macd::Add(double x) {
  ++count_;
  slow_.Add(x);
  if (count_ > skip_) fast_.Add(x);
  if (!slow_.Ready()) return;
  macd_ = fast_.value() - slow_.value();
  signal_.Add(macd_);
}

void Macd::Reset() {
  fast_.Reset();
  slow_.Reset();
  signal_.Reset();
  macd_ = kNaN;
  count_ = 0;
}

double Macd::Value(int index) const {
  if (!Ready()) return kNaN;
  switch (index) {
    case 0:
      return macd();
    case 1:
      return signal();
    default:
      return hist();
  }
}

void Macd::UpdateInto(const Bar& bar, double* out) {
  Add(bar.close);
  if (!Ready()) {
    out[0] = out[1] = out[2] = kNaN;
    return;
  }
  out[0] = macd();
  out[1] = signal();
  out[2] = hist();
}

}  // namespace pulse::indicators
