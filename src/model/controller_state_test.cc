#include "model/controller_state.h"

#include <gtest/gtest.h>

namespace pulse {
namespace {

TEST(ControllerStateTest, NamesRoundTrip) {
  for (TrafficLight l : {TrafficLight::kGreen, TrafficLight::kYellow, TrafficLight::kRed}) {
    EXPECT_EQ(*ParseTrafficLight(TrafficLightName(l)), l);
  }
  for (ControllerMode m :
       {ControllerMode::kActive, ControllerMode::kPaused, ControllerMode::kStopped}) {
    EXPECT_EQ(*ParseControllerMode(ControllerModeName(m)), m);
  }
  for (RiskState s : {RiskState::kGreen, RiskState::kYellow, RiskState::kRed, RiskState::kPaused,
                      RiskState::kStopped}) {
    EXPECT_EQ(*ParseRiskState(RiskStateName(s)), s);
  }
  for (int i = 0; i <= static_cast<int>(DenyReason::kVolatility); ++i) {
    const auto r = static_cast<DenyReason>(i);
    EXPECT_EQ(*ParseDenyReason(DenyReasonName(r)), r);
  }
  EXPECT_EQ(DenyReasonName(DenyReason::kMinTimeBetweenTrades), "min_time_between_trades");
  EXPECT_EQ(RiskStateName(RiskState::kStopped), "stopped");
  EXPECT_EQ(*ParseTrafficLight("RED"), TrafficLight::kRed);
}

TEST(ControllerStateTest, UnknownNamesListTheAcceptedOnes) {
  auto r = ParseRiskState("amber");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(),
            "unknown controller state 'amber' (accepted: green, yellow, red, paused, stopped)");
  EXPECT_FALSE(ParseDenyReason("").ok());
}

TEST(ControllerStateTest, StoredStateIsTheModeUnlessActive) {
  EXPECT_EQ(RiskStateOf(TrafficLight::kYellow, ControllerMode::kActive), RiskState::kYellow);
  EXPECT_EQ(RiskStateOf(TrafficLight::kGreen, ControllerMode::kPaused), RiskState::kPaused);
  EXPECT_EQ(RiskStateOf(TrafficLight::kRed, ControllerMode::kStopped), RiskState::kStopped);
  ControllerState s;
  s.light = TrafficLight::kRed;
  EXPECT_EQ(s.stored(), RiskState::kRed);
}

TEST(ControllerStateTest, DeniedSignalIsStoredAsRejectedWithRiskChecks) {
  SignalDenied d;
  d.signal.symbol = "BTCUSDT";
  d.signal.gate_checks = {{"confidence", 0.8, 0.7, true, "confidence ok"}};
  d.reason = DenyReason::kRedLight;
  d.reasons = {{"win_rate", 0.6, 0.65, "win rate 60.0% < 65.0%"},
               {"daily_loss", 0.06, 0.05, "loss today 6.0% > 5.0%"}};
  const Signal s = DeniedSignalForStorage(d);
  EXPECT_EQ(s.status, SignalStatus::kRejected);
  ASSERT_EQ(s.gate_checks.size(), 3u);
  EXPECT_EQ(s.gate_checks[1],
            (GateCheck{"risk:win_rate", 0.6, 0.65, false, "win rate 60.0% < 65.0%"}));
  EXPECT_EQ(RejectionReasons(s), "win rate 60.0% < 65.0%; loss today 6.0% > 5.0%");

  SignalDenied paused;
  paused.reason = DenyReason::kPaused;
  paused.text = "trading is paused";
  const Signal p = DeniedSignalForStorage(paused);
  ASSERT_EQ(p.gate_checks.size(), 1u);
  EXPECT_EQ(p.gate_checks[0].gate, "risk:paused");
  EXPECT_EQ(RejectionReasons(p), "trading is paused");
}

}  // namespace
}  // namespace pulse
