#include "indicators/rate_of_change.h"

namespace pulse::indicators {

RateOfChange::RateOfChange(Kind kind, int period)
    : kind_(kind), period_(period), window_(period + 1) {}

void RateOfChange::Add(double x) {
  window_.Push(x);
  if (!window_.Full()) return;
  const double old = window_.Oldest();
  if (old == 0.0) {
    value_ = 0.0;
    return;
  }
  switch (kind_) {
    case Kind::kRocp:
      value_ = (x - old) / old;
      break;
    case Kind::kRocr:
      value_ = x / old;
      break;
    case Kind::kRocr100:
      value_ = (x / old) * 100.0;
      break;
  }
}

void RateOfChange::Reset() {
  window_.Clear();
  value_ = kNaN;
}

}  // namespace pulse::indicators
