#include "engines/signal/theories/bollinger_reversion.h"

#include <gtest/gtest.h>

#include "engines/signal/theories/theory_test_support.h"

namespace pulse::signal {
namespace {

using testing::FeatureVectors;
using testing::kNaN;

class BollingerReversionTest : public ::testing::Test {
 protected:
  FeatureVectors vectors_{{"5m.bbands_20_2_2.upper", "5m.bbands_20_2_2.middle",
                           "5m.bbands_20_2_2.lower", "5m.bbands_20_2_2.width",
                           "5m.bbands_20_2_2.percent_b"}};

  // Strength long = -previous %b / 0.5, short = (previous %b - 1) / 0.5, clamped.
  Opinion At(double previous, double current, std::map<std::string, double> params = {}) {
    auto theory = testing::MakeTheory("bollinger_reversion", vectors_, std::move(params));
    vectors_.Set("5m.bbands_20_2_2.percent_b", previous, current);
    return theory ? theory->Evaluate(vectors_.view()) : Opinion{};
  }
};

TEST_F(BollingerReversionTest, VotesWhenTheCloseComesBackInside) {
  Opinion o = At(-0.2, 0.1);
  EXPECT_EQ(o.vote, Vote::kLong);
  EXPECT_NEAR(o.strength, 0.4, 1e-12);
  EXPECT_EQ(At(-0.2, 0).vote, Vote::kLong);      // back on the band counts
  EXPECT_EQ(At(-0.2, -0.05).vote, Vote::kNone);  // still outside
  EXPECT_EQ(At(0, 0.5).vote, Vote::kNone);       // was not outside
  EXPECT_EQ(At(-0.2, 1.2).vote, Vote::kNone);    // jumped through: a breakout, not a return
  EXPECT_DOUBLE_EQ(At(-0.9, 0.2).strength, 1.0);

  o = At(1.3, 0.9);
  EXPECT_EQ(o.vote, Vote::kShort);
  EXPECT_NEAR(o.strength, 0.6, 1e-12);
  EXPECT_EQ(At(1.3, 1.05).vote, Vote::kNone);
  EXPECT_EQ(At(1.0, 0.9).vote, Vote::kNone);
}

TEST_F(BollingerReversionTest, ReentryLevelAsksForADeeperReturn) {
  const std::map<std::string, double> deeper = {{"reentry_level", 0.2}};
  EXPECT_EQ(At(-0.2, 0.1, deeper).vote, Vote::kNone);
  EXPECT_EQ(At(-0.2, 0.25, deeper).vote, Vote::kLong);
  EXPECT_EQ(At(1.2, 0.9, deeper).vote, Vote::kNone);
  const Opinion o = At(1.2, 0.75, deeper);
  EXPECT_EQ(o.vote, Vote::kShort);
  EXPECT_NEAR(o.strength, 0.4, 1e-12);
}

TEST_F(BollingerReversionTest, NanGivesNoVote) {
  EXPECT_EQ(At(kNaN, 0.1).vote, Vote::kNone);
  EXPECT_EQ(At(-0.2, kNaN).vote, Vote::kNone);
}

TEST_F(BollingerReversionTest, ExplainShowsTheReturn) {
  auto theory = testing::MakeTheory("bollinger_reversion", vectors_);
  ASSERT_NE(theory, nullptr);
  vectors_.Set("5m.bbands_20_2_2.percent_b", -0.2, 0.1);
  vectors_.Set("5m.bbands_20_2_2.upper", 101.5);
  vectors_.Set("5m.bbands_20_2_2.lower", 98.5);
  EXPECT_EQ(theory->Explain(vectors_.view()),
            "close back above the lower band 98.5: %b -0.200 -> 0.100, expects a move to the "
            "middle, strength 0.40");
}

TEST_F(BollingerReversionTest, BindNamesTheMissingFeature) {
  const Status status = testing::BindError("bollinger_reversion",
                                           {"5m.bbands_20_2_2.upper", "5m.bbands_20_2_2.lower"});
  EXPECT_EQ(status.code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(status.message().find("role 'percent_b' reads '5m.bbands_20_2_2.percent_b'"),
            std::string::npos)
      << status;
}

}  // namespace
}  // namespace pulse::signal
