#include "indicators/price_oscillator.h"

#include <algorithm>

#include "indicators/talib_compat.h"

namespace pulse::indicators {

PriceOscillator::PriceOscillator(Kind kind, int fast_period, int slow_period, MaType ma_type,
                                 EmaSeed seed)
    : kind_(kind),
      fast_period_(std::min(fast_period, slow_period)),
      slow_period_(std::max(fast_period, slow_period)),
      ma_type_(ma_type),
      seed_(seed),
      fast_sma_(fast_period_),
      slow_sma_(slow_period_),
      fast_ema_(fast_period_, 2.0 / (fast_period_ + 1), seed, 0),
      slow_ema_(slow_period_, 2.0 / (slow_period_ + 1), seed, 0) {}

void PriceOscillator::Add(double x) {
  ++count_;
  double fast = 0;
  double slow = 0;
  if (ma_type_ == MaType::kSma) {
    fast_sma_.Add(x);
    slow_sma_.Add(x);
    fast = fast_sma_.value();
    slow = slow_sma_.value();
  } else {
    slow_ema_.Add(x);
    if (seed_ == EmaSeed::kFirstValue || count_ > slow_period_ - fast_period_) fast_ema_.Add(x);
    fast = fast_ema_.value();
    slow = slow_ema_.value();
  }
  if (!Ready()) return;
  if (kind_ == Kind::kApo) {
    value_ = fast - slow;
  } else {
    value_ = TaIsZero(slow) ? 0.0 : ((fast - slow) / slow) * 100.0;
  }
}

void PriceOscillator::Reset() {
  fast_sma_.Reset();
  slow_sma_.Reset();
  fast_ema_.Reset();
  slow_ema_.Reset();
  value_ = kNaN;
  count_ = 0;
}

}  // namespace pulse::indicators
