// risk.traffic_light.probation: while the light is red, the shadow outcomes of the signals it
// denied join the win-rate window and the losing streak, so the light clears once they would
// have won again; nothing else a shadow is counts.
#include <gtest/gtest.h>

#include "engines/risk/controller_test_builders.h"
#include "engines/risk/trading_controller.h"

namespace pulse::risk {
namespace {

constexpr Outcome W = Outcome::kWin;
constexpr Outcome L = Outcome::kLoss;

using test_builders::MakeController;
using test_builders::MakeSignal;
using test_builders::Resolved;

RiskConfig NoBreakers() {
  RiskConfig c;
  c.breakers.consecutive_losses.enabled = false;
  c.breakers.min_time_between_trades.enabled = false;
  return c;
}

class ProbationTest : public ::testing::Test {
 protected:
  TradingController Make(const RiskConfig& config = NoBreakers()) {
    return MakeController(config, clock_);
  }
  // Traded outcomes one second apart, from the clock's time.
  void Trade(TradingController& c, std::initializer_list<Outcome> outcomes) {
    for (Outcome o : outcomes) {
      clock_.Advance(kNanosPerSecond);
      Signal s = MakeSignal("BTCUSDT", clock_.Now());
      s.id = ++next_id_;
      const OutcomeResolved event = Resolved(std::move(s), o, clock_.Now(), false);
      ASSERT_TRUE(c.OnOutcome(event).ok());
      history_.outcomes.push_back(event);
    }
  }
  // A signal reviewed now, denied, stored as the pipeline stores it; its shadow resolves a
  // minute later with `outcome`.
  OutcomeResolved Denied(TradingController& c, Outcome outcome) {
    clock_.Advance(kNanosPerSecond);
    const ReviewDecision d = c.Review(MakeSignal("BTCUSDT", clock_.Now()));
    EXPECT_TRUE(std::holds_alternative<SignalDenied>(d));
    Signal stored = std::holds_alternative<SignalDenied>(d)
                        ? DeniedSignalForStorage(std::get<SignalDenied>(d))
                        : MakeSignal("BTCUSDT", clock_.Now());
    stored.id = ++next_id_;
    clock_.Advance(FromSeconds(60));
    return Resolved(std::move(stored), outcome, clock_.Now(), true);
  }
  Status Feed(TradingController& c, const OutcomeResolved& event) {
    history_.outcomes.push_back(event);
    return c.OnOutcome(event);
  }
  void Record(TradingController& c) {
    for (const RiskStateChanged& ch : c.TakeOutputs().state_changes) {
      history_.status.push_back(StatusRowOf(ch));
    }
  }

