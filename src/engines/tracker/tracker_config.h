// Configuration of the outcome tracker: how a bar that touches both levels is decided when no
// finer bars say which came first, the fees charged on each side, and the breakeven band.
#pragma once

#include "analytics/bracket_exit.h"
#include "core/status.h"

namespace pulse::tracker {

// Plain value type; defaults are the embedded defaults.
struct TrackerConfig {
  // Used when a bar touches stop-loss and take-profit and no finer bars resolve it.
  analytics::BothHitPolicy both_hit_policy = analytics::BothHitPolicy::kStopLossFirst;
  double fee_pct_per_side = 0.1;    // taker fee in % of notional, on entry and on exit
  double breakeven_band_pct = 0.5;  // |net P&L %| within the band is a breakeven

  // Every problem at once, each naming its field (tracker.fee_pct_per_side, ...).
  Status Validate() const;
};

}  // namespace pulse::tracker
