#include "indicators/ht_phasor.h"

namespace pulse::indicators {

double HtPhasor::Value(int index) const {
  if (!Ready()) return kNaN;
  if (index == 0) return hilbert_.in_phase();
  return index == 1 ? hilbert_.quadrature() : kNaN;
}

}  // namespace pulse::indicators
