#include "indicators/ema_cross.h"

#include <algorithm>

namespace pulse::indicators {

int EmaCross::WarmUp() const { return std::max(fast_.WarmUp(), slow_.WarmUp()); }

void EmaCross::Add(double close) {
  fast_.Add(close);
  slow_.Add(close);
  if (!Ready()) return;
  const double fast = fast_.value();
  const double slow = slow_.value();
  const int state = fast > slow ? 1 : fast < slow ? -1 : 0;
  if (bars_since_ < 0 || state != state_) {
    state_ = state;
    bars_since_ = 0;
  } else {
    ++bars_since_;
  }
}

void EmaCross::Reset() {
  fast_.Reset();
  slow_.Reset();
  state_ = 0;
  bars_since_ = -1;
}

double EmaCross::Value(int index) const {
  if (!Ready()) return kNaN;
  return index == 0 ? state_ : static_cast<double>(bars_since_);
}

}  // namespace pulse::indicators
