#include "engines/signal/theories/ichimoku_cloud.h"

#include <gtest/gtest.h>

#include "engines/signal/theories/theory_test_support.h"

namespace pulse::signal {
namespace {

using testing::FeatureVectors;
using testing::kNaN;

class IchimokuCloudTest : public ::testing::Test {
 protected:
  FeatureVectors vectors_{{"5m.ichimoku.tenkan", "5m.ichimoku.kijun", "5m.ichimoku.senkou_a",
                           "5m.ichimoku.senkou_b", "5m.ichimoku.chikou",
                           "5m.ichimoku.chikou_vs_price"}};

  // Strength long = (100 (close - top) / close) / 1.0, short = (100 (bottom - close) / close).
  Opinion At(double close, double span_a, double span_b, double tenkan, double kijun,
             double chikou_vs_price, std::map<std::string, double> params = {}) {
    auto theory = testing::MakeTheory("ichimoku_cloud", vectors_, std::move(params));
    vectors_.Set("5m.ichimoku.chikou", close);
    vectors_.Set("5m.ichimoku.senkou_a", span_a);
    vectors_.Set("5m.ichimoku.senkou_b", span_b);
    vectors_.Set("5m.ichimoku.tenkan", tenkan);
    vectors_.Set("5m.ichimoku.kijun", kijun);
    vectors_.Set("5m.ichimoku.chikou_vs_price", chikou_vs_price);
    return theory ? theory->Evaluate(vectors_.view()) : Opinion{};
  }
};

TEST_F(IchimokuCloudTest, CloseAboveOrBelowTheCloudVotes) {
  Opinion o = At(100.5, 100, 99, 100.5, 100, 2);
  EXPECT_EQ(o.vote, Vote::kLong);
  EXPECT_NEAR(o.strength, 100 * 0.5 / 100.5, 1e-12);
  o = At(100.5, 99, 100, 100.5, 100, 2);  // spans swapped: the top is still 100
  EXPECT_NEAR(o.strength, 100 * 0.5 / 100.5, 1e-12);
  EXPECT_DOUBLE_EQ(At(102, 100, 99, 101, 100, 2).strength, 1.0);

  o = At(98.9, 100, 99, 98.5, 99, -3);
  EXPECT_EQ(o.vote, Vote::kShort);
  EXPECT_NEAR(o.strength, 100 * 0.1 / 98.9, 1e-12);
}

TEST_F(IchimokuCloudTest, InsideOrOnTheCloudGivesNoVote) {
  EXPECT_EQ(At(99.5, 100, 99, 100.5, 100, 2).vote, Vote::kNone);
  EXPECT_EQ(At(100, 100, 99, 100.5, 100, 2).vote, Vote::kNone);
  EXPECT_EQ(At(99, 100, 99, 98.5, 99, -3).vote, Vote::kNone);
}

TEST_F(IchimokuCloudTest, ConfirmationsCanBeRequiredOrSwitchedOff) {
  EXPECT_EQ(At(100.5, 100, 99, 99.8, 100, 2).vote, Vote::kNone);    // tenkan below kijun
  EXPECT_EQ(At(100.5, 100, 99, 100.5, 100, -1).vote, Vote::kNone);  // chikou below price
  EXPECT_EQ(At(100.5, 100, 99, 99.8, 100, 2, {{"confirm_tenkan_kijun", 0}}).vote, Vote::kLong);
  EXPECT_EQ(At(100.5, 100, 99, 100.5, 100, -1, {{"confirm_chikou", 0}}).vote, Vote::kLong);
  // A confirmation switched off is not read: its NaN does not block the vote.
  EXPECT_EQ(At(100.5, 100, 99, 100.5, 100, kNaN, {{"confirm_chikou", 0}}).vote, Vote::kLong);
}

TEST_F(IchimokuCloudTest, NanGivesNoVote) {
  EXPECT_EQ(At(100.5, kNaN, 99, 100.5, 100, 2).vote, Vote::kNone);
  EXPECT_EQ(At(kNaN, 100, 99, 100.5, 100, 2).vote, Vote::kNone);
  EXPECT_EQ(At(100.5, 100, 99, 100.5, 100, kNaN).vote, Vote::kNone);
}

TEST_F(IchimokuCloudTest, ExplainPlacesTheCloseAgainstTheCloud) {
  auto theory = testing::MakeTheory("ichimoku_cloud", vectors_);
  ASSERT_NE(theory, nullptr);
  At(100.5, 100, 99, 100.5, 100, 2);
  EXPECT_EQ(theory->Explain(vectors_.view()),
            "close 100.5 above the cloud 99..100, tenkan 100.5, kijun 100, chikou vs price +2: "
            "bullish, strength 0.50");
}

TEST_F(IchimokuCloudTest, BindNamesTheBareIchimokuRequest) {
  const Status status = testing::BindError("ichimoku_cloud", {"5m.rsi_14"});
  EXPECT_EQ(status.code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(status.message().find("role 'close' reads '5m.ichimoku.chikou'"), std::string::npos)
      << status;
  EXPECT_NE(status.message().find("add 'ichimoku' to the 5m indicators"), std::string::npos)
      << status;
}

}  // namespace
}  // namespace pulse::signal
