#include "engines/signal/model_scoring.h"

#include <cmath>

#include <gtest/gtest.h>

namespace pulse::signal {
namespace {

ModelManifest WithLabel(std::string label) {
  ModelManifest m;
  m.name = "btc_5m";
  m.version = "1";
  m.label = std::move(label);
  return m;
}

TEST(ModelScoringTest, TpBeforeSlVotesLongAboveTheBreakEvenOnly) {
  // rr = 3: a long that wins 3R or loses 1R breaks even at p* = 1 / 4.
  Result<ModelScoring> s = ModelScoring::ForManifest(WithLabel("tp-before-sl:rr=3"), 9.0);
  ASSERT_TRUE(s.ok()) << s.status();
  EXPECT_EQ(s->kind(), ModelScoring::Kind::kLongBreakEven);
  EXPECT_DOUBLE_EQ(s->reward_risk(), 3.0);
  EXPECT_DOUBLE_EQ(s->break_even(), 0.25);
  // Just above p*: a long vote of strength 0.01 / 0.75.
  EXPECT_NEAR(s->Score(0.26), 0.5 + 0.5 * (0.01 / 0.75), 1e-12);
  // At or below p* (a calibrated model near its 5 % base rate): abstains, never short.
  EXPECT_TRUE(std::isnan(s->Score(0.25)));
  EXPECT_TRUE(std::isnan(s->Score(0.24)));
  EXPECT_TRUE(std::isnan(s->Score(0.05)));
  EXPECT_TRUE(std::isnan(s->Score(std::nan(""))));
  // The strength grows with the edge: 0.4 -> 0.2, 0.625 -> 0.5, 1 -> 1.
  EXPECT_NEAR(s->Score(0.4), 0.6, 1e-12);
  EXPECT_NEAR(s->Score(0.625), 0.75, 1e-12);
  EXPECT_NEAR(s->Score(1.0), 1.0, 1e-12);
  EXPECT_NEAR(s->Score(1.5), 1.0, 1e-12);  // clamped
}

TEST(ModelScoringTest, TheLabelsRewardRiskOrTheConfiguredOne) {
  // rr = 2 with a stop setting: p* = 1/3.
  Result<ModelScoring> two =
      ModelScoring::ForManifest(WithLabel("tp-before-sl:stop=atr:14:2,rr=2"), 3.0);
  ASSERT_TRUE(two.ok());
  EXPECT_DOUBLE_EQ(two->break_even(), 1.0 / 3.0);
  EXPECT_TRUE(std::isnan(two->Score(0.33)));
  EXPECT_NEAR(two->Score(0.5), 0.5 + 0.5 * (1.0 / 6.0) / (2.0 / 3.0), 1e-12);
  // No rr in the label: the trainer used the configured reward_risk (given here as 4).
  Result<ModelScoring> fallback = ModelScoring::ForManifest(WithLabel("tp-before-sl"), 4.0);
  ASSERT_TRUE(fallback.ok());
  EXPECT_DOUBLE_EQ(fallback->break_even(), 0.2);
  EXPECT_NEAR(fallback->Score(0.6), 0.75, 1e-12);  // (0.6 - 0.2) / 0.8 = 0.5
}

TEST(ModelScoringTest, NoLabelIsSymmetricAroundOneHalf) {
  Result<ModelScoring> s = ModelScoring::ForManifest(WithLabel(""), 3.0);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->kind(), ModelScoring::Kind::kSymmetric);
  EXPECT_DOUBLE_EQ(s->break_even(), 0.5);
  EXPECT_DOUBLE_EQ(s->Score(0.3), 0.3);
  EXPECT_DOUBLE_EQ(s->Score(0.9), 0.9);
  EXPECT_DOUBLE_EQ(s->Score(-0.2), 0.0);
}

TEST(ModelScoringTest, UnreadableLabelsAndBadRewardRisk) {
  Result<ModelScoring> s = ModelScoring::ForManifest(WithLabel("up-in-1h"), 3.0);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(s.status().message(),
            "model 'btc_5m@1': cannot score its label: unknown label kind 'up-in-1h' in "
            "'up-in-1h' (accepted: tp-before-sl)");
  EXPECT_EQ(ModelScoring::LongBreakEven(0).status().code(), StatusCode::kInvalidArgument);
  EXPECT_FALSE(ModelScoring::ForManifest(WithLabel("tp-before-sl"), -1).ok());
}

}  // namespace
}  // namespace pulse::signal
