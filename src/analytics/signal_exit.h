// Closing a signal's result: P&L before and after fees, hold time and outcome for an exit at a
// price and time. The one arithmetic the outcome tracker and the manual recorder share.
// Pure functions; thread-safe.
#pragma once

#include <string>

#include "model/signal.h"

namespace pulse::analytics {

// What an exit costs and how its outcome is judged.
struct ExitCosts {
  double fee_pct_per_side = 0;      // taker fee in %, charged on entry and exit notional
  double breakeven_band_pct = 0.5;  // |net P&L %| within the band is a breakeven
};

// `open` (entry price and time set) closed at `exit_price` / `exit_time` for `reason`:
// pnl_percent and pnl_quote before fees, fees_quote and pnl_quote_total for the signal's size
// (when it has one), pnl_percent_net = pnl_percent - fees as % of the entry notional, outcome
// classified on the net P&L %, hold minutes. MFE/MAE and exit_resolution are left as they are.
SignalResult CloseSignalResult(const Signal& signal, SignalResult open, double exit_price,
                               UnixNanos exit_time, std::string reason, const ExitCosts& costs);

// Whether a source that contributed `contribution_score` (> 0: it backed the signal's side) was
// right about a signal that ended with `outcome`; nullopt for open and breakeven outcomes and
// for a score of 0 (a vote of no strength, or a source of no weight, argued for neither side).
std::optional<bool> ContributionWasCorrect(double contribution_score, Outcome outcome);

}  // namespace pulse::analytics
