#include "engines/risk/risk_config.h"

#include <gtest/gtest.h>

namespace pulse::risk {
namespace {

TEST(RiskConfigTest, DefaultsAreTheIssuesNumbersAndValidate) {
  const RiskConfig c;
  EXPECT_TRUE(c.Validate().ok()) << c.Validate();
  EXPECT_EQ(c.light.red_win_rate, 0.65);
  EXPECT_EQ(c.light.yellow_win_rate, 0.70);
  EXPECT_EQ(c.light.red_daily_loss, 0.04);
  EXPECT_EQ(c.light.red_consecutive_losses, 5);
  EXPECT_EQ(c.light.red_ece, 0.08);
  EXPECT_EQ(c.light.red_drawdown, 0.15);
  EXPECT_EQ(c.light.min_sample, 20);
  EXPECT_EQ(c.breakers.max_daily_loss, 0.05);
  EXPECT_EQ(c.breakers.max_drawdown_limit, 0.15);
  EXPECT_EQ(c.breakers.max_consecutive_losses, 5);
  EXPECT_EQ(c.breakers.min_seconds_between_trades, 300);
}

TEST(RiskConfigTest, ReportsEveryProblemNamingTheField) {
  RiskConfig c;
  c.light.red_win_rate = 0.75;  // above yellow
  c.light.red_ece = 1.5;
  c.light.min_sample = 60;  // above window 50
  c.breakers.consecutive_losses.cooldown_s = -1;
  c.breakers.max_volatility = 0;
  c.forecast.horizon = 0;
  c.time_zone = "Europe/Atlantis";
  const Status s = c.Validate();
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  for (const char* field :
       {"risk.traffic_light.yellow_win_rate (0.7) must be >= red_win_rate (0.75)",
        "risk.traffic_light.red_ece must be in (0, 1], got 1.5",
        "risk.traffic_light.min_sample (60) must not exceed window (50)",
        "risk.circuit_breakers.consecutive_losses.cooldown_s must be >= 0, got -1",
        "risk.circuit_breakers.volatility.max_volatility must be > 0",
        "risk.forecast.horizon must be in [1, 1000], got 0", "risk.time_zone: unknown time zone"}) {
    EXPECT_NE(s.message().find(field), std::string::npos) << field << "\n" << s.message();
  }
}

TEST(RiskConfigTest, MarginsMustStayBelowTheirThresholds) {
  RiskConfig c;
  c.light.drawdown_margin = 0.2;
  const Status s = c.Validate();
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("risk.traffic_light.drawdown_margin (0.2) must be below "
                             "red_drawdown (0.15)"),
            std::string::npos)
      << s.message();
}

}  // namespace
}  // namespace pulse::risk
