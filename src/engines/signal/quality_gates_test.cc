#include "engines/signal/quality_gates.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace pulse::signal {
namespace {

// The checks the engine stores for `inputs`: Judge, then ToCheck of each verdict.
std::vector<GateCheck> Checks(const QualityGates& gates, const GateInputs& inputs,
                              bool* all_passed = nullptr) {
  GateVerdicts verdicts;
  gates.Judge(inputs, &verdicts);
  if (all_passed != nullptr) *all_passed = verdicts.AllPassed();
  std::vector<GateCheck> checks;
  for (const GateVerdict& v : verdicts) checks.push_back(gates.ToCheck(v));
  return checks;
}

TEST(RewardRiskAfterFeesTest, FeesShrinkRewardAndGrowRisk) {
  // fees = 100 * 2 * 0.1% = 0.2: (4 - 0.2) / (2 + 0.2).
  EXPECT_DOUBLE_EQ(RewardRiskAfterFees(100, 98, 104, 0.1), 3.8 / 2.2);
  EXPECT_DOUBLE_EQ(RewardRiskAfterFees(100, 102, 94, 0.1), 5.8 / 2.2);  // short
  EXPECT_DOUBLE_EQ(RewardRiskAfterFees(100, 98, 104, 0.0), 2.0);
  EXPECT_DOUBLE_EQ(RewardRiskAfterFees(100, 100, 104, 0.0), 0.0);  // no risk
}

TEST(QualityGatesTest, ReportsEveryFailingGateWithValues) {
  QualityGates gates = *QualityGates::Create({});
  bool all_passed = true;
  const std::vector<GateCheck> checks =
      Checks(gates, GateInputs{0.72, 140, 100, 100, 98, 104}, &all_passed);
  ASSERT_EQ(checks.size(), 3u);
  EXPECT_EQ(checks[0], (GateCheck{"confidence", 0.72, 0.77, false, "confidence 0.72 < 0.77"}));
  EXPECT_EQ(checks[1].gate, "volume");
  EXPECT_DOUBLE_EQ(checks[1].value, 1.4);
  EXPECT_FALSE(checks[1].passed);
  EXPECT_EQ(checks[1].reason, "volume 1.40x < 2.00x of the 20-bar average");
  EXPECT_EQ(checks[2].gate, "reward_risk");
  EXPECT_DOUBLE_EQ(checks[2].value, 3.8 / 2.2);
  EXPECT_DOUBLE_EQ(checks[2].threshold, 2.0);
  EXPECT_EQ(checks[2].reason, "reward/risk 1.73 < 2.00 after 0.10% fees per side");
  EXPECT_FALSE(all_passed);
}

TEST(QualityGatesTest, PassesAtTheThresholds) {
  QualityGates gates = *QualityGates::Create({});
  bool all_passed = false;
  const std::vector<GateCheck> checks =
      Checks(gates, GateInputs{0.77, 200, 100, 100, 98, 106}, &all_passed);
  ASSERT_EQ(checks.size(), 3u);
  EXPECT_TRUE(all_passed);
  EXPECT_EQ(checks[0].reason, "confidence 0.77 >= 0.77");
  EXPECT_EQ(checks[1].reason, "volume 2.00x >= 2.00x of the 20-bar average");
  EXPECT_DOUBLE_EQ(checks[2].value, 5.8 / 2.2);
}

// A value just below its threshold is written with the decimals that show it below.
TEST(QualityGatesTest, AFailedCheckShowsItsValueBelowTheThreshold) {
  QualityGates gates = *QualityGates::Create({});
  bool all_passed = true;
  const std::vector<GateCheck> checks =
      Checks(gates, GateInputs{0.7674, 199.9, 100, 100, 98, 104}, &all_passed);
  ASSERT_EQ(checks.size(), 3u);
  EXPECT_EQ(checks[0].reason, "confidence 0.767 < 0.770");
  EXPECT_EQ(checks[1].reason, "volume 1.999x < 2.000x of the 20-bar average");
  std::string text;
  gates.AppendReason({Gate::kRewardRisk, 1.99999999, 2.0, false}, &text);
  EXPECT_EQ(text, "reward/risk 1.99999999 < 2.00000000 after 0.10% fees per side");
}

TEST(QualityGatesTest, AppendReasonAddsToTheText) {
  QualityGates gates = *QualityGates::Create({});
  std::string text = "gates: ";
  gates.AppendReason({Gate::kRewardRisk, 2.5, 2.0, true}, &text);
  EXPECT_EQ(text, "gates: reward/risk 2.50 >= 2.00 after 0.10% fees per side");
}

TEST(QualityGatesTest, DisabledGatesReportNothing) {
  QualityGateConfig config;
  config.confidence_enabled = false;
  config.reward_risk_enabled = false;
  QualityGates gates = *QualityGates::Create(config);
  const std::vector<GateCheck> checks = Checks(gates, GateInputs{0.1, 50, 0, 100, 98, 106});
  ASSERT_EQ(checks.size(), 1u);
  EXPECT_EQ(checks[0].gate, "volume");
  EXPECT_DOUBLE_EQ(checks[0].value, 0.0);  // no average: ratio 0, fails
  EXPECT_FALSE(checks[0].passed);
}

TEST(QualityGatesTest, RejectsBadConfig) {
  QualityGateConfig bad_period;
  bad_period.volume_period = 0;
  Result<QualityGates> r = QualityGates::Create(bad_period);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("volume_period must be at least 1, got 0"),
            std::string::npos);
  QualityGateConfig bad_confidence;
  bad_confidence.min_confidence = -0.1;
  EXPECT_FALSE(QualityGates::Create(bad_confidence).ok());
}

}  // namespace
}  // namespace pulse::signal
