#include "indicators/hma.h"

#include <cmath>

namespace pulse::indicators {

Hma::Hma(int period)
    : period_(period),
      full_(period),
      half_(period / 2),
      outer_(static_cast<int>(std::sqrt(static_cast<double>(period)))) {}

void Hma::Add(double x) {
  full_.Add(x);
  half_.Add(x);
  // The half-length WMA is ready no later than the full one.
  if (full_.Ready()) outer_.Add(2.0 * half_.value() - full_.value());
}

void Hma::Reset() {
  full_.Reset();
  half_.Reset();
  outer_.Reset();
}

}  // namespace pulse::indicators
