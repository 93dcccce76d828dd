#include "analytics/recorder_stats.h"

#include <cmath>

#include <gtest/gtest.h>

#include "analytics/trade_pnl.h"

namespace pulse::analytics {
namespace {

SignalResult Closed(double pnl_pct, double band = 0.5) {
  SignalResult r;
  r.pnl_percent = pnl_pct;
  r.outcome = ClassifyOutcome(pnl_pct, band);
  return r;
}

TEST(TradePnlTest, LongAndShortAreMirrored) {
  TradePnl l = ComputeTradePnl(Direction::kLong, 50000, 52000, 0.5);
  EXPECT_DOUBLE_EQ(l.pnl_percent, 4.0);
  EXPECT_DOUBLE_EQ(l.pnl_per_unit, 2000);
  EXPECT_DOUBLE_EQ(*l.pnl_total, 1000);
  TradePnl s = ComputeTradePnl(Direction::kShort, 50000, 52000);
  EXPECT_DOUBLE_EQ(s.pnl_percent, -4.0);
  EXPECT_DOUBLE_EQ(s.pnl_per_unit, -2000);
  EXPECT_FALSE(s.pnl_total.has_value());
  EXPECT_DOUBLE_EQ(ComputeTradePnl(Direction::kShort, 200, 150).pnl_percent, 25.0);
}

TEST(TradePnlTest, BandIsExclusive) {
  EXPECT_EQ(ClassifyOutcome(0.5, 0.5), Outcome::kBreakeven);
  EXPECT_EQ(ClassifyOutcome(0.5001, 0.5), Outcome::kWin);
  EXPECT_EQ(ClassifyOutcome(-0.5, 0.5), Outcome::kBreakeven);
  EXPECT_EQ(ClassifyOutcome(-0.51, 0.5), Outcome::kLoss);
  EXPECT_EQ(ClassifyOutcome(0.3, 0.2), Outcome::kWin);
}

TEST(RecorderStatsTest, MatchesHandComputedFigures) {
  // Wins +4, +2; losses -2, -1; breakeven +0.2; an open row that must be ignored.
  std::vector<SignalResult> rows = {Closed(4), Closed(-2), Closed(2), Closed(0.2), Closed(-1)};
  SignalResult open;
  open.outcome = Outcome::kOpen;
  rows.push_back(open);
  RecorderStats s = ComputeRecorderStats(rows);
  EXPECT_EQ(s.total_trades, 5);
  EXPECT_EQ(s.wins, 2);
  EXPECT_EQ(s.losses, 2);
  EXPECT_EQ(s.breakevens, 1);
  EXPECT_DOUBLE_EQ(s.win_rate_pct, 40.0);
  EXPECT_DOUBLE_EQ(s.avg_win_pct, 3.0);
  EXPECT_DOUBLE_EQ(s.avg_loss_pct, -1.5);
  EXPECT_DOUBLE_EQ(s.avg_pnl_pct, 3.2 / 5);
  // (wins*avg_win)/(losses*|avg_loss|) = (2*3)/(2*1.5) = 2.
  ASSERT_TRUE(s.profit_factor.has_value());
  EXPECT_DOUBLE_EQ(*s.profit_factor, 2.0);
}

TEST(RecorderStatsTest, NoLossesIsInfiniteNoDecisiveTradesIsUndefined) {
  std::vector<SignalResult> wins_only = {Closed(1), Closed(3)};
  EXPECT_TRUE(std::isinf(*ComputeRecorderStats(wins_only).profit_factor));
  std::vector<SignalResult> flat = {Closed(0.1)};
  EXPECT_FALSE(ComputeRecorderStats(flat).profit_factor.has_value());
  EXPECT_EQ(ComputeRecorderStats({}).total_trades, 0);
  EXPECT_DOUBLE_EQ(ComputeRecorderStats({}).win_rate_pct, 0);
}

}  // namespace
}  // namespace pulse::analytics
