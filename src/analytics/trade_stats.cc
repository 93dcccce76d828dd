#include "analytics/trade_stats.h"

#include "analytics/confidence_interval.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <vector>

namespace pulse::analytics {

namespace {

double Mean(double sum, std::int64_t n) { return n > 0 ? sum / static_cast<double>(n) : 0; }

// A running mean of the values present.
struct OptionalMean {
  double sum = 0;
  std::int64_t n = 0;
  void Add(const std::optional<double>& v) {
    if (!v) return;
    sum += *v;
    ++n;
  }
  std::optional<double> Value() const {
    return n > 0 ? std::optional<double>(sum / static_cast<double>(n)) : std::nullopt;
  }
};

void Streaks(std::span<const TradeRecord> trades, TradeStats& s) {
  std::vector<std::size_t> order(trades.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return trades[a].exit_time < trades[b].exit_time;
  });
  std::int64_t run_wins = 0, run_losses = 0;
  for (std::size_t i : order) {
    const Outcome o = trades[i].outcome;
    if (o == Outcome::kOpen) continue;
    run_wins = o == Outcome::kWin ? run_wins + 1 : 0;
    run_losses = o == Outcome::kLoss ? run_losses + 1 : 0;
    s.max_consecutive_wins = std::max(s.max_consecutive_wins, run_wins);
    s.max_consecutive_losses = std::max(s.max_consecutive_losses, run_losses);
  }
}

}  // namespace

TradeStats ComputeTradeStats(std::span<const TradeRecord> trades) {
  TradeStats s;
  double sum_win = 0, sum_loss = 0, hold = 0, hold_win = 0, hold_loss = 0;
  // Deviation of P&L % summed around the first trade (exact zero for identical trades).
  double shift = 0, s1 = 0, s2 = 0;
  OptionalMean mfe, mae, mfe_losers, mae_winners;
  for (const TradeRecord& t : trades) {
    if (t.outcome == Outcome::kOpen) continue;
    const double pnl = t.pnl_percent;
    if (s.count == 0) {
      shift = pnl;
      s.best_pnl_pct = s.worst_pnl_pct = pnl;
      s.best_signal_id = s.worst_signal_id = t.signal_id;
    }
    ++s.count;
    s.total_pnl_pct += pnl;
    s1 += pnl - shift;
    s2 += (pnl - shift) * (pnl - shift);
    hold += t.hold_minutes;
    mfe.Add(t.mfe_percent);
    mae.Add(t.mae_percent);
    if (t.outcome == Outcome::kLoss) mfe_losers.Add(t.mfe_percent);
    if (t.outcome == Outcome::kWin) mae_winners.Add(t.mae_percent);
    if (pnl > s.best_pnl_pct) {
      s.best_pnl_pct = pnl;
      s.best_signal_id = t.signal_id;
    }
    if (pnl < s.worst_pnl_pct) {
      s.worst_pnl_pct = pnl;
      s.worst_signal_id = t.signal_id;
    }
    if (t.pnl_quote) {
      ++s.quote_count;
      s.total_pnl_quote += *t.pnl_quote;
    }
    switch (t.outcome) {
      case Outcome::kWin:
        ++s.wins;
        sum_win += pnl;
        hold_win += t.hold_minutes;
        break;
      case Outcome::kLoss:
        ++s.losses;
        sum_loss += pnl;
        hold_loss += t.hold_minutes;
        break;
      case Outcome::kBreakeven:
        ++s.breakevens;
        break;
      case Outcome::kOpen:
        break;
    }
  }
  if (s.count == 0) return s;
  const auto n = static_cast<double>(s.count);
  s.win_rate_pct = 100.0 * static_cast<double>(s.wins) / n;
  s.avg_win_pct = Mean(sum_win, s.wins);
  s.avg_loss_pct = Mean(sum_loss, s.losses);
  s.expectancy_pct = s.total_pnl_pct / n;
  s.expectancy_quote = Mean(s.total_pnl_quote, s.quote_count);
  s.avg_hold_minutes = hold / n;
  s.avg_hold_minutes_winners = Mean(hold_win, s.wins);
  s.avg_hold_minutes_losers = Mean(hold_loss, s.losses);
  s.avg_mfe_pct = mfe.Value();
  s.avg_mae_pct = mae.Value();
  s.avg_mfe_pct_losers = mfe_losers.Value();
  s.avg_mae_pct_winners = mae_winners.Value();
  constexpr double kInf = std::numeric_limits<double>::infinity();
  if (s.losses > 0) {
    s.profit_factor = sum_win / std::fabs(sum_loss);
    if (s.wins > 0) s.payoff_ratio = s.avg_win_pct / std::fabs(s.avg_loss_pct);
  } else if (s.wins > 0) {
    s.profit_factor = kInf;
    s.payoff_ratio = kInf;
  }
  if (s.payoff_ratio) {
    const double w = static_cast<double>(s.wins) / n;
    s.kelly_pct = 100 * (w - (1 - w) / *s.payoff_ratio);
  }
  if (const std::optional<Interval> wins = WilsonInterval(s.wins, s.count)) {
    s.win_rate_low_pct = 100 * wins->low;
    s.win_rate_high_pct = 100 * wins->high;
  }
  if (s.count > 1) {
    const double var = std::max(0.0, (s2 - s1 * s1 / n) / (n - 1));
    if (var > 0) s.sqn = std::sqrt(n) * s.expectancy_pct / std::sqrt(var);
    const double sd = std::sqrt(var);
    if (const std::optional<Interval> mean = MeanInterval(s.expectancy_pct, sd, s.count)) {
      s.expectancy_low_pct = mean->low;
      s.expectancy_high_pct = mean->high;
    }
    s.expectancy_p_value = MeanAboveZeroPValue(s.expectancy_pct, sd, s.count);
  }
  Streaks(trades, s);
  return s;
}

}  // namespace pulse::analytics
