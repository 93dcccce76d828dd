#include "indicators/stoch_rsi.h"

namespace pulse::indicators {

StochRsi::StochRsi(int period, int fastk_period, int fastd_period, MaOfType::Type fastd_type)
    : rsi_(period), stochf_(fastk_period, fastd_period, fastd_type) {}

void StochRsi::Add(double x) {
  rsi_.Add(x);
  if (!rsi_.Ready()) return;
  const double r = rsi_.value();
  stochf_.AddHighLowClose(r, r, r);
}

void StochRsi::Reset() {
  rsi_.Reset();
  stochf_.Reset();
}

}  // namespace pulse::indicators
