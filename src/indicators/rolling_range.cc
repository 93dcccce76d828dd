#include "indicators/rolling_range.h"

namespace pulse::indicators {

RollingRange::RollingRange(Kind kind, int period)
    : kind_(kind),
      period_(period),
      highest_(period, MinMaxWindow::Kind::kMax),
      lowest_(period, MinMaxWindow::Kind::kMin) {}

void RollingRange::Update(const Bar& bar) {
  if (kind_ == Kind::kMidPrice) {
    AddHighLow(bar.high, bar.low);
  } else {
    Add(bar.close);
  }
}

void RollingRange::AddHighLow(double high, double low) {
  if (kind_ != Kind::kMin) highest_.Push(high);
  if (kind_ != Kind::kMax) lowest_.Push(low);
  if (++count_ < period_) return;
  switch (kind_) {
    case Kind::kMax:
      value_ = highest_.Value();
      break;
    case Kind::kMin:
      value_ = lowest_.Value();
      break;
    case Kind::kMidPoint:
    case Kind::kMidPrice:
      value_ = (highest_.Value() + lowest_.Value()) / 2.0;
      break;
  }
}

void RollingRange::Reset() {
  highest_.Clear();
  lowest_.Clear();
  value_ = kNaN;
  count_ = 0;
}

}  // namespace pulse::indicators
