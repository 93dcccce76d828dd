#include "analytics/bracket_exit.h"

#include <gtest/gtest.h>

#include <vector>

namespace pulse::analytics {
namespace {

Bar MakeBar(double open, double high, double low, double close) {
  Bar b;
  b.open = open;
  b.high = high;
  b.low = low;
  b.close = close;
  return b;
}

const Bracket kLong{Direction::kLong, 100, 98, 104};
const Bracket kShort{Direction::kShort, 100, 102, 96};

TEST(BracketExitTest, LongHits) {
  EXPECT_EQ(CheckBracket(kLong, MakeBar(100, 103, 99, 101)), BracketHit::kNone);
  EXPECT_EQ(CheckBracket(kLong, MakeBar(100, 104, 99, 103)), BracketHit::kTakeProfit);
  EXPECT_EQ(CheckBracket(kLong, MakeBar(100, 101, 98, 99)), BracketHit::kStopLoss);
  EXPECT_EQ(CheckBracket(kLong, MakeBar(100, 105, 97, 100)), BracketHit::kBoth);
  // Gaps: the open decides.
  EXPECT_EQ(CheckBracket(kLong, MakeBar(97, 105, 96, 104)), BracketHit::kStopLoss);
  EXPECT_EQ(CheckBracket(kLong, MakeBar(105, 106, 97, 100)), BracketHit::kTakeProfit);
}

TEST(BracketExitTest, ShortHitsMirror) {
  EXPECT_EQ(CheckBracket(kShort, MakeBar(100, 101, 97, 98)), BracketHit::kNone);
  EXPECT_EQ(CheckBracket(kShort, MakeBar(100, 101, 96, 97)), BracketHit::kTakeProfit);
  EXPECT_EQ(CheckBracket(kShort, MakeBar(100, 102, 99, 101)), BracketHit::kStopLoss);
  EXPECT_EQ(CheckBracket(kShort, MakeBar(100, 103, 95, 100)), BracketHit::kBoth);
  EXPECT_EQ(CheckBracket(kShort, MakeBar(103, 104, 95, 96)), BracketHit::kStopLoss);
}

TEST(BracketExitTest, BothPolicyAndExitPrices) {
  EXPECT_EQ(ResolveBoth(BracketHit::kBoth, BothHitPolicy::kStopLossFirst), BracketHit::kStopLoss);
  EXPECT_EQ(ResolveBoth(BracketHit::kBoth, BothHitPolicy::kTakeProfitFirst),
            BracketHit::kTakeProfit);
  EXPECT_EQ(ResolveBoth(BracketHit::kNone, BothHitPolicy::kTakeProfitFirst), BracketHit::kNone);
  EXPECT_DOUBLE_EQ(ExitPrice(kLong, BracketHit::kStopLoss, MakeBar(100, 101, 97, 98)), 98.0);
  EXPECT_DOUBLE_EQ(ExitPrice(kLong, BracketHit::kStopLoss, MakeBar(97, 98, 96, 97)), 97.0);
  EXPECT_DOUBLE_EQ(ExitPrice(kLong, BracketHit::kTakeProfit, MakeBar(106, 107, 105, 106)), 106.0);
  EXPECT_DOUBLE_EQ(ExitPrice(kShort, BracketHit::kStopLoss, MakeBar(103, 104, 102, 103)), 103.0);
  EXPECT_DOUBLE_EQ(ExitPrice(kShort, BracketHit::kTakeProfit, MakeBar(99, 99, 95, 96)), 96.0);
}

TEST(BracketExitTest, BothHitIsDecidedByTheFirstFinerBarThatReachesALevel) {
  const Bracket b{Direction::kLong, 100, 95, 110};
  const std::vector<Bar> target_first = {MakeBar(100, 102, 99, 101), MakeBar(101, 111, 100, 108),
                                         MakeBar(108, 108, 94, 96)};
  BothHitDecision d = DecideBothHit(b, target_first, BothHitPolicy::kStopLossFirst);
  EXPECT_EQ(d.decided, BracketHit::kTakeProfit);
  EXPECT_EQ(d.finer_index, 1u);
  EXPECT_EQ(d.resolution, "lower_timeframe");
  // A finer bar that touches both itself: the policy, on that bar.
  const std::vector<Bar> both = {MakeBar(100, 102, 99, 101), MakeBar(101, 111, 94, 100)};
  d = DecideBothHit(b, both, BothHitPolicy::kTakeProfitFirst);
  EXPECT_EQ(d.decided, BracketHit::kTakeProfit);
  EXPECT_EQ(d.finer_index, 1u);
  EXPECT_EQ(d.resolution, "take_profit_first");
  // No finer bars: the policy on the whole bar.
  d = DecideBothHit(b, {}, BothHitPolicy::kStopLossFirst);
  EXPECT_EQ(d.decided, BracketHit::kStopLoss);
  EXPECT_EQ(d.finer_index, 0u);
  EXPECT_EQ(d.resolution, "stop_loss_first");
}

TEST(BracketExitTest, TrailingStopArmsThenTrailsAndNeverLoosens) {
  Bracket b = kLong;
  TrailingStop t{1.0, 2.0, false, 0};
  UpdateTrailingStop(MakeBar(100, 100.5, 99, 100), &b, &t);  // best 100.5 < 101: not armed
  EXPECT_FALSE(t.armed);
  EXPECT_DOUBLE_EQ(b.stop_loss, 98.0);
  UpdateTrailingStop(MakeBar(100, 102, 100, 101), &b, &t);  // best 102: stop 102 x 0.98
  EXPECT_TRUE(t.armed);
  EXPECT_DOUBLE_EQ(b.stop_loss, 99.96);
  UpdateTrailingStop(MakeBar(101, 101.5, 100.5, 101), &b, &t);  // best still 102
  EXPECT_DOUBLE_EQ(b.stop_loss, 99.96);
  EXPECT_EQ(CheckBracket(b, MakeBar(101, 101, 99.9, 100)), BracketHit::kStopLoss);

  Bracket s = kShort;
  TrailingStop ts{1.0, 2.0, false, 0};
  UpdateTrailingStop(MakeBar(100, 100, 98, 98.5), &s, &ts);  // best 98 <= 99: stop 98 x 1.02
  EXPECT_TRUE(ts.armed);
  EXPECT_DOUBLE_EQ(s.stop_loss, 99.96);
}

}  // namespace
}  // namespace pulse::analytics
