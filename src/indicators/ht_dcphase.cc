#include "indicators/ht_dcphase.h"

namespace pulse::indicators {

double HtDcPhase::Value(int index) const {
  if (!Ready() || index != 0) return kNaN;
  return cycle_.phase();
}

}  // namespace pulse::indicators
