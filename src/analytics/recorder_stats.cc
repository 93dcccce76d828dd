#include "analytics/recorder_stats.h"

#include <vector>

#include "analytics/trade_stats.h"

namespace pulse::analytics {

RecorderStats ComputeRecorderStats(std::span<const SignalResult> results) {
  std::vector<TradeRecord> trades;
  trades.reserve(results.size());
  for (const SignalResult& r : results) {
    if (r.outcome == Outcome::kOpen || !r.pnl_percent) continue;
    TradeRecord t;
    t.signal_id = r.signal_id;
    t.entry_time = r.entry_time;
    t.exit_time = r.exit_time.value_or(r.updated_at);
    t.pnl_percent = *r.pnl_percent;
    t.outcome = r.outcome;
    trades.push_back(std::move(t));
  }
  const TradeStats t = ComputeTradeStats(trades);
  RecorderStats s;
  s.total_trades = t.count;
  s.wins = t.wins;
  s.losses = t.losses;
  s.breakevens = t.breakevens;
  s.win_rate_pct = t.win_rate_pct;
  s.avg_win_pct = t.avg_win_pct;
  s.avg_loss_pct = t.avg_loss_pct;
  s.avg_pnl_pct = t.expectancy_pct;
  s.profit_factor = t.profit_factor;
  return s;
}

}  // namespace pulse::analytics
