#include "engines/signal/level_planner.h"

#include <gtest/gtest.h>

namespace pulse::signal {
namespace {

Bar MakeBar(double open, double high, double low, double close, double volume) {
  Bar b;
  b.open = open;
  b.high = high;
  b.low = low;
  b.close = close;
  b.volume = volume;
  return b;
}

// Five bars; true ranges from bar 1: 2, 2, 3, 2.
LevelContext FiveBarContext() {
  LevelContextConfig config;
  config.atr_period = 3;
  config.swing_lookback = 3;
  config.volume_period = 3;
  config.volatility_period = 2;
  LevelContext context(config);
  context.Update(MakeBar(10, 11, 9, 10, 100));
  context.Update(MakeBar(10, 12, 10, 11, 200));
  context.Update(MakeBar(11, 13, 11, 12, 300));
  EXPECT_FALSE(context.AtrReady());
  EXPECT_TRUE(context.SwingReady());
  context.Update(MakeBar(12, 12, 9, 10, 400));
  EXPECT_TRUE(context.AtrReady());
  EXPECT_NEAR(context.atr(), 7.0 / 3.0, 1e-12);
  EXPECT_DOUBLE_EQ(context.volume_average(), 300.0);
  EXPECT_DOUBLE_EQ(context.swing_low(), 9.0);
  EXPECT_DOUBLE_EQ(context.swing_high(), 13.0);
  EXPECT_FALSE(context.VolatilityReady());
  context.Update(MakeBar(10, 11, 9, 10, 100));
  return context;
}

TEST(LevelContextTest, TracksAtrSwingVolumeAndVolatility) {
  LevelContext context = FiveBarContext();
  // Wilder: (7/3 * 2 + 2) / 3 = 20/9.
  EXPECT_NEAR(context.atr(), 20.0 / 9.0, 1e-12);
  EXPECT_DOUBLE_EQ(context.volume_average(), 800.0 / 3.0);  // 300, 400, 100
  EXPECT_DOUBLE_EQ(context.swing_low(), 9.0);               // lows 11, 9, 9
  EXPECT_DOUBLE_EQ(context.swing_high(), 13.0);             // highs 13, 12, 11
  ASSERT_TRUE(context.VolatilityReady());
  EXPECT_NEAR(context.atr_percent(), 200.0 / 9.0, 1e-10);
  const double average = (700.0 / 30.0 + 200.0 / 9.0) / 2.0;
  EXPECT_NEAR(context.VolatilityRatio(), average / (200.0 / 9.0), 1e-12);
  EXPECT_EQ(context.bars(), 5);
}

TEST(LevelPlannerTest, AtrStopAndRewardRiskTakeProfit) {
  LevelConfig config;
  config.atr_period = 3;
  config.swing_lookback = 3;
  LevelPlanner planner = *LevelPlanner::Create(config);
  LevelContext context = FiveBarContext();
  Result<Levels> l = planner.Plan(Direction::kLong, 10, context);
  ASSERT_TRUE(l.ok()) << l.status();
  EXPECT_NEAR(l->stop_distance, 40.0 / 9.0, 1e-12);  // 2 x ATR
  EXPECT_NEAR(l->stop_loss, 10 - 40.0 / 9.0, 1e-12);
  EXPECT_NEAR(l->take_profit, 10 + 3 * 40.0 / 9.0, 1e-12);
  Result<Levels> s = planner.Plan(Direction::kShort, 100, context);
  ASSERT_TRUE(s.ok());
  EXPECT_NEAR(s->stop_loss, 100 + 40.0 / 9.0, 1e-12);
  EXPECT_NEAR(s->take_profit, 100 - 3 * 40.0 / 9.0, 1e-12);
}

TEST(LevelPlannerTest, SwingAndPercentStops) {
  LevelConfig config;
  config.swing_lookback = 3;
  config.stop = StopMethod::kSwing;
  config.reward_risk = 2.0;
  LevelPlanner swing = *LevelPlanner::Create(config);
  LevelContext context = FiveBarContext();
  Levels l = *swing.Plan(Direction::kLong, 10, context);
  EXPECT_DOUBLE_EQ(l.stop_loss, 9.0);
  EXPECT_DOUBLE_EQ(l.take_profit, 12.0);
  Levels s = *swing.Plan(Direction::kShort, 10, context);
  EXPECT_DOUBLE_EQ(s.stop_loss, 13.0);
  EXPECT_DOUBLE_EQ(s.take_profit, 4.0);
  Result<Levels> bad = swing.Plan(Direction::kLong, 8.5, context);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), StatusCode::kOutOfRange);
  EXPECT_NE(bad.status().message().find("swing stop 9 is not below the entry 8.5"),
            std::string::npos);

  config.stop = StopMethod::kPercent;
  config.stop_percent = 1.0;
  config.reward_risk = 3.0;
  LevelPlanner percent = *LevelPlanner::Create(config);
  Levels p = *percent.Plan(Direction::kLong, 200, context);
  EXPECT_DOUBLE_EQ(p.stop_loss, 198.0);
  EXPECT_DOUBLE_EQ(p.take_profit, 206.0);
  Levels ps = *percent.Plan(Direction::kShort, 200, context);
  EXPECT_DOUBLE_EQ(ps.stop_loss, 202.0);
  EXPECT_DOUBLE_EQ(ps.take_profit, 194.0);
}

TEST(LevelPlannerTest, WarmUpIsFailedPrecondition) {
  LevelPlanner planner = *LevelPlanner::Create({});
  LevelContext context(planner.ContextConfig());
  context.Update(MakeBar(10, 11, 9, 10, 1));
  EXPECT_FALSE(planner.Ready(context));
  Result<Levels> l = planner.Plan(Direction::kLong, 10, context);
  ASSERT_FALSE(l.ok());
  EXPECT_EQ(l.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(l.status().message().find("atr stop is still warming up (1 bars seen)"),
            std::string::npos);
}

TEST(LevelPlannerTest, RejectsBadConfig) {
  LevelConfig config;
  config.trailing_pct = 1.0;
  Result<LevelPlanner> r = LevelPlanner::Create(config);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("needs both"), std::string::npos);
  LevelConfig zero;
  zero.atr_multiple = 0;
  EXPECT_NE(LevelPlanner::Create(zero).status().message().find("atr_multiple must be positive"),
            std::string::npos);
}

}  // namespace
}  // namespace pulse::signal
