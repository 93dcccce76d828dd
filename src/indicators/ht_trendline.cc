#include "indicators/ht_trendline.h"

namespace pulse::indicators {

double HtTrendline::Value(int index) const {
  if (!Ready() || index != 0) return kNaN;
  return cycle_.trendline();
}

}  // namespace pulse::indicators
