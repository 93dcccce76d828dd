#include "analytics/trade_stats.h"

#include <cmath>

#include <gtest/gtest.h>

#include "analytics/recorder_stats.h"
#include "analytics/trade_pnl.h"
#include "model/outcome_events.h"

namespace pulse::analytics {
namespace {

TradeRecord Trade(SignalId id, double pnl, double hold, std::int64_t exit_minute,
                  std::optional<double> quote = std::nullopt) {
  TradeRecord t;
  t.signal_id = id;
  t.pnl_percent = pnl;
  t.outcome = ClassifyOutcome(pnl, 0.5);
  t.hold_minutes = hold;
  t.exit_time = exit_minute * kNanosPerMinute;
  t.pnl_quote = quote;
  return t;
}

TEST(TradeStatsTest, ExcursionsOverTheTradesThatHaveThem) {
  // A win (+4) that went 1.5 % against it first and ran to +5; a loss (-2) that had offered
  // +1 % first; a loss without excursions (a manual exit); a breakeven that ran to +0.8 / -0.6.
  std::vector<TradeRecord> t = {Trade(1, 4, 10, 1), Trade(2, -2, 10, 2), Trade(3, -1, 10, 3),
                                Trade(4, 0.2, 10, 4)};
  t[0].mfe_percent = 5;
  t[0].mae_percent = -1.5;
  t[1].mfe_percent = 1;
  t[1].mae_percent = -2;
  t[3].mfe_percent = 0.8;
  t[3].mae_percent = -0.6;
  const TradeStats s = ComputeTradeStats(t);
  EXPECT_NEAR(*s.avg_mfe_pct, (5 + 1 + 0.8) / 3, 1e-12);
  EXPECT_NEAR(*s.avg_mae_pct, (-1.5 - 2 - 0.6) / 3, 1e-12);
  EXPECT_NEAR(*s.avg_mfe_pct_losers, 1.0, 1e-12);  // the loss without excursions is left out
  EXPECT_NEAR(*s.avg_mae_pct_winners, -1.5, 1e-12);

  const TradeStats none = ComputeTradeStats(std::vector<TradeRecord>{Trade(9, 3, 10, 1)});
  EXPECT_FALSE(none.avg_mfe_pct.has_value());
  EXPECT_FALSE(none.avg_mae_pct_winners.has_value());
  EXPECT_FALSE(none.avg_mfe_pct_losers.has_value());
}

TEST(TradeStatsTest, HandComputedFigures) {
  // In exit order: +4 (W), +2 (W), -2 (L), +0.2 (BE), -1 (L), -3 (L), +6 (W). Given shuffled.
  std::vector<TradeRecord> t = {Trade(5, -1, 30, 5, -10), Trade(1, 4, 60, 1, 40),
                                Trade(7, 6, 120, 7, 60),  Trade(3, -2, 10, 3, -20),
                                Trade(2, 2, 20, 2, 20),   Trade(6, -3, 50, 6),
                                Trade(4, 0.2, 5, 4, 1)};
  const TradeStats s = ComputeTradeStats(t);
  EXPECT_EQ(s.count, 7);
  EXPECT_EQ(s.wins, 3);
  EXPECT_EQ(s.losses, 3);
  EXPECT_EQ(s.breakevens, 1);
  EXPECT_NEAR(s.win_rate_pct, 300.0 / 7, 1e-12);
  EXPECT_NEAR(s.avg_win_pct, 4.0, 1e-12);    // (4 + 2 + 6) / 3
  EXPECT_NEAR(s.avg_loss_pct, -2.0, 1e-12);  // (-2 - 1 - 3) / 3
  EXPECT_NEAR(*s.payoff_ratio, 2.0, 1e-12);
  EXPECT_NEAR(*s.profit_factor, 12.0 / 6.0, 1e-12);
  EXPECT_NEAR(s.total_pnl_pct, 6.2, 1e-12);
  EXPECT_NEAR(s.expectancy_pct, 6.2 / 7, 1e-12);
  // SQN: mean 0.885714..., sample variance = (sum x^2 - n mean^2) / 6
  //   sum x^2 = 16 + 4 + 4 + 0.04 + 1 + 9 + 36 = 70.04; n mean^2 = 6.2^2 / 7 = 5.491428...
  const double var = (70.04 - 6.2 * 6.2 / 7) / 6;
  EXPECT_NEAR(*s.sqn, std::sqrt(7.0) * (6.2 / 7) / std::sqrt(var), 1e-12);
  EXPECT_EQ(s.max_consecutive_wins, 2);    // +4, +2
  EXPECT_EQ(s.max_consecutive_losses, 2);  // -1, -3 (the breakeven ended the first run)
  EXPECT_NEAR(s.avg_hold_minutes, 295.0 / 7, 1e-12);
  EXPECT_NEAR(s.avg_hold_minutes_winners, 200.0 / 3, 1e-12);
  EXPECT_NEAR(s.avg_hold_minutes_losers, 90.0 / 3, 1e-12);
  EXPECT_EQ(s.best_signal_id, 7);
  EXPECT_EQ(s.best_pnl_pct, 6);
  EXPECT_EQ(s.worst_signal_id, 6);
  EXPECT_EQ(s.worst_pnl_pct, -3);
  EXPECT_EQ(s.quote_count, 6);
  EXPECT_NEAR(s.total_pnl_quote, 91, 1e-12);
  EXPECT_NEAR(s.expectancy_quote, 91.0 / 6, 1e-12);
  // Kelly: W = 3/7 (the breakeven is not a win), payoff 2: 3/7 - (4/7) / 2 = 1/7.
  EXPECT_NEAR(*s.kelly_pct, 100.0 / 7, 1e-12);
}

TEST(TradeStatsTest, HowSureTheWinRateAndTheExpectancyAre) {
  // Seven trades, 3 wins: P&L % 3, 3, 3, -1, -1, -1, -1 (mean 5/7, sample sd 2.13809).
  std::vector<TradeRecord> trades;
  for (int i = 0; i < 7; ++i) trades.push_back(Trade(i + 1, i < 3 ? 3 : -1, 10, i));
  const TradeStats s = ComputeTradeStats(trades);
  const double mean = 5.0 / 7,
               sd = std::sqrt((3 * std::pow(3 - mean, 2) + 4 * std::pow(1 + mean, 2)) / 6);
  // Wilson 95 % for 3 of 7: 15.82 % to 74.95 % (as statsmodels' proportion_confint gives).
  ASSERT_TRUE(s.win_rate_low_pct && s.win_rate_high_pct);
  EXPECT_NEAR(*s.win_rate_low_pct, 15.82, 0.01);
  EXPECT_NEAR(*s.win_rate_high_pct, 74.95, 0.01);
  // t(0.975, 6 degrees) = 2.4469 from the table.
  ASSERT_TRUE(s.expectancy_low_pct && s.expectancy_high_pct && s.expectancy_p_value);
  EXPECT_NEAR(*s.expectancy_low_pct, mean - 2.4469 * sd / std::sqrt(7.0), 1e-4);
  EXPECT_NEAR(*s.expectancy_high_pct, mean + 2.4469 * sd / std::sqrt(7.0), 1e-4);
  // t = 0.884 on 6 degrees: one-sided p between the table's 0.25 (t 0.7176) and 0.20 (0.9057).
  EXPECT_NEAR(sd, 2.13809, 1e-5);
  EXPECT_GT(*s.expectancy_p_value, 0.20);
  EXPECT_LT(*s.expectancy_p_value, 0.25);
  // None of it without a sample: one trade has a win-rate interval but no expectancy interval.
  const TradeStats one = ComputeTradeStats({&trades[0], 1});
  EXPECT_TRUE(one.win_rate_low_pct.has_value());
  EXPECT_FALSE(one.expectancy_low_pct.has_value());
  EXPECT_FALSE(one.expectancy_p_value.has_value());
  EXPECT_FALSE(ComputeTradeStats({}).win_rate_low_pct.has_value());
}

TEST(TradeStatsTest, UndefinedRatios) {
  EXPECT_EQ(ComputeTradeStats({}).count, 0);
  EXPECT_FALSE(ComputeTradeStats({}).profit_factor.has_value());
  std::vector<TradeRecord> wins = {Trade(1, 2, 1, 1), Trade(2, 2, 1, 2)};
  const TradeStats w = ComputeTradeStats(wins);
  EXPECT_TRUE(std::isinf(*w.profit_factor));
  EXPECT_TRUE(std::isinf(*w.payoff_ratio));
  EXPECT_FALSE(w.sqn.has_value());  // identical trades: zero deviation
  EXPECT_EQ(*w.kelly_pct, 100);     // no losses: stake everything
  std::vector<TradeRecord> losses = {Trade(1, -2, 1, 1)};
  const TradeStats l = ComputeTradeStats(losses);
  EXPECT_NEAR(*l.profit_factor, 0.0, 1e-15);
  EXPECT_FALSE(l.payoff_ratio.has_value());
  EXPECT_FALSE(l.kelly_pct.has_value());
  EXPECT_FALSE(ComputeTradeStats({}).kelly_pct.has_value());
  EXPECT_FALSE(l.sqn.has_value());  // one trade
}

TEST(TradeRecordTest, FromSignalAndResult) {
  Signal sig;
  sig.id = 9;
  sig.symbol = "ETHUSDT";
  sig.timeframe = "1h";
  sig.source = "model:xgb";
  sig.direction = Direction::kShort;
  sig.confidence = 0.72;
  SignalResult r;
  r.signal_id = 9;
  r.entry_time = 1000 * kNanosPerMinute;
  r.exit_time = 1090 * kNanosPerMinute;
  r.pnl_percent = -1.5;
  r.pnl_quote_total = -12.5;
  r.outcome = Outcome::kLoss;
  r.exit_reason = kExitStopLoss;
  Result<TradeRecord> t = MakeTradeRecord(sig, r);
  ASSERT_TRUE(t.ok()) << t.status();
  EXPECT_EQ(t->symbol, "ETHUSDT");
  EXPECT_EQ(t->source, "model:xgb");
  EXPECT_EQ(t->direction, Direction::kShort);
  EXPECT_EQ(*t->confidence, 0.72);
  EXPECT_EQ(t->hold_minutes, 90);  // from the times when not stored
  EXPECT_EQ(*t->pnl_quote, -12.5);
  EXPECT_EQ(t->exit_reason, "stop_loss");

  r.outcome = Outcome::kOpen;
  Result<TradeRecord> open = MakeTradeRecord(sig, r);
  ASSERT_FALSE(open.ok());
  EXPECT_NE(open.status().message().find("signal 9 is still open"), std::string::npos);
  r.outcome = Outcome::kLoss;
  r.pnl_percent.reset();
  EXPECT_FALSE(MakeTradeRecord(sig, r).ok());
  r.pnl_percent = 1;
  r.signal_id = 8;
  EXPECT_FALSE(MakeTradeRecord(sig, r).ok());
}

TEST(RecorderStatsTest, IsAViewOfTradeStats) {
  std::vector<SignalResult> rows;
  for (double pnl : {4.0, -2.0, 0.1, 2.0}) {
    SignalResult r;
    r.pnl_percent = pnl;
    r.outcome = ClassifyOutcome(pnl, 0.5);
    rows.push_back(r);
  }
  rows.push_back(SignalResult{});  // open: ignored
  const RecorderStats s = ComputeRecorderStats(rows);
  EXPECT_EQ(s.total_trades, 4);
  EXPECT_EQ(s.breakevens, 1);
  EXPECT_NEAR(s.avg_pnl_pct, 4.1 / 4, 1e-12);
  EXPECT_NEAR(*s.profit_factor, 3.0, 1e-12);
}

}  // namespace
}  // namespace pulse::analytics
