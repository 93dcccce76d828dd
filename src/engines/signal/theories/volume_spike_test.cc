#include "engines/signal/theories/volume_spike.h"

#include <gtest/gtest.h>

#include "engines/signal/theories/theory_test_support.h"

namespace pulse::signal {
namespace {

using testing::FeatureVectors;
using testing::kNaN;

class VolumeSpikeTest : public ::testing::Test {
 protected:
  FeatureVectors vectors_{{"5m.change_pct", "5m.obv", "5m.volume_ratio_20"}};

  // Strength = min((ratio - 2) / (4 - 2), (|return| - 0.1) / (1 - 0.1)), each clamped.
  Opinion At(double ratio, double return_pct, std::map<std::string, double> params = {}) {
    auto theory = testing::MakeTheory("volume_spike", vectors_, std::move(params));
    vectors_.Set("5m.volume_ratio_20", ratio);
    vectors_.Set("5m.change_pct", return_pct);
    return theory ? theory->Evaluate(vectors_.view()) : Opinion{};
  }
};

TEST_F(VolumeSpikeTest, SpikeWithAMoveVotesWithTheMove) {
  Opinion o = At(3, 0.55);
  EXPECT_EQ(o.vote, Vote::kLong);
  EXPECT_NEAR(o.strength, 0.5, 1e-12);  // min(0.5, 0.45 / 0.9)
  o = At(3.5, 0.28);
  EXPECT_EQ(o.vote, Vote::kLong);
  EXPECT_NEAR(o.strength, 0.2, 1e-12);  // min(0.75, 0.18 / 0.9): the move is the weaker part
  o = At(2.5, -2.0);
  EXPECT_EQ(o.vote, Vote::kShort);
  EXPECT_NEAR(o.strength, 0.25, 1e-12);  // min(0.25, 1): the volume is the weaker part
  EXPECT_DOUBLE_EQ(At(6, -1.5).strength, 1.0);
}

TEST_F(VolumeSpikeTest, BothThresholdsAreStrict) {
  EXPECT_EQ(At(2.0, 0.5).vote, Vote::kNone);
  EXPECT_EQ(At(1.2, 0.5).vote, Vote::kNone);
  EXPECT_EQ(At(3, 0.1).vote, Vote::kNone);
  EXPECT_EQ(At(3, -0.1).vote, Vote::kNone);
  EXPECT_EQ(At(3, 0.05).vote, Vote::kNone);
}

TEST_F(VolumeSpikeTest, ConfiguredThresholds) {
  const std::map<std::string, double> params = {
      {"spike_ratio", 1.5}, {"full_ratio", 2.5}, {"min_return_pct", 0}, {"full_return_pct", 0.2}};
  const Opinion o = At(2, -0.15, params);
  EXPECT_EQ(o.vote, Vote::kShort);
  EXPECT_NEAR(o.strength, 0.5, 1e-12);            // min(0.5 / 1, 0.15 / 0.2)
  EXPECT_EQ(At(2, 0, params).vote, Vote::kNone);  // a flat bar confirms nothing
}

TEST_F(VolumeSpikeTest, NanGivesNoVote) {
  EXPECT_EQ(At(kNaN, 0.5).vote, Vote::kNone);
  EXPECT_EQ(At(3, kNaN).vote, Vote::kNone);
}

TEST_F(VolumeSpikeTest, ContradictoryParamsAreRejected) {
  TheoryConfig config;
  config.name = "volume_spike";
  config.params = {{"spike_ratio", 3}, {"full_ratio", 3}};
  Result<std::unique_ptr<Theory>> theory = CreateTheory(config);
  ASSERT_FALSE(theory.ok());
  EXPECT_EQ(theory.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(theory.status().message(),
            "theory volume_spike: full_ratio (3) must be above spike_ratio (3)");
}

TEST_F(VolumeSpikeTest, ExplainGivesRatioAndMove) {
  auto theory = testing::MakeTheory("volume_spike", vectors_);
  ASSERT_NE(theory, nullptr);
  At(3, 0.55);
  EXPECT_EQ(theory->Explain(vectors_.view()),
            "volume 3.00x its average (> 2x) with a +0.550% move (beyond 0.1%): follows the "
            "buyers, strength 0.50");
}

TEST_F(VolumeSpikeTest, BindNamesTheMissingFeature) {
  const Status status = testing::BindError("volume_spike", {"5m.volume_ratio_20"});
  EXPECT_EQ(status.code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(status.message().find("role 'return_pct' reads '5m.change_pct'"), std::string::npos)
      << status;
  EXPECT_NE(status.message().find("add 'change_pct' to the 5m indicators"), std::string::npos)
      << status;
}

}  // namespace
}  // namespace pulse::signal
