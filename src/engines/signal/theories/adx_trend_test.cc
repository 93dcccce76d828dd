#include "engines/signal/theories/adx_trend.h"

#include <gtest/gtest.h>

#include "engines/signal/theories/theory_test_support.h"

namespace pulse::signal {
namespace {

using testing::FeatureVectors;
using testing::kNaN;

class AdxTrendTest : public ::testing::Test {
 protected:
  FeatureVectors vectors_{{"5m.adx_14.adx", "5m.adx_14.plus_di", "5m.adx_14.minus_di"}};

  // Strength = min((adx - 25) / (50 - 25), |+DI - -DI| / 20), each clamped.
  Opinion At(double adx, double plus_di, double minus_di,
             std::map<std::string, double> params = {}) {
    auto theory = testing::MakeTheory("adx_trend", vectors_, std::move(params));
    vectors_.Set("5m.adx_14.adx", adx);
    vectors_.Set("5m.adx_14.plus_di", plus_di);
    vectors_.Set("5m.adx_14.minus_di", minus_di);
    return theory ? theory->Evaluate(vectors_.view()) : Opinion{};
  }
};

TEST_F(AdxTrendTest, TrendAboveThresholdVotesWithTheStrongerDi) {
  EXPECT_EQ(At(25, 30, 10).vote, Vote::kNone);  // at the threshold: not trending
  Opinion o = At(30, 30, 20);
  EXPECT_EQ(o.vote, Vote::kLong);
  EXPECT_NEAR(o.strength, 0.2, 1e-12);  // min(5 / 25, 10 / 20)
  o = At(45, 15, 25);
  EXPECT_EQ(o.vote, Vote::kShort);
  EXPECT_NEAR(o.strength, 0.5, 1e-12);  // min(20 / 25, 10 / 20)
  EXPECT_DOUBLE_EQ(At(60, 40, 10).strength, 1.0);
  EXPECT_EQ(At(40, 22, 22).vote, Vote::kNone);  // no direction
}

TEST_F(AdxTrendTest, ConfiguredThreshold) {
  const Opinion o = At(22, 30, 10, {{"threshold", 20}, {"full_adx", 30}});
  EXPECT_EQ(o.vote, Vote::kLong);
  EXPECT_NEAR(o.strength, 0.2, 1e-12);  // min(2 / 10, 1)
}

TEST_F(AdxTrendTest, NanGivesNoVote) {
  EXPECT_EQ(At(kNaN, 30, 10).vote, Vote::kNone);
  EXPECT_EQ(At(30, kNaN, 10).vote, Vote::kNone);
  EXPECT_EQ(At(30, 30, kNaN).vote, Vote::kNone);
}

TEST_F(AdxTrendTest, FullAdxMustBeAboveTheThreshold) {
  TheoryConfig config;
  config.name = "adx_trend";
  config.params = {{"threshold", 40}, {"full_adx", 30}};
  Result<std::unique_ptr<Theory>> theory = CreateTheory(config);
  ASSERT_FALSE(theory.ok());
  EXPECT_EQ(theory.status().message(),
            "theory adx_trend: full_adx (30) must be above threshold (40)");
}

TEST_F(AdxTrendTest, ExplainNamesAdxAndBothDi) {
  auto theory = testing::MakeTheory("adx_trend", vectors_);
  ASSERT_NE(theory, nullptr);
  At(45, 15, 25);
  EXPECT_EQ(theory->Explain(vectors_.view()),
            "ADX 45.00 > 25 (trending) with -DI 25.00 > +DI 15.00: downtrend, strength 0.50");
}

TEST_F(AdxTrendTest, BindNamesTheMissingFeature) {
  const Status status = testing::BindError("adx_trend", {"5m.adx_14.adx", "5m.adx_14.plus_di"});
  EXPECT_EQ(status.code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(status.message().find("role 'minus_di' reads '5m.adx_14.minus_di'"), std::string::npos)
      << status;
  EXPECT_NE(status.message().find("add 'adx:14' to the 5m indicators"), std::string::npos)
      << status;
}

}  // namespace
}  // namespace pulse::signal
