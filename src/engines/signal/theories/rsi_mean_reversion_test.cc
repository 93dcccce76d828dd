#include "engines/signal/theories/rsi_mean_reversion.h"

#include <gtest/gtest.h>

#include "engines/signal/theories/theory_test_support.h"

namespace pulse::signal {
namespace {

using testing::FeatureVectors;
using testing::kNaN;

class RsiMeanReversionTest : public ::testing::Test {
 protected:
  // The RSI sits between other features so the binding must find its position.
  FeatureVectors vectors_{{"5m.sma_20", "1h.rsi_14", "5m.rsi_14", "5m.atr_14"}};

  Opinion At(double rsi, std::map<std::string, double> params = {}) {
    auto theory = testing::MakeTheory("rsi_mean_reversion", vectors_, std::move(params));
    vectors_.Set("5m.rsi_14", rsi);
    return theory ? theory->Evaluate(vectors_.view()) : Opinion{};
  }
};

TEST_F(RsiMeanReversionTest, ThresholdsAreStrictAndStrengthRampsToTheFullLevel) {
  // Strength long = (30 - rsi) / (30 - 15), short = (rsi - 70) / (85 - 70), clamped to 0..1.
  EXPECT_EQ(At(30).vote, Vote::kNone);
  EXPECT_EQ(At(50).vote, Vote::kNone);
  EXPECT_EQ(At(70).vote, Vote::kNone);

  Opinion o = At(29.9);
  EXPECT_EQ(o.vote, Vote::kLong);
  EXPECT_NEAR(o.strength, 0.1 / 15, 1e-12);
  o = At(24);
  EXPECT_EQ(o.vote, Vote::kLong);
  EXPECT_NEAR(o.strength, 0.4, 1e-12);
  EXPECT_DOUBLE_EQ(At(15).strength, 1.0);
  EXPECT_DOUBLE_EQ(At(3).strength, 1.0);

  o = At(70.3);
  EXPECT_EQ(o.vote, Vote::kShort);
  EXPECT_NEAR(o.strength, 0.3 / 15, 1e-12);
  o = At(79);
  EXPECT_EQ(o.vote, Vote::kShort);
  EXPECT_NEAR(o.strength, 0.6, 1e-12);
  EXPECT_DOUBLE_EQ(At(99).strength, 1.0);
}

TEST_F(RsiMeanReversionTest, ConfiguredLevelsMoveTheRule) {
  const std::map<std::string, double> params = {{"oversold", 25}, {"full_oversold", 5}};
  EXPECT_EQ(At(27, params).vote, Vote::kNone);
  const Opinion o = At(20, params);
  EXPECT_EQ(o.vote, Vote::kLong);
  EXPECT_NEAR(o.strength, 5.0 / 20, 1e-12);
}

TEST_F(RsiMeanReversionTest, NanDuringWarmUpGivesNoVote) {
  const Opinion o = At(kNaN);
  EXPECT_EQ(o.vote, Vote::kNone);
  EXPECT_EQ(o.strength, 0);
}

TEST_F(RsiMeanReversionTest, ExplainNamesTheValueAndTheThreshold) {
  auto theory = testing::MakeTheory("rsi_mean_reversion", vectors_);
  ASSERT_NE(theory, nullptr);
  vectors_.Set("5m.rsi_14", 24);
  EXPECT_EQ(theory->Explain(vectors_.view()),
            "RSI 24.00 < 30 (oversold): expects a rebound, strength 0.40");
  vectors_.Set("5m.rsi_14", 79);
  EXPECT_EQ(theory->Explain(vectors_.view()),
            "RSI 79.00 > 70 (overbought): expects a pullback, strength 0.60");
  vectors_.Set("5m.rsi_14", 50);
  EXPECT_EQ(theory->Explain(vectors_.view()), "RSI 50.00 within 30..70: no vote");
}

TEST_F(RsiMeanReversionTest, ReadsAnotherFeatureWhenTheRoleIsPointedAtIt) {
  auto theory = testing::MakeTheory("rsi_mean_reversion", vectors_, {}, {{"rsi", "1h.rsi_14"}});
  ASSERT_NE(theory, nullptr);
  vectors_.Set("5m.rsi_14", 50);
  vectors_.Set("1h.rsi_14", 24);
  EXPECT_EQ(theory->Evaluate(vectors_.view()).vote, Vote::kLong);
}

TEST_F(RsiMeanReversionTest, BindNamesTheMissingFeatureAndTheRequestThatGivesIt) {
  const Status status = testing::BindError("rsi_mean_reversion", {"5m.rsi_21", "1h.rsi_14"});
  EXPECT_EQ(status.code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(status.message().find("theory rsi_mean_reversion"), std::string::npos) << status;
  EXPECT_NE(status.message().find("role 'rsi' reads '5m.rsi_14'"), std::string::npos) << status;
  EXPECT_NE(status.message().find("add 'rsi:14' to the 5m indicators"), std::string::npos)
      << status;
}

}  // namespace
}  // namespace pulse::signal