  SimulatedClock clock_{*ParseIso8601("2026-11-21T08:00:00Z")};
  SignalId next_id_ = 0;
  ControllerHistory history_;
};

TEST_F(ProbationTest, RedByAStreakClearsWhenADeniedSignalWouldHaveWon) {
  RiskConfig config;  // the consecutive-loss breaker on: shadows never reach it
  TradingController c = Make(config);
  Trade(c, {W, L, L, L, L, L});
  ASSERT_EQ(c.state().light, TrafficLight::kRed);
  ControllerOutputs out = c.TakeOutputs();
  ASSERT_EQ(out.trips.size(), 1u);

  // A denied signal's loss extends the streak and the light stays red (that the breaker never
  // counts it: TheBreakersNeverSeeAShadow).
  ASSERT_TRUE(Feed(c, Denied(c, L)).ok());
  EXPECT_EQ(c.figures().resolved, 7);
  EXPECT_EQ(c.figures().denied, 1);
  EXPECT_EQ(c.figures().consecutive_losses, 6);
  EXPECT_EQ(c.state().light, TrafficLight::kRed);
  out = c.TakeOutputs();
  EXPECT_TRUE(out.trips.empty());
  EXPECT_TRUE(out.state_changes.empty());

  // Its win ends the streak: under the minimum sample the win rate does not count, so green.
  const OutcomeResolved win = Denied(c, W);
  ASSERT_TRUE(Feed(c, win).ok());
  EXPECT_EQ(c.state().light, TrafficLight::kGreen);
  EXPECT_EQ(c.figures().resolved, 8);
  EXPECT_EQ(c.figures().denied, 2);
  EXPECT_EQ(c.figures().consecutive_losses, 0);
  out = c.TakeOutputs();
  ASSERT_EQ(out.state_changes.size(), 1u);
  EXPECT_EQ(out.state_changes[0].previous, RiskState::kRed);
  EXPECT_EQ(out.state_changes[0].current, RiskState::kGreen);
  EXPECT_EQ(out.state_changes[0].at, *win.result.exit_time);
  ASSERT_FALSE(out.state_changes[0].reasons.empty());
  EXPECT_EQ(out.state_changes[0].reasons[0],
            (ControllerReason{"probation", 2, 0,
                              "red light cleared on probation: 2 of the last 8 resolved are "
                              "signals it denied, judged on their shadows"}));
  EXPECT_TRUE(out.trips.empty());
}

// The consecutive-loss breaker counts real losses only: five denied losses in a row after its
// trip (which restarted its count) do not trip it again, though they extend the light's streak.
TEST_F(ProbationTest, TheBreakersNeverSeeAShadow) {
  RiskConfig config;
  TradingController c = Make(config);
  Trade(c, {L, L, L, L, L});
  ASSERT_EQ(c.TakeOutputs().trips.size(), 1u);
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(Feed(c, Denied(c, L)).ok());
  EXPECT_EQ(c.figures().consecutive_losses, 10);
  EXPECT_EQ(c.figures().denied, 5);
  EXPECT_TRUE(c.TakeOutputs().trips.empty());
}

// Red by the win rate clears only once the window, real and denied outcomes together, is back
// above the threshold plus its margin (67 %); 68 % is yellow.
TEST_F(ProbationTest, RedByTheWinRateNeedsTheWindowPastTheMargin) {
  RiskConfig config = NoBreakers();
  config.light.red_ece = 0.5;  // the confidence of 0.75 is not what this is about
  TradingController c = Make(config);
  // 12 wins in 20, never three losses in a row: 60 %.
  Trade(c, {W, L, W, L, W, W, L, L, W, L, W, W, L, W, L, W, L, W, W, W});
  ASSERT_EQ(c.state().light, TrafficLight::kRed);
  for (int k = 1; k <= 4; ++k) {
    ASSERT_TRUE(Feed(c, Denied(c, W)).ok());
    EXPECT_EQ(c.state().light, TrafficLight::kRed) << k << " wins";  // 16 / 24 = 66.7 %
  }
  c.TakeOutputs();
  ASSERT_TRUE(Feed(c, Denied(c, W)).ok());  // 17 / 25 = 68 %
  EXPECT_EQ(c.state().light, TrafficLight::kYellow);
  const ControllerOutputs out = c.TakeOutputs();
  ASSERT_EQ(out.state_changes.size(), 1u);
  const std::vector<ControllerReason>& reasons = out.state_changes[0].reasons;
  ASSERT_EQ(reasons.size(), 2u);
  EXPECT_EQ(reasons[0].rule, "probation");
  EXPECT_EQ(reasons[0].value, 5);
  EXPECT_EQ(reasons[1].rule, "win_rate_yellow");
  EXPECT_DOUBLE_EQ(reasons[1].value, 0.68);
  EXPECT_EQ(reasons[1].text,
            "win rate 68.00% < 72.00% over the last 25 resolved (5 of them denied while red, as "
            "shadows)");
  // Yellow approves: no more denials, and a later shadow (not denied) does not count.
  const ReviewDecision d = c.Review(MakeSignal("BTCUSDT", clock_.Now()));
  ASSERT_TRUE(std::holds_alternative<SignalApproved>(d));
  Signal rejected = MakeSignal("BTCUSDT", clock_.Now());
  rejected.gate_checks.push_back({"confidence", 0.5, 0.6, false, "confidence 0.50 < 0.60"});
  ASSERT_TRUE(Feed(c, Resolved(rejected, L, clock_.Now() + 1, true)).ok());
  EXPECT_EQ(c.figures().resolved, 25);
}

// Only the controller's own denials during the red count: not a candidate a quality gate
// rejected, not a signal denied before the red began, not while paused, not a shadow that
// failed no check, and nothing with probation off.
TEST_F(ProbationTest, OnlyTheControllersDenialsDuringTheRedCount) {
  for (const bool probation : {true, false}) {
    RiskConfig config = NoBreakers();
    config.breakers.volatility.enabled = true;
    config.light.probation = probation;
    TradingController c = Make(config);
    // Denied before any red: the volatility breaker blocks BTCUSDT.
    ASSERT_TRUE(c.OnVolatility(clock_.Now(), "BTCUSDT", 0.2).ok());
    const OutcomeResolved early = Denied(c, W);
    ASSERT_EQ(early.signal.gate_checks.size(), 1u);
    EXPECT_EQ(early.signal.gate_checks[0].gate, "risk:volatility");

    Trade(c, {L, L, L, L, L});
    ASSERT_EQ(c.state().light, TrafficLight::kRed);
    const OutcomeResolved denied = Denied(c, W);  // red light and volatility
    ASSERT_EQ(denied.signal.gate_checks.size(), 2u);

    OutcomeResolved gated = denied;
    gated.signal.gate_checks.push_back({"volume", 0.5, 1, false, "volume 0.50 < 1.00"});
    OutcomeResolved unchecked = denied;
    unchecked.signal.gate_checks.clear();
    for (const OutcomeResolved& ignored : {early, gated, unchecked}) {
      ASSERT_TRUE(c.OnOutcome(ignored).ok());
      EXPECT_EQ(c.figures().resolved, 5);
      EXPECT_EQ(c.state().light, TrafficLight::kRed);
    }
    c.Pause({"alice", ""});
    ASSERT_TRUE(c.OnOutcome(denied).ok());
    EXPECT_EQ(c.figures().resolved, 5);
    c.Resume({"alice", "", false});
    ASSERT_EQ(c.state().light, TrafficLight::kRed);
    // Denied before the resume, which started the red's current state afresh.
    ASSERT_TRUE(c.OnOutcome(denied).ok());
    EXPECT_EQ(c.figures().resolved, 5);

    const OutcomeResolved after_resume = Denied(c, W);
    ASSERT_TRUE(c.OnOutcome(after_resume).ok());
    EXPECT_EQ(c.figures().resolved, probation ? 6 : 5) << probation;
    EXPECT_EQ(c.state().light, probation ? TrafficLight::kGreen : TrafficLight::kRed);
  }
}

// Restore replays the shadows with the traded outcomes and arrives at the live window.
TEST_F(ProbationTest, RestoreReplaysTheDeniedShadows) {
  RiskConfig config = NoBreakers();
  TradingController live = Make(config);
  Record(live);
  Trade(live, {W, L, L, L, L, L});
  Record(live);
  for (Outcome o : {L, L, W}) {
    ASSERT_TRUE(Feed(live, Denied(live, o)).ok());
    Record(live);
  }
  Trade(live, {L, L, L, L, L});  // red again
  ASSERT_TRUE(Feed(live, Denied(live, L)).ok());
  Record(live);
  ASSERT_EQ(live.state().light, TrafficLight::kRed);
  ASSERT_EQ(live.figures().denied, 4);

  auto restored = TradingController::Restore(config, clock_, history_);
  ASSERT_TRUE(restored.ok()) << restored.status();
  EXPECT_EQ(restored->state(), live.state());
  EXPECT_EQ(restored->figures().resolved, live.figures().resolved);
  EXPECT_EQ(restored->figures().denied, live.figures().denied);
  EXPECT_EQ(restored->figures().consecutive_losses, live.figures().consecutive_losses);
  EXPECT_DOUBLE_EQ(restored->figures().win_rate, live.figures().win_rate);
  EXPECT_TRUE(restored->TakeOutputs().state_changes.empty());
}

}  // namespace
}  // namespace pulse::risk
