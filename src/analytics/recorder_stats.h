// RecorderStats: the trade recorder's summary of closed trades (the seed's record_trade.py
// figures): counts, win rate, average win / loss and profit factor over P&L percentages. A
// view of TradeStats (trade_stats.h), which computes every figure. Pure; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <span>

#include "model/signal.h"

namespace pulse::analytics {

struct RecorderStats {
  std::int64_t total_trades = 0;
  std::int64_t wins = 0;
  std::int64_t losses = 0;
  std::int64_t breakevens = 0;
  double win_rate_pct = 0;  // wins / total_trades * 100 (0 when there are no trades)
  double avg_win_pct = 0;   // mean P&L % of wins (0 when none)
  double avg_loss_pct = 0;  // mean P&L % of losses, negative (0 when none)
  double avg_pnl_pct = 0;   // mean P&L % of every closed trade
  // Sum of winners' P&L % over the sum of losers' |P&L %|, breakevens excluded (equal to the
  // seed's (wins*avg_win)/(losses*|avg_loss|)). +infinity when there are wins and no losses;
  // std::nullopt when there are neither wins nor losses.
  std::optional<double> profit_factor;
};

// Closed results only: rows whose outcome is kOpen or that lack pnl_percent are ignored.
RecorderStats ComputeRecorderStats(std::span<const SignalResult> results);

}  // namespace pulse::analytics
