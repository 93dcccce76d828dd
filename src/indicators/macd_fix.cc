#include "indicators/macd_fix.h"

namespace pulse::indicators {

MacdFix::MacdFix(int signal_period, EmaSeed seed)
    : skip_(seed == EmaSeed::kSma ? 26 - 12 : 0),
      fast_(12, 0.15, seed, 0),
      slow_(26, 0.075, seed, 0),
      signal_(signal_period, 2.0 / (signal_period + 1), seed, 0) {}

void MacdFix::Add(double x) {
  ++count_;
  slow_.Add(x);
  if (count_ > skip_) fast_.Add(x);
  if (!slow_.Ready()) return;
  macd_ = fast_.value() - slow_.value();
  signal_.Add(macd_);
}

void MacdFix::Reset() {
  fast_.Reset();
  slow_.Reset();
  signal_.Reset();
  macd_ = kNaN;
  count_ = 0;
}

double MacdFix::Value(int index) const {
  if (!Ready()) return kNaN;
  switch (index) {
    case 0:
      return macd_;
    case 1:
      return signal_.value();
    default:
      return macd_ - signal_.value();
  }
}

}  // namespace pulse::indicators
