#include "engines/signal/quality_gates.h"

#include <gtest/gtest.h>

namespace pulse::signal {
namespace {

TEST(RewardRiskAfterFeesTest, FeesShrinkRewardAndGrowRisk) {
  // fees = 100 * 2 * 0.1% = 0.2: (4 - 0.2) / (2 + 0.2).
  EXPECT_DOUBLE_EQ(RewardRiskAfterFees(100, 98, 104, 0.1), 3.8 / 2.2);
  EXPECT_DOUBLE_EQ(RewardRiskAfterFees(100, 102, 94, 0.1), 5.8 / 2.2);  // short
  EXPECT_DOUBLE_EQ(RewardRiskAfterFees(100, 98, 104, 0.0), 2.0);
  EXPECT_DOUBLE_EQ(RewardRiskAfterFees(100, 100, 104, 0.0), 0.0);  // no risk
}

TEST(QualityGatesTest, ReportsEveryFailingGateWithValues) {
  QualityGates gates = *QualityGates::Create({});
  std::vector<GateCheck> checks;
  gates.Check(GateInputs{0.72, 140, 100, 100, 98, 104}, &checks);
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
  EXPECT_FALSE(AllPassed(checks));
}

TEST(QualityGatesTest, PassesAtTheThresholds) {
  QualityGates gates = *QualityGates::Create({});
  std::vector<GateCheck> checks;
  gates.Check(GateInputs{0.77, 200, 100, 100, 98, 106}, &checks);
  ASSERT_EQ(checks.size(), 3u);
  EXPECT_TRUE(AllPassed(checks));
  EXPECT_EQ(checks[0].reason, "confidence 0.77 >= 0.77");
  EXPECT_EQ(checks[1].reason, "volume 2.00x >= 2.00x of the 20-bar average");
  EXPECT_DOUBLE_EQ(checks[2].value, 5.8 / 2.2);
}

TEST(QualityGatesTest, EvaluateGivesTheVerdictsAndExplainTheReasons) {
  QualityGates gates = *QualityGates::Create({});
  const GateInputs inputs{0.72, 140, 100, 100, 98, 104};
  std::vector<GateCheck> checked, evaluated;
  gates.Check(inputs, &checked);
  gates.Evaluate(inputs, &evaluated);
  ASSERT_EQ(evaluated.size(), 3u);
  for (std::size_t i = 0; i < evaluated.size(); ++i) {
    EXPECT_EQ(evaluated[i].gate, checked[i].gate);
    EXPECT_EQ(evaluated[i].value, checked[i].value);
    EXPECT_EQ(evaluated[i].passed, checked[i].passed);
    EXPECT_EQ(evaluated[i].reason, "");
  }
  // A check of another gate (the sizer's) keeps its own reason.
  evaluated.push_back({"size", 5, 10, false, "position value 5.00 < minimum 10.00"});
  gates.Explain(&evaluated);
  for (std::size_t i = 0; i < checked.size(); ++i) EXPECT_EQ(evaluated[i], checked[i]);
  EXPECT_EQ(evaluated[3].reason, "position value 5.00 < minimum 10.00");
}

TEST(QualityGatesTest, DisabledGatesReportNothing) {
  QualityGateConfig config;
  config.confidence_enabled = false;
  config.reward_risk_enabled = false;
  QualityGates gates = *QualityGates::Create(config);
  std::vector<GateCheck> checks;
  gates.Check(GateInputs{0.1, 50, 0, 100, 98, 106}, &checks);
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
