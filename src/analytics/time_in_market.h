// TimeInMarket: how much of a period at least one trade was open (backtesting.py's "exposure
// time"), from the trades' entry and exit times and the positions still open. Pure; thread-safe.
#pragma once

#include <span>

#include "analytics/trade_record.h"
#include "core/time.h"

namespace pulse::analytics {

// The share (0..1) of [from, to] covered by the union of the trades' [entry, exit] spans and of
// [entry, to] for the positions still open at `to` (`open_since`: their entry times), each
// clipped to the period; overlapping spans count once. 0 when the period is empty (to <= from).
double TimeInMarket(std::span<const TradeRecord> trades, UnixNanos from, UnixNanos to,
                    std::span<const UnixNanos> open_since = {});

}  // namespace pulse::analytics
