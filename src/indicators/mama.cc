#include "indicators/mama.h"

#include <cmath>

namespace pulse::indicators {

Mama::Mama(double fast_limit, double slow_limit)
    : fast_limit_(fast_limit), slow_limit_(slow_limit), hilbert_(12) {}

void Mama::Add(double x) {
  if (!hilbert_.Add(x)) return;
  const double rad2deg = 180.0 / (4.0 * std::atan(1));
  const double i1 = hilbert_.in_phase();
  const double phase = i1 != 0.0 ? std::atan(hilbert_.quadrature() / i1) * rad2deg : 0.0;
  double delta = prev_phase_ - phase;
  prev_phase_ = phase;
  if (delta < 1.0) delta = 1.0;
  double alpha;
  if (delta > 1.0) {
    alpha = fast_limit_ / delta;
    if (alpha < slow_limit_) alpha = slow_limit_;
  } else {
    alpha = fast_limit_;
  }
  mama_ = (alpha * x) + ((1 - alpha) * mama_);
  alpha *= 0.5;
  fama_ = (alpha * mama_) + ((1 - alpha) * fama_);
}

void Mama::Reset() {
  hilbert_.Reset();
  prev_phase_ = 0;
  mama_ = fama_ = 0;
}

double Mama::Value(int index) const {
  if (!Ready()) return kNaN;
  return index == 0 ? mama_ : fama_;
}

}  // namespace pulse::indicators
