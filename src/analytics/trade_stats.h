// TradeStats: the statistics of a set of resolved trades (counts, win rate, average win / loss,
// payoff ratio, profit factor, expectancy, SQN, streaks, hold times, best / worst trade). The
// one implementation behind `pulse stats` (RecorderStats is a view of it), the breakdowns, the
// tracker's rolling figures and the backtest report. Pure; thread-safe.
//
// Conventions (src/analytics/README.md):
//   - win rate = wins / count * 100: breakevens count in the denominator.
//   - profit factor = sum of winners' P&L % / sum of losers' |P&L %|, breakevens excluded;
//     +inf with wins and no losses, undefined (nullopt) with neither.
//   - payoff ratio = average win % / |average loss %|; +inf with wins and no losses, nullopt
//     with no wins or (no wins and no losses).
//   - expectancy = mean P&L % per trade (= P(win) avg win + P(loss) avg loss + P(be) avg be).
//   - SQN (Van Tharp's System Quality Number) = sqrt(n) * mean(R) / std(R) with R the P&L % of
//     each trade and std the sample deviation (n - 1); nullopt for fewer than 2 trades or a zero
//     deviation.
//   - Kelly fraction = W - (1 - W) / payoff ratio, W the win rate as a fraction (breakevens
//     count as not won), in %: the share of capital the Kelly criterion would stake on each
//     trade; W with no losses, nullopt when the payoff ratio is (no wins). Negative: no edge.
//   - streaks follow exit time (ties in the given order); a breakeven ends both streaks.
//   - how sure those are (confidence_interval.h): the 95 % Wilson interval of the win rate, the
//     95 % Student-t interval of the expectancy and the one-sided t-test p-value of "the
//     expectancy is above zero" (nullopt as SQN).
#pragma once

#include <cstdint>
#include <optional>
#include <span>

#include "analytics/trade_record.h"

namespace pulse::analytics {

struct TradeStats {
  std::int64_t count = 0;
  std::int64_t wins = 0;
  std::int64_t losses = 0;
  std::int64_t breakevens = 0;
  double win_rate_pct = 0;    // 0 when there are no trades
  double avg_win_pct = 0;     // 0 when no wins
  double avg_loss_pct = 0;    // negative; 0 when no losses
  double expectancy_pct = 0;  // mean P&L % per trade
  double total_pnl_pct = 0;   // sum of P&L %
  std::optional<double> payoff_ratio;
  std::optional<double> profit_factor;
  std::optional<double> sqn;
  std::optional<double> kelly_pct;
  std::optional<double> win_rate_low_pct;  // the 95 % interval of the win rate (none: no trades)
  std::optional<double> win_rate_high_pct;
  std::optional<double> expectancy_low_pct;  // the 95 % interval of the expectancy
  std::optional<double> expectancy_high_pct;
  std::optional<double> expectancy_p_value;  // P(a mean this high | the true one is 0)
  // Quote-currency P&L after fees, over the trades that have it.
  std::int64_t quote_count = 0;
  double total_pnl_quote = 0;
  double expectancy_quote = 0;  // mean per trade with a quote P&L (0 when none)
  std::int64_t max_consecutive_wins = 0;
  std::int64_t max_consecutive_losses = 0;
  double avg_hold_minutes = 0;
  double avg_hold_minutes_winners = 0;
  double avg_hold_minutes_losers = 0;
  // Excursions, the tracker's MFE / MAE in % of the entry, averaged over the trades that have
  // them (nullopt when none do): how far trades ran in favour and against before they closed.
  // Losers' MFE is what a losing trade had offered on the way; winners' MAE the heat a winner
  // took (where targets and stops could sit).
  std::optional<double> avg_mfe_pct;
  std::optional<double> avg_mae_pct;
  std::optional<double> avg_mfe_pct_losers;
  std::optional<double> avg_mae_pct_winners;
  // The best and worst trade by P&L % (the first one on ties); 0 / id 0 when there are none.
  double best_pnl_pct = 0;
  SignalId best_signal_id = 0;
  double worst_pnl_pct = 0;
  SignalId worst_signal_id = 0;
};

TradeStats ComputeTradeStats(std::span<const TradeRecord> trades);

}  // namespace pulse::analytics
