// Why the paper account made something other than the signals it traded: the tracker's P&L of
// those signals (at their own size, at the signal's entry and the tracker's exit, after the
// tracker's fees) taken step by step to the paper account's realised P&L:
//
//   signals   sum of pnl_quote_total (the tracker)
//   size      sum of pnl_quote * (paper quantity - signal size): the account traded another
//             quantity (exposure cap, cash)
//   timing    the fills' reference prices (the next bar's open, a gap through a stop) instead
//             of the tracker's entry and exit prices, at the paper quantity
//   slippage  the fill prices instead of the reference prices (slippage and market impact)
//   fees      the tracker's fees less the paper account's
//   paper     the positions' realised P&L from their fills, which the five figures above add
//             up to (the tracker's pnl_quote_total is pnl_quote * size less fees_quote)
//
// Pure functions; thread-safe.
#pragma once

#include <span>

#include "core/status.h"
#include "model/outcome_events.h"
#include "model/trading.h"

namespace pulse::analytics {

struct PaperReconciliation {
  int positions = 0;  // closed paper positions whose signal's outcome is known
  double signals = 0;
  double size = 0;
  double timing = 0;
  double slippage = 0;
  double fees = 0;
  double paper = 0;
  // Closed positions that could not be taken apart: their signal has no resolved outcome with a
  // size and quote P&L in `outcomes` (left out of every figure above), and their realised P&L.
  int unmatched = 0;
  double unmatched_paper = 0;
};

// `outcomes`: resolved outcomes of traded signals (shadows are skipped); `fills`: the paper
// account's fills, any order. A position counts once both its entry (kFillEntry) and its exit
// fill are there. InvalidArgument for a position with two entries or two exits, or fills of
// one position that disagree on the signal or the quantity.
Result<PaperReconciliation> ReconcilePaperWithSignals(std::span<const OutcomeResolved> outcomes,
                                                      std::span<const Fill> fills);

}  // namespace pulse::analytics
