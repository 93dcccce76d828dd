#include "app/config_warnings.h"

#include <gtest/gtest.h>

namespace pulse::app {
namespace {

bool Has(const std::vector<std::string>& warnings, const std::string& start) {
  for (const std::string& w : warnings) {
    if (w.rfind(start, 0) == 0) return true;
  }
  return false;
}

// A configuration whose settings agree: the light's lines at the break-even of 3 R targets, no
// confidence gate, signal sizes capped at the account's share.
Config Coherent() {
  Config config;
  config.risk.light.red_win_rate = 0.25;
  config.risk.light.yellow_win_rate = 0.30;
  config.signal.engine.gates.confidence_enabled = false;
  config.signal.engine.sizing.max_position_value = 2500;
  return config;
}

TEST(ConfigWarningsTest, BreakEvenWinRateOfATakeProfitAtRTimesTheStop) {
  EXPECT_DOUBLE_EQ(BreakEvenWinRate(3), 0.25);  // 3 R won once pays for 3 losses of 1 R
  EXPECT_DOUBLE_EQ(BreakEvenWinRate(1), 0.5);
  EXPECT_NEAR(BreakEvenWinRate(1.5), 0.4, 1e-15);
}

// The embedded defaults (the light, 3 R targets, the 0.77 confidence gate, uncapped
// signal sizes, a paper account taking 25 %) say all three, with the values that make them.
TEST(ConfigWarningsTest, TheDefaultsWorkAgainstEachOtherThreeWays) {
  const std::vector<std::string> w = ConfigWarnings(Config{});
  ASSERT_EQ(w.size(), 3u);
  EXPECT_EQ(w[0],
            "risk.traffic_light.red_win_rate 65 % is above the signals' break-even win rate: "
            "they break even at 25 % before fees with signal.levels.reward_risk 3, so signals "
            "that win between 25 % and 65 % of the time make money before fees and still turn "
            "the light red once 20 have resolved (risk.traffic_light.min_sample)");
  EXPECT_EQ(w[1],
            "signal.gates.min_confidence 0.77 with risk.traffic_light.red_ece 0.08: every signal "
            "the confidence gate passes claims at least 77 %, so signals that win less than 69 % "
            "of the time have a calibration error above the red line however much they earn "
            "(they break even at 25 % before fees with signal.levels.reward_risk 3)");
  EXPECT_EQ(w[2],
            "signal.sizing.max_position_value is not set, but the paper account takes at most 25 % "
            "of its equity per position (2500.00 of paper.starting_balance 10000.00; "
            "paper.max_position_fraction): signals sized above that are cut by the account, and "
            "their quote P&L is that of positions it does not hold (the \"size\" step of the "
            "reports' paper account against its signals)");
}

TEST(ConfigWarningsTest, SettingsThatAgreeSayNothing) {
  EXPECT_TRUE(ConfigWarnings(Coherent()).empty());
}

// Each warning on its own, at the edge of its condition.
TEST(ConfigWarningsTest, EachWarningAtItsEdge) {
  // The red line: up to the margin above the break-even is not flagged; beyond it is.
  Config c = Coherent();
  c.risk.light.red_win_rate = 0.25 + kWinRateWarningMargin;
  EXPECT_TRUE(ConfigWarnings(c).empty());
  c.risk.light.red_win_rate = 0.31;
  ASSERT_EQ(ConfigWarnings(c).size(), 1u);
  EXPECT_TRUE(Has(ConfigWarnings(c), "risk.traffic_light.red_win_rate 31 %"));
  // Targets at 1 R break even at 50 %: the 65 % line is flagged there too.
  c = Coherent();
  c.risk.light.red_win_rate = 0.65;
  c.risk.light.yellow_win_rate = 0.7;
  c.signal.engine.levels.reward_risk = 1;
  EXPECT_NE(ConfigWarnings(c).at(0).find("they break even at 50 %"), std::string::npos);
  c.risk.light.red_win_rate = 0.55;
  EXPECT_TRUE(ConfigWarnings(c).empty());

  // The confidence gate: off says nothing; on, min_confidence - red_ece against the break-even.
  c = Coherent();
  c.signal.engine.gates.confidence_enabled = true;
  c.signal.engine.gates.min_confidence = 0.38;  // 0.38 - 0.08 = 0.30 = 0.25 + the margin
  EXPECT_TRUE(ConfigWarnings(c).empty());
  c.signal.engine.gates.min_confidence = 0.6;
  ASSERT_EQ(ConfigWarnings(c).size(), 1u);
  EXPECT_NE(ConfigWarnings(c)[0].find("win less than 52 %"), std::string::npos)
      << ConfigWarnings(c)[0];
  c.risk.light.red_ece = 0.3;  // a looser calibration line: 0.6 - 0.3 = 0.30
  EXPECT_TRUE(ConfigWarnings(c).empty());

  // The sizes: a cap at the account's share or below says nothing; above it, or none, does.
  c = Coherent();
  c.signal.engine.sizing.max_position_value = 2500.01;
  ASSERT_EQ(ConfigWarnings(c).size(), 1u);
  EXPECT_TRUE(Has(ConfigWarnings(c), "signal.sizing.max_position_value is 2500.01, but"));
  c.paper.starting_balance = 20000;  // 25 % of it is 5000
  EXPECT_TRUE(ConfigWarnings(c).empty());
  c.signal.engine.sizing.max_position_value.reset();
  EXPECT_TRUE(Has(ConfigWarnings(c), "signal.sizing.max_position_value is not set"));
}

}  // namespace
}  // namespace pulse::app
