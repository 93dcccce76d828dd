#include "indicators/donchian.h"

namespace pulse::indicators {

Donchian::Donchian(int period)
    : period_(period),
      highest_(period, MinMaxWindow::Kind::kMax),
      lowest_(period, MinMaxWindow::Kind::kMin) {}

void Donchian::Update(const Bar& bar) {
  highest_.Push(bar.high);
  lowest_.Push(bar.low);
  ++count_;
}

void Donchian::Reset() {
  highest_.Clear();
  lowest_.Clear();
  count_ = 0;
}

double Donchian::Value(int index) const {
  if (!Ready()) return kNaN;
  switch (index) {
    case 0:
      return highest_.Value();
    case 1:
      return (highest_.Value() + lowest_.Value()) / 2.0;
    default:
      return lowest_.Value();
  }
}

}  // namespace pulse::indicators
