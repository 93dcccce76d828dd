#include "engines/signal/theories/macd_cross.h"

#include <gtest/gtest.h>

#include "engines/signal/theories/theory_test_support.h"

namespace pulse::signal {
namespace {

using testing::FeatureVectors;
using testing::kNaN;

class MacdCrossTest : public ::testing::Test {
 protected:
  FeatureVectors vectors_{
      {"5m.macd_12_26_9.macd", "5m.macd_12_26_9.signal", "5m.macd_12_26_9.hist", "5m.rsi_14"}};

  // Close 100, so strength = |hist| / 0.05 (hist in percent of the price is hist itself).
  Opinion At(double previous_hist, double hist, double macd = -0.5,
             std::map<std::string, double> params = {}) {
    auto theory = testing::MakeTheory("macd_cross", vectors_, std::move(params));
    vectors_.Set("5m.macd_12_26_9.hist", previous_hist, hist);
    vectors_.Set("5m.macd_12_26_9.macd", macd);
    vectors_.SetClose(100);
    return theory ? theory->Evaluate(vectors_.view()) : Opinion{};
  }
};

TEST_F(MacdCrossTest, VotesOnlyOnTheBarOfTheCross) {
  Opinion o = At(-0.01, 0.02);
  EXPECT_EQ(o.vote, Vote::kLong);
  EXPECT_NEAR(o.strength, 0.02 / 0.05, 1e-12);
  EXPECT_EQ(At(0, 0.02).vote, Vote::kLong);  // from exactly zero counts
  EXPECT_EQ(At(0.01, 0.02).vote, Vote::kNone);
  EXPECT_EQ(At(-0.01, 0).vote, Vote::kNone);  // touching is not crossing
  EXPECT_EQ(At(-0.02, -0.01).vote, Vote::kNone);

  o = At(0.01, -0.03, 0.5);
  EXPECT_EQ(o.vote, Vote::kShort);
  EXPECT_NEAR(o.strength, 0.03 / 0.05, 1e-12);
  EXPECT_DOUBLE_EQ(At(0.01, -0.2, 0.5).strength, 1.0);
}

TEST_F(MacdCrossTest, StrengthScalesWithThePrice) {
  auto theory = testing::MakeTheory("macd_cross", vectors_, {{"full_hist_pct", 0.1}});
  ASSERT_NE(theory, nullptr);
  vectors_.Set("5m.macd_12_26_9.hist", -5, 15);
  vectors_.Set("5m.macd_12_26_9.macd", 20);
  vectors_.SetClose(30000);
  // 100 * 15 / 30000 = 0.05 % of the price, half of 0.1.
  const Opinion o = theory->Evaluate(vectors_.view());
  EXPECT_EQ(o.vote, Vote::kLong);
  EXPECT_NEAR(o.strength, 0.5, 1e-12);
}

TEST_F(MacdCrossTest, ZeroLineFilterKeepsOnlyFarSideCrosses) {
  const std::map<std::string, double> far_side = {{"zero_line", 1}};
  EXPECT_EQ(At(-0.01, 0.02, -0.5, far_side).vote, Vote::kLong);
  EXPECT_EQ(At(-0.01, 0.02, 0.5, far_side).vote, Vote::kNone);
  EXPECT_EQ(At(0.01, -0.02, 0.5, far_side).vote, Vote::kShort);
  EXPECT_EQ(At(0.01, -0.02, -0.5, far_side).vote, Vote::kNone);
}

TEST_F(MacdCrossTest, MissingPreviousBarNanOrBarGiveNoVote) {
  EXPECT_EQ(At(kNaN, 0.02).vote, Vote::kNone);
  EXPECT_EQ(At(-0.01, kNaN).vote, Vote::kNone);
  auto theory = testing::MakeTheory("macd_cross", vectors_);
  ASSERT_NE(theory, nullptr);
  vectors_.Set("5m.macd_12_26_9.hist", -0.01, 0.02);
  vectors_.Set("5m.macd_12_26_9.macd", -0.5);
  vectors_.ClearBar();
  EXPECT_EQ(theory->Evaluate(vectors_.view()).vote, Vote::kNone);
}

TEST_F(MacdCrossTest, ExplainShowsTheHistogramBeforeAndAfter) {
  auto theory = testing::MakeTheory("macd_cross", vectors_);
  ASSERT_NE(theory, nullptr);
  vectors_.Set("5m.macd_12_26_9.hist", -0.01, 0.02);
  vectors_.Set("5m.macd_12_26_9.macd", -0.5);
  vectors_.SetClose(100);
  EXPECT_EQ(theory->Explain(vectors_.view()),
            "MACD crossed above its signal: histogram -0.01 -> 0.02 (0.0200% of price 100), "
            "MACD -0.5, strength 0.40");
}

TEST_F(MacdCrossTest, BindNamesTheMissingMacdOutput) {
  const Status status = testing::BindError("macd_cross", {"5m.macd_12_26_9.hist", "5m.rsi_14"});
  EXPECT_EQ(status.code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(status.message().find("role 'macd' reads '5m.macd_12_26_9.macd'"), std::string::npos)
      << status;
  EXPECT_NE(status.message().find("add 'macd:12,26,9' to the 5m indicators"), std::string::npos)
      << status;
}

}  // namespace
}  // namespace pulse::signal
