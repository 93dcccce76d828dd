#include "indicators/percentile_rank.h"

namespace pulse::indicators {

void PercentileRank::Add(double x) {
  window_.Push(x);
  if (!window_.Full()) return;
  int below = 0;
  int equal = 0;
  for (int i = 1; i <= period_; ++i) {
    const double v = window_.Back(i);
    if (v < x) {
      ++below;
    } else if (v == x) {
      ++equal;
    }
  }
  value_ = 100.0 * (below + 0.5 * equal) / period_;
}

void PercentileRank::Reset() {
  window_.Clear();
  value_ = kNaN;
}

}  // namespace pulse::indicators
