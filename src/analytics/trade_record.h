// TradeRecord: what the trade statistics, breakdowns and equity curves need of one resolved
// trade, taken from a signal and its result. Plain value type; thread-compatible.
#pragma once

#include <optional>
#include <string>

#include "core/ids.h"
#include "core/status.h"
#include "core/time.h"
#include "model/signal.h"

namespace pulse::analytics {

struct TradeRecord {
  SignalId signal_id = 0;
  std::string symbol;
  std::string exchange;
  std::string timeframe;
  std::string source;  // "manual", "theory:<name>", "model:<name>"
  Direction direction = Direction::kLong;
  std::optional<double> confidence;  // 0..1, when the signal had one
  UnixNanos entry_time = 0;
  UnixNanos exit_time = 0;
  double pnl_percent = 0;           // direction-aware, before fees
  std::optional<double> pnl_quote;  // quote currency for the position, after fees
  Outcome outcome = Outcome::kBreakeven;
  std::string exit_reason;  // kExitTakeProfit, ... (model/outcome_events.h)
  double hold_minutes = 0;
  std::optional<double> mfe_percent;  // maximum favourable excursion
  std::optional<double> mae_percent;  // maximum adverse excursion
};

// The record of a closed result: InvalidArgument (naming the signal) when the result is still
// open or lacks its exit time or P&L %. Hold minutes default to (exit - entry) when not stored.
Result<TradeRecord> MakeTradeRecord(const Signal& signal, const SignalResult& result);
// The same from a result alone (symbol, source and the other signal fields stay empty).
Result<TradeRecord> MakeTradeRecord(const SignalResult& result);

}  // namespace pulse::analytics
