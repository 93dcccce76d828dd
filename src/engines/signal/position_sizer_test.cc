#include "engines/signal/position_sizer.h"

#include <cmath>

#include <gtest/gtest.h>

namespace pulse::signal {
namespace {

// equity 10000, 1 % risk = 100; entry 100, stop 2 away: 50 units, value 5000.
SizeRequest Request(double open_exposure = 0, double volatility_ratio = 1) {
  SizeRequest r;
  r.entry = 100;
  r.stop_distance = 2;
  r.open_exposure = open_exposure;
  r.volatility_ratio = volatility_ratio;
  return r;
}

TradeStats Stats(int wins, double win_pct, int losses, double loss_pct) {
  TradeStats s;
  for (int i = 0; i < wins; ++i) s.Add(win_pct);
  for (int i = 0; i < losses; ++i) s.Add(-loss_pct);
  return s;
}

TEST(PositionSizerTest, FixedFractionalRisksAPercentOfEquity) {
  PositionSizer sizer = *PositionSizer::Create({});
  SizeDecision d = sizer.Size(Request(), TradeStats());
  EXPECT_TRUE(d.ok);
  EXPECT_DOUBLE_EQ(d.size, 50.0);
  EXPECT_DOUBLE_EQ(d.value, 5000.0);
  EXPECT_EQ(d.method, SizingMethod::kFixedFractional);
  EXPECT_EQ(d.limit, SizeLimit::kNone);
}

TEST(PositionSizerTest, MaxValueAndExposureCapTheSize) {
  SizingConfig config;
  config.max_position_value = 3000;
  PositionSizer sizer = *PositionSizer::Create(config);
  SizeDecision d = sizer.Size(Request(), TradeStats());
  EXPECT_DOUBLE_EQ(d.value, 3000.0);
  EXPECT_DOUBLE_EQ(d.size, 30.0);
  EXPECT_EQ(d.limit, SizeLimit::kMaxPositionValue);
  d = sizer.Size(Request(8000), TradeStats());  // room 10000 - 8000
  EXPECT_DOUBLE_EQ(d.value, 2000.0);
  EXPECT_EQ(d.limit, SizeLimit::kMaxExposure);
  EXPECT_TRUE(d.ok);
  d = sizer.Size(Request(9995), TradeStats());
  EXPECT_FALSE(d.ok);
  EXPECT_DOUBLE_EQ(d.value, 5.0);
  GateCheck c = sizer.SizeCheck(d, Request(9995));
  EXPECT_EQ(c.gate, "size");
  EXPECT_FALSE(c.passed);
  EXPECT_EQ(c.reason,
            "position value 5.00 < minimum 10.00 (fixed_fractional, exposure room 5.00 of "
            "10000.00)");
}

TEST(PositionSizerTest, VolatilityAdjustedScalesAndCaps) {
  SizingConfig config;
  config.method = SizingMethod::kVolatilityAdjusted;
  PositionSizer sizer = *PositionSizer::Create(config);
  EXPECT_DOUBLE_EQ(sizer.Size(Request(0, 1.5), TradeStats()).value, 7500.0);
  EXPECT_DOUBLE_EQ(sizer.Size(Request(0, 0.5), TradeStats()).value, 2500.0);
  EXPECT_DOUBLE_EQ(sizer.Size(Request(0, 3.0), TradeStats()).value, 10000.0);  // capped at 2x
  EXPECT_DOUBLE_EQ(sizer.Size(Request(0, std::nan("")), TradeStats()).value, 5000.0);
}

TEST(PositionSizerTest, HalfKellyFromTrackedTradesAfterEnoughTrades) {
  SizingConfig config;
  config.method = SizingMethod::kKelly;
  PositionSizer sizer = *PositionSizer::Create(config);
  // W = 0.6, R = 3 / 2: f = 0.6 - 0.4 / 1.5 = 1/3, half = 1/6 of 10000.
  TradeStats stats = Stats(12, 3.0, 8, 2.0);
  EXPECT_DOUBLE_EQ(stats.win_rate(), 0.6);
  EXPECT_DOUBLE_EQ(stats.average_win(), 3.0);
  EXPECT_DOUBLE_EQ(stats.average_loss(), 2.0);
  SizeDecision d = sizer.Size(Request(), stats);
  EXPECT_EQ(d.method, SizingMethod::kKelly);
  EXPECT_NEAR(d.kelly_fraction, 1.0 / 6.0, 1e-12);
  EXPECT_NEAR(d.value, 10000.0 / 6.0, 1e-9);
  // 19 trades: fixed fractional.
  d = sizer.Size(Request(), Stats(11, 3.0, 8, 2.0));
  EXPECT_EQ(d.method, SizingMethod::kFixedFractional);
  EXPECT_DOUBLE_EQ(d.value, 5000.0);
  // W = 0.9, R = 3: f = 0.9 - 0.1 / 3, half = 0.4333 -> capped at 0.25.
  d = sizer.Size(Request(), Stats(18, 3.0, 2, 1.0));
  EXPECT_DOUBLE_EQ(d.kelly_fraction, 0.25);
  EXPECT_DOUBLE_EQ(d.value, 2500.0);
}

TEST(PositionSizerTest, KellyWithoutEdgeSizesNothing) {
  SizingConfig config;
  config.method = SizingMethod::kKelly;
  PositionSizer sizer = *PositionSizer::Create(config);
  // W = 0.3, R = 1: f = 0.3 - 0.7 = -0.4.
  SizeDecision d = sizer.Size(Request(), Stats(6, 1.0, 14, 1.0));
  EXPECT_FALSE(d.ok);
  EXPECT_NEAR(d.kelly_fraction, -0.2, 1e-12);
  EXPECT_EQ(sizer.SizeCheck(d, Request()).reason,
            "kelly fraction -0.2000 <= 0: no edge in the tracked trades");
}

TEST(PositionSizerTest, RejectsBadConfig) {
  SizingConfig config;
  config.equity = 0;
  Result<PositionSizer> r = PositionSizer::Create(config);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("equity must be positive, got 0"), std::string::npos);
}

}  // namespace
}  // namespace pulse::signal
