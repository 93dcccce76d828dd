#include "engines/signal/signal_classifier.h"

#include <gtest/gtest.h>

namespace pulse::signal {
namespace {

TEST(SignalClassifierTest, SeedThresholds) {
  SignalClassifier c = *SignalClassifier::Create({});
  EXPECT_EQ(c.Classify(0.75, 0.85), SignalClass::kStrongBuy);
  EXPECT_EQ(c.Classify(0.75, 0.80), SignalClass::kBuy);  // confidence not > 0.8
  EXPECT_EQ(c.Classify(0.70, 0.90), SignalClass::kBuy);  // prediction not > 0.7
  EXPECT_EQ(c.Classify(0.65, 0.70), SignalClass::kBuy);
  EXPECT_EQ(c.Classify(0.90, 0.60), SignalClass::kHold);  // confidence not > 0.6
  EXPECT_EQ(c.Classify(0.60, 0.90), SignalClass::kHold);  // prediction not > 0.6
  EXPECT_EQ(c.Classify(0.25, 0.85), SignalClass::kStrongSell);
  EXPECT_EQ(c.Classify(0.35, 0.70), SignalClass::kSell);
  EXPECT_EQ(c.Classify(0.30, 0.81), SignalClass::kSell);  // 1 - 0.3 = 0.7 is not > 0.7
  EXPECT_EQ(c.Classify(0.50, 0.99), SignalClass::kHold);
}

TEST(SignalClassifierTest, ConfigurableThresholds) {
  SignalClassifier c = *SignalClassifier::Create(ClassifierConfig{0.9, 0.8, 0.5, 0.55});
  EXPECT_EQ(c.Classify(0.85, 0.85), SignalClass::kBuy);
  EXPECT_EQ(c.Classify(0.85, 0.95), SignalClass::kStrongBuy);
  EXPECT_EQ(c.Classify(0.44, 0.51), SignalClass::kSell);
}

TEST(SignalClassifierTest, RejectsBadThresholds) {
  Result<SignalClassifier> r = SignalClassifier::Create(ClassifierConfig{0.8, 0.7, 1.2, 0.6});
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("confidence must be between 0 and 1, got 1.2"),
            std::string::npos);
  EXPECT_FALSE(SignalClassifier::Create(ClassifierConfig{0.8, 0.7, 0.6, 0.4}).ok());
  EXPECT_FALSE(SignalClassifier::Create(ClassifierConfig{0.5, 0.7, 0.6, 0.6}).ok());
}

}  // namespace
}  // namespace pulse::signal
