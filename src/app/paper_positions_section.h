// The paper account's positions one by one against the signals they traded
// (analytics::ReconcilePaperPositions), for the backtest and stats reports: where the account
// and its signals part, position by position, instead of only in total. As JSON (in position
// order) and as a text table of the positions furthest from their signals. Pure functions;
// thread-safe.
#pragma once

#include <cstddef>
#include <span>
#include <string>

#include <nlohmann/json.hpp>

#include "analytics/paper_reconciliation.h"

namespace pulse::app {

// One object per position, in the order given:
//   {"position", "signal_id", "symbol", "direction", "opened", "closed" (ISO-8601),
//    "exit_reason", "signal_size", "quantity", "signal_entry", "entry_fill", "signal_exit",
//    "exit_fill", "signals", "size", "timing", "slippage", "fees", "paper"}
// "signals" .. "fees" are the steps of PaperVsSignalsJson for this position (they add up to
// "paper"); the signal's figures are null for a position without a resolved signal outcome.
nlohmann::ordered_json PaperPositionsJson(
    std::span<const analytics::PositionReconciliation> positions);

// How many positions the reports' text shows.
inline constexpr std::size_t kPaperPositionsShown = 5;

// The `count` positions of PaperPositionsJson whose paper P&L is furthest from their signals'
// (|paper - signals|, ties in position order), as a titled table in position order; "" when no
// position has a signal outcome.
std::string PaperPositionsText(const nlohmann::ordered_json& positions, std::size_t count);

}  // namespace pulse::app
