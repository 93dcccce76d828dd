#include "engines/signal/theories/bollinger_breakout.h"

#include <gtest/gtest.h>

#include "engines/signal/theories/theory_test_support.h"

namespace pulse::signal {
namespace {

using testing::FeatureVectors;
using testing::kNaN;

class BollingerBreakoutTest : public ::testing::Test {
 protected:
  FeatureVectors vectors_{{"5m.bbands_20_2_2.upper", "5m.bbands_20_2_2.middle",
                           "5m.bbands_20_2_2.lower", "5m.bbands_20_2_2.width",
                           "5m.bbands_20_2_2.percent_b"}};

  // Strength long = (%b - 1) / 0.5, short = -%b / 0.5, clamped (full_excess 0.5).
  Opinion At(double previous, double current, std::map<std::string, double> params = {}) {
    auto theory = testing::MakeTheory("bollinger_breakout", vectors_, std::move(params));
    vectors_.Set("5m.bbands_20_2_2.percent_b", previous, current);
    return theory ? theory->Evaluate(vectors_.view()) : Opinion{};
  }
};

TEST_F(BollingerBreakoutTest, VotesOnTheBarThatLeavesTheBand) {
  Opinion o = At(0.9, 1.2);
  EXPECT_EQ(o.vote, Vote::kLong);
  EXPECT_NEAR(o.strength, 0.4, 1e-12);
  EXPECT_EQ(At(1.0, 1.01).vote, Vote::kLong);  // previous on the band counts as inside
  EXPECT_NEAR(At(1.0, 1.01).strength, 0.02, 1e-12);
  EXPECT_EQ(At(0.9, 1.0).vote, Vote::kNone);  // on the band is not beyond it
  EXPECT_EQ(At(1.1, 1.2).vote, Vote::kNone);  // already outside: not a fresh break
  EXPECT_DOUBLE_EQ(At(0.5, 1.8).strength, 1.0);

  o = At(0.1, -0.1);
  EXPECT_EQ(o.vote, Vote::kShort);
  EXPECT_NEAR(o.strength, 0.2, 1e-12);
  EXPECT_EQ(At(0.1, 0).vote, Vote::kNone);
  EXPECT_EQ(At(-0.1, -0.2).vote, Vote::kNone);
}

TEST_F(BollingerBreakoutTest, WithoutRequireCrossEveryCloseOutsideVotes) {
  const std::map<std::string, double> any = {{"require_cross", 0}, {"full_excess", 0.25}};
  Opinion o = At(1.1, 1.2, any);
  EXPECT_EQ(o.vote, Vote::kLong);
  EXPECT_NEAR(o.strength, 0.2 / 0.25, 1e-12);
  o = At(kNaN, -0.05, any);  // no previous bar is fine without the cross rule
  EXPECT_EQ(o.vote, Vote::kShort);
  EXPECT_NEAR(o.strength, 0.05 / 0.25, 1e-12);
}

TEST_F(BollingerBreakoutTest, NanGivesNoVote) {
  EXPECT_EQ(At(kNaN, 1.2).vote, Vote::kNone);  // the cross cannot be seen
  EXPECT_EQ(At(0.9, kNaN).vote, Vote::kNone);
}

TEST_F(BollingerBreakoutTest, ExplainNamesTheBandAndPercentB) {
  auto theory = testing::MakeTheory("bollinger_breakout", vectors_);
  ASSERT_NE(theory, nullptr);
  vectors_.Set("5m.bbands_20_2_2.percent_b", 0.9, 1.2);
  vectors_.Set("5m.bbands_20_2_2.upper", 101.5);
  vectors_.Set("5m.bbands_20_2_2.lower", 98.5);
  EXPECT_EQ(theory->Explain(vectors_.view()),
            "close broke above the upper band 101.5: %b 1.200 (previous 0.900), strength 0.40");
}

TEST_F(BollingerBreakoutTest, BindNamesTheMissingBand) {
  const Status status = testing::BindError("bollinger_breakout", {"5m.bbands_20_2_2.percent_b"});
  EXPECT_EQ(status.code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(status.message().find("role 'upper' reads '5m.bbands_20_2_2.upper'"), std::string::npos)
      << status;
  EXPECT_NE(status.message().find("add 'bbands:20,2,2' to the 5m indicators"), std::string::npos)
      << status;
}

}  // namespace
}  // namespace pulse::signal
