#include "indicators/ht_sine.h"

#include <cmath>

namespace pulse::indicators {
namespace {

// TA-Lib's deg2Rad: 1 / (45 / atan(1)).
double Deg2Rad() { return 1.0 / (45.0 / std::atan(1)); }

}  // namespace

double HtSine::Sine(double phase_degrees) { return std::sin(phase_degrees * Deg2Rad()); }

double HtSine::LeadSine(double phase_degrees) { return std::sin((phase_degrees + 45) * Deg2Rad()); }

double HtSine::Value(int index) const {
  if (!Ready()) return kNaN;
  if (index == 0) return Sine(cycle_.phase());
  return index == 1 ? LeadSine(cycle_.phase()) : kNaN;
}

}  // namespace pulse::indicators
