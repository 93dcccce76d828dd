#include "indicators/chaikin_volatility.h"

namespace pulse::indicators {

ChaikinVolatility::ChaikinVolatility(int period)
    : period_(period),
      ema_(period, 2.0 / (period + 1), EmaSeed::kFirstValue, 0),
      history_(period + 1) {}

void ChaikinVolatility::Update(const Bar& bar) {
  ema_.Add(bar.high - bar.low);
  history_.Push(ema_.value());
  if (++count_ <= WarmUp()) return;
  const double old = history_.Back(period_);
  value_ = old != 0.0 ? 100.0 * (ema_.value() - old) / old : 0.0;
}

void ChaikinVolatility::Reset() {
  ema_.Reset();
  history_.Clear();
  value_ = kNaN;
  count_ = 0;
}

}  // namespace pulse::indicators
