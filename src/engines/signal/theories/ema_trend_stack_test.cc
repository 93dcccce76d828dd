#include "engines/signal/theories/ema_trend_stack.h"

#include <gtest/gtest.h>

#include "engines/signal/theories/theory_test_support.h"

namespace pulse::signal {
namespace {

using testing::FeatureVectors;
using testing::kNaN;

class EmaTrendStackTest : public ::testing::Test {
 protected:
  FeatureVectors vectors_{{"5m.ema_50", "5m.ema_21", "5m.ema_9", "1h.ema_50"}};

  // Strength = (100 (fast - slow) / slow) / 1.0 for long, its negative for short, clamped.
  Opinion At(double close, double fast, double mid, double slow,
             std::map<std::string, double> params = {}) {
    auto theory = testing::MakeTheory("ema_trend_stack", vectors_, std::move(params));
    vectors_.Set("5m.ema_9", fast);
    vectors_.Set("5m.ema_21", mid);
    vectors_.Set("5m.ema_50", slow);
    vectors_.SetClose(close);
    return theory ? theory->Evaluate(vectors_.view()) : Opinion{};
  }
};

TEST_F(EmaTrendStackTest, OrderedStackVotesWithStrengthFromTheSpread) {
  Opinion o = At(101, 100.5, 100.2, 100);
  EXPECT_EQ(o.vote, Vote::kLong);
  EXPECT_NEAR(o.strength, 0.5, 1e-9);
  EXPECT_DOUBLE_EQ(At(103, 102, 101, 100).strength, 1.0);
  o = At(95, 99.7, 99.9, 100);
  EXPECT_EQ(o.vote, Vote::kShort);
  EXPECT_NEAR(o.strength, 0.3, 1e-9);
}

TEST_F(EmaTrendStackTest, AnyBreakInTheOrderGivesNoVote) {
  EXPECT_EQ(At(101, 100.2, 100.2, 100).vote, Vote::kNone);    // fast == mid
  EXPECT_EQ(At(101, 100.5, 100.6, 100).vote, Vote::kNone);    // mid above fast
  EXPECT_EQ(At(101, 100.5, 99.9, 100).vote, Vote::kNone);     // mid below slow
  EXPECT_EQ(At(100.4, 100.5, 100.2, 100).vote, Vote::kNone);  // close below fast
  EXPECT_EQ(At(100.5, 100.5, 100.2, 100).vote, Vote::kNone);  // close on fast
}

TEST_F(EmaTrendStackTest, PriceTermCanBeSwitchedOff) {
  const Opinion o = At(100.4, 100.5, 100.2, 100, {{"require_price", 0}});
  EXPECT_EQ(o.vote, Vote::kLong);
  EXPECT_NEAR(o.strength, 0.5, 1e-9);
  // Without the price term the bar is not needed.
  auto theory = testing::MakeTheory("ema_trend_stack", vectors_, {{"require_price", 0}});
  ASSERT_NE(theory, nullptr);
  vectors_.ClearBar();
  EXPECT_EQ(theory->Evaluate(vectors_.view()).vote, Vote::kLong);
}

TEST_F(EmaTrendStackTest, NanOrNoBarGivesNoVote) {
  EXPECT_EQ(At(101, 100.5, kNaN, 100).vote, Vote::kNone);
  auto theory = testing::MakeTheory("ema_trend_stack", vectors_);
  ASSERT_NE(theory, nullptr);
  vectors_.Set("5m.ema_21", 100.2);
  vectors_.ClearBar();
  EXPECT_EQ(theory->Evaluate(vectors_.view()).vote, Vote::kNone);
}

TEST_F(EmaTrendStackTest, ExplainListsTheStack) {
  auto theory = testing::MakeTheory("ema_trend_stack", vectors_);
  ASSERT_NE(theory, nullptr);
  At(101, 100.5, 100.2, 100);
  EXPECT_EQ(theory->Explain(vectors_.view()),
            "uptrend stack: close 101 > fast 100.5 > mid 100.2 > slow 100, spread 0.500%, "
            "strength 0.50");
}

TEST_F(EmaTrendStackTest, BindNamesTheMissingAverage) {
  const Status status = testing::BindError("ema_trend_stack", {"5m.ema_9", "5m.ema_50"});
  EXPECT_EQ(status.code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(status.message().find("role 'mid' reads '5m.ema_21'"), std::string::npos) << status;
  EXPECT_NE(status.message().find("add 'ema:21' to the 5m indicators"), std::string::npos)
      << status;
}

}  // namespace
}  // namespace pulse::signal
