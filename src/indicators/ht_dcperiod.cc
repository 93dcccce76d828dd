#include "indicators/ht_dcperiod.h"

namespace pulse::indicators {

double HtDcPeriod::Value(int index) const {
  if (!Ready() || index != 0) return kNaN;
  return hilbert_.smooth_period();
}

}  // namespace pulse::indicators
