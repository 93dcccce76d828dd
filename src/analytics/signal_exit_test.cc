#include "analytics/signal_exit.h"

#include <gtest/gtest.h>

namespace pulse::analytics {
namespace {

Signal LongSignal(std::optional<double> size) {
  Signal s;
  s.direction = Direction::kLong;
  s.entry_price = 100;
  s.size = size;
  return s;
}

SignalResult Entered(UnixNanos at) {
  SignalResult r;
  r.entry_price = 100;
  r.entry_time = at;
  return r;
}

TEST(AnalyticsSignalExit, LongWinAfterFees) {
  // 100 -> 103, 2 units, 0.1 % per side: fees 0.001 x (100 + 103) x 2 = 0.406;
  // P&L 3 x 2 = 6 before fees, 5.594 after; net % = 3 - 0.203 = 2.797.
  const SignalResult r = CloseSignalResult(LongSignal(2.0), Entered(0), 103.0, 90 * kNanosPerMinute,
                                           "take_profit", {0.1, 0.5});
  EXPECT_DOUBLE_EQ(*r.pnl_percent, 3.0);
  EXPECT_DOUBLE_EQ(*r.pnl_quote, 3.0);
  EXPECT_NEAR(*r.fees_quote, 0.406, 1e-12);
  EXPECT_NEAR(*r.pnl_quote_total, 5.594, 1e-12);
  EXPECT_NEAR(*r.pnl_percent_net, 2.797, 1e-12);
  EXPECT_EQ(r.outcome, Outcome::kWin);
  EXPECT_EQ(r.exit_reason, "take_profit");
  EXPECT_DOUBLE_EQ(*r.hold_minutes, 90.0);
  EXPECT_EQ(*r.exit_time, 90 * kNanosPerMinute);
}

TEST(AnalyticsSignalExit, FeesCanTurnASmallGainIntoABreakevenOrALoss) {
  // Short 100 -> 99.4: +0.6 % gross; fees 0.1 % x (100 + 99.4) / 100 = 0.1994 %: net 0.4006 %,
  // inside the 0.5 % band.
  Signal s = LongSignal(std::nullopt);
  s.direction = Direction::kShort;
  SignalResult r = CloseSignalResult(s, Entered(0), 99.4, kNanosPerMinute, "manual", {0.1, 0.5});
  EXPECT_NEAR(*r.pnl_percent, 0.6, 1e-12);
  EXPECT_NEAR(*r.pnl_percent_net, 0.4006, 1e-12);
  EXPECT_EQ(r.outcome, Outcome::kBreakeven);
  EXPECT_FALSE(r.fees_quote.has_value());
  EXPECT_FALSE(r.pnl_quote_total.has_value());
  // Without fees the same exit is a win, as the seed recorder classified it.
  r = CloseSignalResult(s, Entered(0), 99.4, kNanosPerMinute, "manual", {0.0, 0.5});
  EXPECT_EQ(r.outcome, Outcome::kWin);
  EXPECT_DOUBLE_EQ(*r.pnl_percent_net, *r.pnl_percent);
}

TEST(AnalyticsSignalExit, ContributionCorrectness) {
  EXPECT_EQ(ContributionWasCorrect(0.2, Outcome::kWin), true);
  EXPECT_EQ(ContributionWasCorrect(-0.1, Outcome::kWin), false);
  EXPECT_EQ(ContributionWasCorrect(0.2, Outcome::kLoss), false);
  EXPECT_EQ(ContributionWasCorrect(0.0, Outcome::kWin), std::nullopt);
  EXPECT_EQ(ContributionWasCorrect(0.0, Outcome::kLoss), std::nullopt);
  EXPECT_EQ(ContributionWasCorrect(-0.1, Outcome::kLoss), true);
  EXPECT_FALSE(ContributionWasCorrect(0.2, Outcome::kBreakeven).has_value());
  EXPECT_FALSE(ContributionWasCorrect(0.2, Outcome::kOpen).has_value());
}

}  // namespace
}  // namespace pulse::analytics
