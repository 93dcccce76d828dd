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

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "analytics/trade_monte_carlo.h"
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

// The figures above for one closed paper position, with what a trader compares by hand: the
// prices the signal and the tracker used against the account's fills.
struct PositionReconciliation {
  std::int64_t position_id = 0;
  SignalId signal_id = 0;
  std::string symbol;
  Direction direction = Direction::kLong;
  UnixNanos opened_at = 0;  // the entry fill's time
  UnixNanos closed_at = 0;  // the exit fill's time
  std::string exit_reason;  // the exit fill's
  double quantity = 0;      // the account's
  double entry_fill = 0;
  double exit_fill = 0;
  double paper = 0;  // realised: the fills' P&L after both fees
  // The signal's side of it; nullopt for a position whose signal has no resolved outcome with a
  // size and quote P&L (an unmatched one).
  struct Steps {
    double signal_size = 0;
    double signal_entry = 0;  // the tracker's entry and exit prices
    double signal_exit = 0;
    double signals = 0;
    double size = 0;
    double timing = 0;
    double slippage = 0;
    double fees = 0;
  };
  std::optional<Steps> steps;
};

// `outcomes`: resolved outcomes of traded signals (shadows are skipped); `fills`: the paper
// account's fills, any order. A position counts once both its entry (kFillEntry) and its exit
// fill are there; the list is in position order. InvalidArgument for a position with two entries
// or two exits, or fills of one position that disagree on the signal or the quantity.
Result<std::vector<PositionReconciliation>> ReconcilePaperPositions(
    std::span<const OutcomeResolved> outcomes, std::span<const Fill> fills);
// The totals of `positions`, added in their order.
PaperReconciliation SumPaperPositions(std::span<const PositionReconciliation> positions);
// SumPaperPositions(ReconcilePaperPositions(outcomes, fills)).
Result<PaperReconciliation> ReconcilePaperWithSignals(std::span<const OutcomeResolved> outcomes,
                                                      std::span<const Fill> fills);

// The positions as the account booked them, for the Monte Carlo (trade_monte_carlo.h): in the
// order of their exit fills (ties in list order), each realised P&L (`paper`) over the equity
// before it on an account that starts with `capital`; a P&L below zero is a loss. Unmatched
// positions count: the account took them too. InvalidArgument as CompoundOnAccount (naming the
// position).
Result<std::vector<AccountTrade>> PaperAccountTrades(
    std::span<const PositionReconciliation> positions, double capital);

}  // namespace pulse::analytics
