#include "engines/signal/theories/mtf_trend.h"

#include <gtest/gtest.h>

#include "engines/signal/theories/theory_test_support.h"

namespace pulse::signal {
namespace {

using testing::FeatureVectors;
using testing::kNaN;

class MtfTrendTest : public ::testing::Test {
 protected:
  FeatureVectors vectors_{
      {"5m.rsi_14", "15m.macd_12_26_9.hist", "1h.ema_50", "1h.macd_12_26_9.hist", "4h.ema_50"}};

  // Strength = min over |100 (close - ema) / ema| / 1.0 (both averages) and
  // |100 hist / close| / 0.1 (both histograms), each clamped.
  Opinion At(double close, double ema_1h, double ema_4h, double hist_15m, double hist_1h,
             std::map<std::string, double> params = {}) {
    auto theory = testing::MakeTheory("mtf_trend", vectors_, std::move(params));
    vectors_.SetClose(close);
    vectors_.Set("1h.ema_50", ema_1h);
    vectors_.Set("4h.ema_50", ema_4h);
    vectors_.Set("15m.macd_12_26_9.hist", hist_15m);
    vectors_.Set("1h.macd_12_26_9.hist", hist_1h);
    return theory ? theory->Evaluate(vectors_.view()) : Opinion{};
  }
};

TEST_F(MtfTrendTest, VotesWhenAllTimeframesAgreeWithTheWeakestAgreementAsStrength) {
  Opinion o = At(100, 99.5, 99, 0.05, 0.08);
  EXPECT_EQ(o.vote, Vote::kLong);
  // Parts: 0.5 / 99.5 % = 0.5025, 1 / 99 % -> 1, 0.05 % -> 0.5, 0.08 % -> 0.8.
  EXPECT_NEAR(o.strength, 0.5, 1e-12);
  o = At(100, 99.8, 99, 0.2, 0.3);
  EXPECT_NEAR(o.strength, 100 * 0.2 / 99.8, 1e-12);  // the 1h average is the weakest part

  o = At(100, 101, 102, -0.2, -0.3);
  EXPECT_EQ(o.vote, Vote::kShort);
  EXPECT_NEAR(o.strength, 100.0 / 101, 1e-12);
}

TEST_F(MtfTrendTest, AnyDisagreementGivesNoVote) {
  EXPECT_EQ(At(100, 100.5, 99, 0.05, 0.08).vote, Vote::kNone);    // below the 1h average
  EXPECT_EQ(At(100, 99.5, 100.5, 0.05, 0.08).vote, Vote::kNone);  // below the 4h average
  EXPECT_EQ(At(100, 99.5, 99, -0.01, 0.08).vote, Vote::kNone);    // 15m momentum down
  EXPECT_EQ(At(100, 99.5, 99, 0.05, 0).vote, Vote::kNone);        // 1h momentum flat
  EXPECT_EQ(At(100, 100, 99, 0.05, 0.08).vote, Vote::kNone);      // on the average
}

TEST_F(MtfTrendTest, ConfiguredFullLevels) {
  const Opinion o =
      At(100, 99.5, 99, 0.05, 0.08, {{"full_distance_pct", 2}, {"full_momentum_pct", 0.05}});
  EXPECT_EQ(o.vote, Vote::kLong);
  EXPECT_NEAR(o.strength, 100 * 0.5 / 99.5 / 2, 1e-12);  // now the 1h average is the weakest
}

TEST_F(MtfTrendTest, NanOrNoBarGivesNoVote) {
  EXPECT_EQ(At(100, 99.5, kNaN, 0.05, 0.08).vote, Vote::kNone);
  EXPECT_EQ(At(100, 99.5, 99, 0.05, kNaN).vote, Vote::kNone);
  auto theory = testing::MakeTheory("mtf_trend", vectors_);
  ASSERT_NE(theory, nullptr);
  At(100, 99.5, 99, 0.05, 0.08);
  vectors_.ClearBar();
  EXPECT_EQ(theory->Evaluate(vectors_.view()).vote, Vote::kNone);
}

TEST_F(MtfTrendTest, ExplainNamesEveryTimeframe) {
  auto theory = testing::MakeTheory("mtf_trend", vectors_);
  ASSERT_NE(theory, nullptr);
  At(100, 99.5, 99, 0.05, 0.08);
  EXPECT_EQ(theory->Explain(vectors_.view()),
            "close 100 vs 1h.ema_50 99.5 and 4h.ema_50 99; 15m.macd_12_26_9.hist +0.05, "
            "1h.macd_12_26_9.hist +0.08: all timeframes agree up, strength 0.50");
}

TEST_F(MtfTrendTest, BindNamesTheMissingTimeframeAndRequest) {
  const Status status = testing::BindError(
      "mtf_trend", {"15m.macd_12_26_9.hist", "1h.ema_50", "1h.macd_12_26_9.hist"});
  EXPECT_EQ(status.code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(status.message().find("role 'trend_ema_2' reads '4h.ema_50'"), std::string::npos)
      << status;
  EXPECT_NE(status.message().find("add 'ema:50' to the 4h indicators"), std::string::npos)
      << status;
}

}  // namespace
}  // namespace pulse::signal
