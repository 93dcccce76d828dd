#include "indicators/momentum.h"

namespace pulse::indicators {

Mom::Mom(int period) : period_(period), window_(period + 1) {}

void Mom::Add(double x) {
  window_.Push(x);
  if (window_.Full()) value_ = x - window_.Oldest();
}

void Mom::Reset() {
  window_.Clear();
  value_ = kNaN;
}

Roc::Roc(int period) : period_(period), window_(period + 1) {}

void Roc::Add(double x) {
  window_.Push(x);
  if (!window_.Full()) return;
  const double old = window_.Oldest();
  value_ = old != 0.0 ? ((x / old) - 1.0) * 100.0 : 0.0;
}

void Roc::Reset() {
  window_.Clear();
  value_ = kNaN;
}

}  // namespace pulse::indicators
