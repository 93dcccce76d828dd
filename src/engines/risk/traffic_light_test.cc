#include "engines/risk/traffic_light.h"

#include <cmath>
#include <limits>

#include <gtest/gtest.h>

namespace pulse::risk {
namespace {

// 20 resolved outcomes (the minimum sample), 15 wins: 75 %, nothing else wrong.
LightFigures Healthy() {
  LightFigures f;
  f.resolved = 20;
  f.win_rate = 0.75;
  f.calibrated = 20;
  f.ece = 0.02;
  return f;
}

TrafficLight Light(const LightFigures& f, const HeldLight& before = {}) {
  return EvaluateLight(f, TrafficLightConfig{}, before).held.light;
}

// A light held with every rule of its colour (as restored from a stored state).
TrafficLight Light(const LightFigures& f, TrafficLight current) {
  return Light(f, HeldLight::Presumed(current));
}

TEST(TrafficLightTest, WinRateThresholds) {
  LightFigures f = Healthy();
  f.win_rate = 13.0 / 20.0;  // exactly 65 %: not red, but below 70 %
  EXPECT_EQ(Light(f), TrafficLight::kYellow);
  f.win_rate = 0.6499;
  EXPECT_EQ(Light(f), TrafficLight::kRed);
  f.win_rate = 0.6501;
  EXPECT_EQ(Light(f), TrafficLight::kYellow);
  f.win_rate = 14.0 / 20.0;  // exactly 70 %: green
  EXPECT_EQ(Light(f), TrafficLight::kGreen);
  f.win_rate = 0.6999;
  EXPECT_EQ(Light(f), TrafficLight::kYellow);
  f.win_rate = 0.7001;
  EXPECT_EQ(Light(f), TrafficLight::kGreen);
}

TEST(TrafficLightTest, DailyLossThreshold) {
  LightFigures f = Healthy();
  f.loss_today = 0.04;
  EXPECT_EQ(Light(f), TrafficLight::kGreen);
  f.loss_today = 0.0401;
  EXPECT_EQ(Light(f), TrafficLight::kRed);
  f.loss_today = 0.0399;
  EXPECT_EQ(Light(f), TrafficLight::kGreen);
}

TEST(TrafficLightTest, ConsecutiveLossesThreshold) {
  LightFigures f = Healthy();
  f.consecutive_losses = 4;
  EXPECT_EQ(Light(f), TrafficLight::kGreen);
  f.consecutive_losses = 5;
  EXPECT_EQ(Light(f), TrafficLight::kRed);
  f.consecutive_losses = 6;
  EXPECT_EQ(Light(f), TrafficLight::kRed);
}

TEST(TrafficLightTest, CalibrationErrorThreshold) {
  LightFigures f = Healthy();
  f.ece = 0.08;
  EXPECT_EQ(Light(f), TrafficLight::kGreen);
  f.ece = 0.0801;
  EXPECT_EQ(Light(f), TrafficLight::kRed);
  f.ece = 0.0799;
  EXPECT_EQ(Light(f), TrafficLight::kGreen);
}

TEST(TrafficLightTest, DrawdownThreshold) {
  LightFigures f = Healthy();
  f.drawdown = 0.15;
  EXPECT_EQ(Light(f), TrafficLight::kGreen);
  f.drawdown = 0.1501;
  EXPECT_EQ(Light(f), TrafficLight::kRed);
  f.drawdown = 0.1499;
  EXPECT_EQ(Light(f), TrafficLight::kGreen);
}

TEST(TrafficLightTest, MinimumSampleBeforeWinRateOrEceCount) {
  LightFigures f = Healthy();
  f.resolved = 19;
  f.win_rate = 0.10;
  f.calibrated = 19;
  f.ece = 0.50;
  EXPECT_EQ(Light(f), TrafficLight::kGreen);
  // The equity and streak rules need no sample.
  f.drawdown = 0.2;
  EXPECT_EQ(Light(f), TrafficLight::kRed);
  f.drawdown = 0;
  f.resolved = 20;
  EXPECT_EQ(Light(f), TrafficLight::kRed);  // win rate 10 % now counts
  f.win_rate = 0.75;
  EXPECT_EQ(Light(f), TrafficLight::kGreen);  // ECE still has 19 < 20
  f.calibrated = 20;
  EXPECT_EQ(Light(f), TrafficLight::kRed);
  // No win rate at all (empty window): not judged.
  LightFigures empty;
  empty.win_rate = std::numeric_limits<double>::quiet_NaN();
  empty.ece = std::numeric_limits<double>::quiet_NaN();
  EXPECT_EQ(Light(empty), TrafficLight::kGreen);
}

TEST(TrafficLightTest, HysteresisHoldsRedAndYellowByTheMargin) {
  LightFigures f = Healthy();
  // From red, win rate must reach 65 % + 2 % to leave red and 70 % + 2 % to become green.
  f.win_rate = 0.669;
  EXPECT_EQ(Light(f, TrafficLight::kRed), TrafficLight::kRed);
  EXPECT_EQ(Light(f, TrafficLight::kGreen), TrafficLight::kYellow);
  f.win_rate = 0.671;
  EXPECT_EQ(Light(f, TrafficLight::kRed), TrafficLight::kYellow);
  f.win_rate = 0.715;
  EXPECT_EQ(Light(f, TrafficLight::kRed), TrafficLight::kYellow);
  EXPECT_EQ(Light(f, TrafficLight::kYellow), TrafficLight::kYellow);
  EXPECT_EQ(Light(f, TrafficLight::kGreen), TrafficLight::kGreen);
  f.win_rate = 0.721;
  EXPECT_EQ(Light(f, TrafficLight::kYellow), TrafficLight::kGreen);
  // Equity rules: red holds until the figure is the margin inside the threshold.
  f = Healthy();
  f.loss_today = 0.0351;  // > 4 % - 0.5 %
  EXPECT_EQ(Light(f, TrafficLight::kRed), TrafficLight::kRed);
  EXPECT_EQ(Light(f, TrafficLight::kGreen), TrafficLight::kGreen);
  f.loss_today = 0.0349;
  EXPECT_EQ(Light(f, TrafficLight::kRed), TrafficLight::kGreen);
  f = Healthy();
  f.drawdown = 0.1401;  // > 15 % - 1 %
  EXPECT_EQ(Light(f, TrafficLight::kRed), TrafficLight::kRed);
  f.drawdown = 0.1399;
  EXPECT_EQ(Light(f, TrafficLight::kRed), TrafficLight::kGreen);
  f = Healthy();
  f.ece = 0.0701;  // > 8 % - 1 %
  EXPECT_EQ(Light(f, TrafficLight::kRed), TrafficLight::kRed);
  f.ece = 0.0699;
  EXPECT_EQ(Light(f, TrafficLight::kRed), TrafficLight::kGreen);
  // Exactly at a held threshold does not fire, as exactly at a threshold never does (15 % - 1 %
  // is 14 %, not the 0.13999999999999999 of subtracting doubles).
  f = Healthy();
  f.drawdown = 1400.0 / 10000;
  EXPECT_EQ(Light(f, TrafficLight::kRed), TrafficLight::kGreen);
  f = Healthy();
  f.loss_today = 350.0 / 10000;
  EXPECT_EQ(Light(f, TrafficLight::kRed), TrafficLight::kGreen);
  // The streak has no margin: 4 losses leave red.
  f = Healthy();
  f.consecutive_losses = 4;
  EXPECT_EQ(Light(f, TrafficLight::kRed), TrafficLight::kGreen);
}

TEST(TrafficLightTest, ReasonsCarryEveryFiredRuleWithValues) {
  LightFigures f = Healthy();
  f.win_rate = 0.60;
  f.drawdown = 0.2;
  f.consecutive_losses = 5;
  const LightVerdict v = EvaluateLight(f, TrafficLightConfig{}, HeldLight{});
  ASSERT_EQ(v.held.light, TrafficLight::kRed);
  ASSERT_EQ(v.reasons.size(), 3u);
  EXPECT_EQ(v.reasons[0], (ControllerReason{"win_rate", 0.60, 0.65,
                                            "win rate 60.00% < 65.00% over the last 20 resolved"}));
  EXPECT_EQ(v.reasons[1],
            (ControllerReason{"consecutive_losses", 5, 5, "5 consecutive losses >= 5"}));
  EXPECT_EQ(v.reasons[2], (ControllerReason{"drawdown", 0.2, 0.15, "drawdown 20.00% > 15.00%"}));
  // Every judged rule: 5 red rules and the yellow one.
  EXPECT_EQ(v.checks.size(), 6u);

  const LightVerdict green =
      EvaluateLight(Healthy(), TrafficLightConfig{}, HeldLight::Presumed(TrafficLight::kRed));
  EXPECT_EQ(green.held.light, TrafficLight::kGreen);
  EXPECT_EQ(green.reasons, green.checks);
  EXPECT_EQ(green.reasons[0].text, "win rate 75.00% >= 67.00% over the last 20 resolved");
}

// With win_rate_confidence the win-rate rules judge win_rate_bound (and its hysteresis too),
// and write both figures; without a bound they judge nothing.
TEST(TrafficLightTest, WinRateRulesJudgeTheBoundWhenAsked) {
  TrafficLightConfig c;
  c.win_rate_confidence = 0.95;
  LightFigures f = Healthy();
  f.win_rate = 0.45;  // observed: red without the bound
  EXPECT_EQ(EvaluateLight(f, c, {}).held.light, TrafficLight::kGreen);  // no bound: not judged
  f.win_rate_bound = 0.72;
  EXPECT_EQ(EvaluateLight(f, c, {}).held.light, TrafficLight::kGreen);
  f.win_rate_bound = 0.68;
  const LightVerdict yellow = EvaluateLight(f, c, {});
  EXPECT_EQ(yellow.held.light, TrafficLight::kYellow);
  EXPECT_EQ(yellow.reasons.at(0).text,
            "win rate 45.00% (95% sure below 68.00%) < 70.00% over the last 20 resolved");
  f.win_rate_bound = 0.63;
  const LightVerdict red = EvaluateLight(f, c, {});
  EXPECT_EQ(red.held.light, TrafficLight::kRed);
  EXPECT_EQ(red.reasons.at(0), (ControllerReason{"win_rate", 0.63, 0.65,
                                                 "win rate 45.00% (95% sure below 63.00%) < "
                                                 "65.00% over the last 20 resolved"}));
  // Held red: the bound must clear 67 %.
  f.win_rate_bound = 0.66;
  EXPECT_EQ(EvaluateLight(f, c, red.held).held.light, TrafficLight::kRed);
  f.win_rate_bound = 0.6701;
  EXPECT_EQ(EvaluateLight(f, c, red.held).held.light, TrafficLight::kYellow);
  // Off (0): the bound is ignored.
  EXPECT_EQ(EvaluateLight(f, TrafficLightConfig{}, {}).held.light, TrafficLight::kRed);
  EXPECT_EQ(LightOf(f, c, red.held), EvaluateLight(f, c, red.held).held);
}

// Each rule keeps its margin only while it fires: a red light set by a losing streak is not
// held by a win rate between 65 % and 67 %, which never fired.
TEST(TrafficLightTest, HysteresisHoldsOnlyTheRulesThatFired) {
  LightFigures f = Healthy();
  f.win_rate = 0.66;
  f.consecutive_losses = 5;
  const LightVerdict streak = EvaluateLight(f, TrafficLightConfig{}, HeldLight{});
  ASSERT_EQ(streak.held.light, TrafficLight::kRed);
  EXPECT_TRUE(streak.held.Fired(LightRule::kConsecutiveLosses));
  EXPECT_FALSE(streak.held.Fired(LightRule::kWinRate));
  EXPECT_TRUE(streak.held.Fired(LightRule::kWinRateYellow));
  ASSERT_EQ(streak.reasons.size(), 1u);
  EXPECT_EQ(streak.reasons[0].rule, "consecutive_losses");
  // A win ends the streak: yellow (66 % < 70 %), not red at 66 % < 65 % + 2 %.
  f.consecutive_losses = 0;
  const LightVerdict after = EvaluateLight(f, TrafficLightConfig{}, streak.held);
  EXPECT_EQ(after.held.light, TrafficLight::kYellow);
  EXPECT_EQ(after.held.fired, 1U << static_cast<int>(LightRule::kWinRateYellow));
  // With every red rule presumed held (a restored red), the same figures stay red.
  EXPECT_EQ(Light(f, TrafficLight::kRed), TrafficLight::kRed);

  // The win rate that did fire red holds it to 67 %, and the drawdown that did not fire
  // does not get the margin: 14.5 % is under 15 %.
  f = Healthy();
  f.win_rate = 0.64;
  const HeldLight red_by_win_rate = EvaluateLight(f, TrafficLightConfig{}, HeldLight{}).held;
  ASSERT_EQ(red_by_win_rate.light, TrafficLight::kRed);
  f.win_rate = 0.66;
  EXPECT_EQ(Light(f, red_by_win_rate), TrafficLight::kRed);
  f.drawdown = 0.145;
  f.win_rate = 0.68;
  const LightVerdict cleared = EvaluateLight(f, TrafficLightConfig{}, red_by_win_rate);
  EXPECT_EQ(cleared.held.light, TrafficLight::kYellow);
  EXPECT_FALSE(cleared.held.Fired(LightRule::kDrawdown));
  // The yellow rule fired all along: 71 % keeps yellow (72 % needed), 72.1 % is green.
  f.win_rate = 0.71;
  EXPECT_EQ(Light(f, cleared.held), TrafficLight::kYellow);
  f.win_rate = 0.721;
  EXPECT_EQ(Light(f, cleared.held), TrafficLight::kGreen);
}

// LightOf judges without writing text: the same light as EvaluateLight for every figure and
// held light, thresholds and margins included.
TEST(TrafficLightTest, LightOfMatchesEvaluateLight) {
  const TrafficLightConfig config;
  const double nan = std::numeric_limits<double>::quiet_NaN();
  for (int bits : {0, 1, 2, 4, 8, 16, 32, 21, 42, 63}) {
    const HeldLight current{static_cast<TrafficLight>(bits % 3), static_cast<std::uint8_t>(bits)};
    for (int resolved : {0, 19, 20, 50}) {
      for (double win_rate : {nan, 0.5, 0.65, 0.66, 0.67, 0.7, 0.71, 0.72, 0.9}) {
        for (double loss : {0.0, 0.035, 0.04, 0.05}) {
          for (int streak : {0, 4, 5}) {
            for (double ece : {nan, 0.05, 0.07, 0.08, 0.09}) {
              for (double drawdown : {0.0, 0.14, 0.15, 0.2}) {
                LightFigures f;
                f.resolved = resolved;
                f.win_rate = win_rate;
                f.loss_today = loss;
                f.consecutive_losses = streak;
                f.ece = ece;
                f.calibrated = resolved;
                f.drawdown = drawdown;
                const LightVerdict v = EvaluateLight(f, config, current);
                ASSERT_EQ(LightOf(f, config, current), v.held);
              }
            }
          }
        }
      }
    }
  }
}

}  // namespace
}  // namespace pulse::risk
