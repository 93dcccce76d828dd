#include "engines/signal/ensemble.h"

#include <cmath>

#include <gtest/gtest.h>

namespace pulse::signal {
namespace {

const double kNaN = std::nan("");

EnsembleConfig Config(int window, double prior_weight) {
  EnsembleConfig config;
  config.accuracy_window = window;
  config.prior_weight = prior_weight;
  return config;
}

AdaptiveEnsemble MakeEnsemble(EnsembleConfig config = {}) {
  Result<AdaptiveEnsemble> e =
      AdaptiveEnsemble::Create(config, {{"theory:a", 1.0}, {"theory:b", 2.0}, {"model:c", 1.0}});
  EXPECT_TRUE(e.ok()) << e.status();
  return *std::move(e);
}

TEST(VoteScoreTest, MapsVotesToScores) {
  EXPECT_DOUBLE_EQ(VoteScore({Vote::kLong, 0.6}), 0.8);
  EXPECT_DOUBLE_EQ(VoteScore({Vote::kShort, 0.2}), 0.4);
  EXPECT_DOUBLE_EQ(VoteScore({Vote::kLong, 1.7}), 1.0);  // strength clamped
  EXPECT_TRUE(std::isnan(VoteScore({Vote::kNone, 0.0})));
}

TEST(AdaptiveEnsembleTest, BlendsWithPriorAccuracyWeights) {
  AdaptiveEnsemble e = MakeEnsemble();
  // No outcomes yet: accuracy = prior 0.8, weights 0.8, 1.6, 0.8 (total 3.2).
  const double scores[] = {0.8, 0.4, 0.9};
  double contributions[3];
  Blend b = e.Combine(scores, contributions);
  EXPECT_EQ(b.voting_sources, 3);
  // (0.8*0.8 + 1.6*0.4 + 0.8*0.9) / 3.2 = 2.0 / 3.2
  EXPECT_DOUBLE_EQ(b.prediction, 0.625);
  ASSERT_TRUE(b.direction.has_value());
  EXPECT_EQ(*b.direction, Direction::kLong);
  // a and c are on the long side: (0.8 + 0.8) / 3.2.
  EXPECT_DOUBLE_EQ(b.agreement, 0.5);
  EXPECT_DOUBLE_EQ(b.confidence, 0.5 * 0.8);
  EXPECT_DOUBLE_EQ(contributions[0], 0.8 * 0.3 / 3.2);
  EXPECT_DOUBLE_EQ(contributions[1], 1.6 * -0.1 / 3.2);
  EXPECT_DOUBLE_EQ(contributions[2], 0.8 * 0.4 / 3.2);
  EXPECT_NEAR(contributions[0] + contributions[1] + contributions[2], 0.125, 1e-12);
}

TEST(AdaptiveEnsembleTest, ShortBlendMirrorsContributions) {
  AdaptiveEnsemble e = MakeEnsemble();
  const double scores[] = {0.3, kNaN, 0.2};  // b abstains
  double contributions[3];
  Blend b = e.Combine(scores, contributions);
  EXPECT_EQ(b.voting_sources, 2);
  EXPECT_DOUBLE_EQ(b.prediction, 0.25);
  EXPECT_EQ(*b.direction, Direction::kShort);
  EXPECT_DOUBLE_EQ(b.agreement, 1.0);
  EXPECT_DOUBLE_EQ(b.confidence, 0.8);
  EXPECT_DOUBLE_EQ(contributions[0], 0.8 * 0.2 / 1.6);
  EXPECT_DOUBLE_EQ(contributions[1], 0.0);
  EXPECT_DOUBLE_EQ(contributions[2], 0.8 * 0.3 / 1.6);
}

TEST(AdaptiveEnsembleTest, TooFewSourcesOrExactlyHalfGiveNoDirection) {
  AdaptiveEnsemble e = MakeEnsemble();
  double contributions[3];
  const double one[] = {0.9, kNaN, kNaN};
  Blend b = e.Combine(one, contributions);
  EXPECT_EQ(b.voting_sources, 1);
  EXPECT_FALSE(b.direction.has_value());
  EXPECT_DOUBLE_EQ(contributions[0], 0.0);
  const double even[] = {0.7, kNaN, 0.3};
  b = e.Combine(even, contributions);
  EXPECT_NEAR(b.prediction, 0.5, 1e-15);
  EXPECT_FALSE(b.direction.has_value());
}

TEST(AdaptiveEnsembleTest, AccuracyUsesPriorAndWindowAndFloor) {
  AdaptiveEnsemble e = MakeEnsemble();
  for (int i = 0; i < 10; ++i) e.RecordOutcome(0, i < 4, 0);
  EXPECT_DOUBLE_EQ(e.Accuracy(0), (4 + 0.8 * 10) / (10 + 10.0));  // 0.6
  EXPECT_DOUBLE_EQ(e.EffectiveWeight(0), 0.6);
  // 60 misses: only the last 50 count.
  for (int i = 0; i < 60; ++i) e.RecordOutcome(1, false, 0);
  EXPECT_DOUBLE_EQ(e.Accuracy(1), 8.0 / 60.0);
  EXPECT_DOUBLE_EQ(e.EffectiveWeight(1), 2.0 * 0.2);  // floored
  EXPECT_DOUBLE_EQ(e.Accuracy(2), 0.8);               // untouched
}

TEST(AdaptiveEnsembleTest, WindowForgetsOldOutcomesSoASourceCanRecover) {
  AdaptiveEnsemble e = MakeEnsemble(Config(3, 0));
  e.RecordOutcome(2, true, 0);
  e.RecordOutcome(2, false, 0);
  e.RecordOutcome(2, false, 0);
  EXPECT_DOUBLE_EQ(e.Accuracy(2), 1.0 / 3.0);
  e.RecordOutcome(2, true, 0);  // the first hit drops out
  EXPECT_DOUBLE_EQ(e.Accuracy(2), 1.0 / 3.0);
  e.RecordOutcome(2, true, 0);
  e.RecordOutcome(2, true, 0);
  EXPECT_DOUBLE_EQ(e.Accuracy(2), 1.0);
}

TEST(AdaptiveEnsembleTest, WithAHalfLifeOldOutcomesFadeTowardThePrior) {
  EnsembleConfig config;  // prior 0.8 weighing 10, window 50
  config.accuracy_half_life_days = 14;
  AdaptiveEnsemble e = MakeEnsemble(config);
  const UnixNanos day0 = 20000 * kNanosPerDay;
  e.AdvanceTo(day0 + kNanosPerHour);
  for (int i = 0; i < 5; ++i) e.RecordOutcome(0, false, day0 + 2 * kNanosPerHour);
  EXPECT_DOUBLE_EQ(e.Accuracy(0), 8.0 / 15);  // same day: every miss counts 1
  // Later the same day: nothing changes until the day does.
  e.AdvanceTo(day0 + 20 * kNanosPerHour);
  EXPECT_DOUBLE_EQ(e.Accuracy(0), 8.0 / 15);
  // 14 days on, each miss counts 1/2; 28 days, 1/4.
  e.AdvanceTo(day0 + 14 * kNanosPerDay + kNanosPerHour);
  EXPECT_DOUBLE_EQ(e.Accuracy(0), 8.0 / (2.5 + 10));
  e.RecordOutcome(0, true, day0 + 14 * kNanosPerDay + 2 * kNanosPerHour);  // a fresh hit: 1
  EXPECT_DOUBLE_EQ(e.Accuracy(0), (1 + 8.0) / (2.5 + 1 + 10));
  e.AdvanceTo(day0 + 28 * kNanosPerDay);
  EXPECT_DOUBLE_EQ(e.Accuracy(0), (0.5 + 8.0) / (1.25 + 0.5 + 10));
  // Years later the misses weigh nothing: back at the prior, and the weight with it.
  e.AdvanceTo(day0 + 3650 * kNanosPerDay);
  EXPECT_NEAR(e.Accuracy(0), 0.8, 1e-9);
  EXPECT_NEAR(e.EffectiveWeight(0), 0.8, 1e-9);
  EXPECT_DOUBLE_EQ(e.Accuracy(1), 0.8);  // never traded: the prior all along
}

TEST(AdaptiveEnsembleTest, WithoutAHalfLifeTimeChangesNothing) {
  AdaptiveEnsemble e = MakeEnsemble();
  e.AdvanceTo(0);
  for (int i = 0; i < 5; ++i) e.RecordOutcome(0, false, 0);
  e.AdvanceTo(3650 * kNanosPerDay);
  EXPECT_DOUBLE_EQ(e.Accuracy(0), 8.0 / 15);
}

TEST(AdaptiveEnsembleTest, ConfidenceFollowsAccuracy) {
  AdaptiveEnsemble e = MakeEnsemble(Config(4, 0));
  for (int i = 0; i < 4; ++i) {
    e.RecordOutcome(0, true, 0);
    e.RecordOutcome(2, i < 2, 0);
  }
  // weights: a 1*1.0, c 1*0.5; both long.
  const double scores[] = {0.9, kNaN, 0.6};
  double contributions[3];
  Blend b = e.Combine(scores, contributions);
  EXPECT_DOUBLE_EQ(b.prediction, (0.9 + 0.5 * 0.6) / 1.5);
  EXPECT_DOUBLE_EQ(b.agreement, 1.0);
  EXPECT_DOUBLE_EQ(b.confidence, (1.0 * 1.0 + 0.5 * 0.5) / 1.5);
}

TEST(AdaptiveEnsembleTest, RejectsBadConfigAndDuplicateNames) {
  EXPECT_EQ(AdaptiveEnsemble::Create(Config(0, 10), {}).status().code(),
            StatusCode::kInvalidArgument);
  EnsembleConfig bad_floor;
  bad_floor.weight_floor = 1.5;
  EXPECT_EQ(AdaptiveEnsemble::Create(bad_floor, {}).status().code(), StatusCode::kInvalidArgument);
  EnsembleConfig bad_half_life;
  bad_half_life.accuracy_half_life_days = -1;
  Result<AdaptiveEnsemble> fading = AdaptiveEnsemble::Create(bad_half_life, {});
  ASSERT_FALSE(fading.ok());
  EXPECT_NE(fading.status().message().find("accuracy_half_life_days"), std::string::npos);
  Result<AdaptiveEnsemble> dup = AdaptiveEnsemble::Create({}, {{"model:x", 1}, {"model:x", 2}});
  ASSERT_FALSE(dup.ok());
  EXPECT_NE(dup.status().message().find("'model:x' is listed twice"), std::string::npos);
  Result<AdaptiveEnsemble> neg = AdaptiveEnsemble::Create({}, {{"theory:y", -1}});
  ASSERT_FALSE(neg.ok());
  EXPECT_NE(neg.status().message().find("theory:y"), std::string::npos);
}

TEST(AdaptiveEnsembleTest, FindsSourcesByName) {
  AdaptiveEnsemble e = MakeEnsemble();
  EXPECT_EQ(e.Find("theory:b"), 1u);
  EXPECT_FALSE(e.Find("theory:zzz").has_value());
}

}  // namespace
}  // namespace pulse::signal
