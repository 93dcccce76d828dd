#include "analytics/classification_metrics.h"

#include <cmath>
#include <vector>

#include <gtest/gtest.h>

#include "analytics/classification_oracle_test_util.h"

namespace pulse::analytics {
namespace {

using testing::LoadClassificationOracle;
using testing::NearRelative;

TEST(ClassificationMetricsTest, MatchesScikitLearnReferenceCases) {
  const auto cases = LoadClassificationOracle();
  ASSERT_GE(cases.size(), 10u);
  int auc_checked = 0;
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    auto report = EvaluateBinaryClassifier(c.probability, c.label, c.threshold);
    ASSERT_TRUE(report.ok()) << report.status();
    const nlohmann::json& e = c.expected;
    EXPECT_EQ(report->rows, static_cast<std::int64_t>(c.label.size()));
    EXPECT_DOUBLE_EQ(report->threshold, c.threshold);
    EXPECT_TRUE(NearRelative(report->accuracy, e["accuracy"].get<double>()));
    EXPECT_TRUE(NearRelative(report->precision, e["precision"].get<double>()));
    EXPECT_TRUE(NearRelative(report->recall, e["recall"].get<double>()));
    EXPECT_TRUE(NearRelative(report->f1, e["f1"].get<double>()));
    EXPECT_TRUE(NearRelative(report->log_loss, e["log_loss"].get<double>()));
    EXPECT_TRUE(NearRelative(report->brier, e["brier"].get<double>()));
    EXPECT_TRUE(NearRelative(report->ece, e["ece"].get<double>()));
    // The skill against always the base rate, from scikit-learn's Brier score and the labels'
    // base rate.
    const double base = static_cast<double>(report->positives) / report->rows;
    if (base > 0 && base < 1) {
      EXPECT_TRUE(
          NearRelative(report->brier_skill, 1 - e["brier"].get<double>() / (base * (1 - base))));
    } else {
      EXPECT_TRUE(std::isnan(report->brier_skill));
    }
    if (e["roc_auc"].is_null()) {
      EXPECT_TRUE(std::isnan(report->roc_auc));
    } else {
      EXPECT_TRUE(NearRelative(report->roc_auc, e["roc_auc"].get<double>()));
      ++auc_checked;
    }
    const nlohmann::json& cm = e["confusion"];
    EXPECT_EQ(report->confusion.tn, cm["tn"].get<std::int64_t>());
    EXPECT_EQ(report->confusion.fp, cm["fp"].get<std::int64_t>());
    EXPECT_EQ(report->confusion.fn, cm["fn"].get<std::int64_t>());
    EXPECT_EQ(report->confusion.tp, cm["tp"].get<std::int64_t>());
    EXPECT_EQ(report->positives, cm["fn"].get<std::int64_t>() + cm["tp"].get<std::int64_t>());
  }
  std::printf("checked %zu sklearn cases (%d with a defined ROC-AUC)\n", cases.size(), auc_checked);
}

TEST(ClassificationMetricsTest, HandComputedSmallCase) {
  // Scores 0.9 0.8 0.4 | 0.3 0.6 0.1 for labels 1 1 1 | 0 0 0. At 0.5: tp 2, fn 1, fp 1, tn 2.
  const std::vector<double> p = {0.9, 0.8, 0.4, 0.3, 0.6, 0.1};
  const std::vector<int> y = {1, 1, 1, 0, 0, 0};
  auto r = EvaluateBinaryClassifier(p, y);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->confusion.tp, 2);
  EXPECT_EQ(r->confusion.fn, 1);
  EXPECT_EQ(r->confusion.fp, 1);
  EXPECT_EQ(r->confusion.tn, 2);
  EXPECT_EQ(r->rows, 6);
  EXPECT_EQ(r->positives, 3);
  EXPECT_DOUBLE_EQ(r->positive_rate, 0.5);
  EXPECT_DOUBLE_EQ(r->accuracy, 4.0 / 6);
  EXPECT_DOUBLE_EQ(r->precision, 2.0 / 3);
  EXPECT_DOUBLE_EQ(r->recall, 2.0 / 3);
  EXPECT_DOUBLE_EQ(r->f1, 2.0 / 3);
  // Positive-negative pairs ranked correctly: 3 + 3 + 2 of 9.
  EXPECT_DOUBLE_EQ(r->roc_auc, 8.0 / 9);
  const double ll = -(std::log(0.9) + std::log(0.8) + std::log(0.4) + std::log(0.7) +
                      std::log(0.4) + std::log(0.9)) /
                    6;
  EXPECT_NEAR(r->log_loss, ll, 1e-15);
  EXPECT_NEAR(r->brier, (0.01 + 0.04 + 0.36 + 0.09 + 0.36 + 0.01) / 6, 1e-15);
  // Always saying 0.5 (the base rate) scores 0.25: skill 1 - (0.87 / 6) / 0.25.
  EXPECT_NEAR(r->brier_skill, 1 - 0.87 / 6 / 0.25, 1e-15);
  // Bins (one row each): 0.1 -> y0, 0.3 -> y0, 0.4 -> y1, 0.6 -> y0, 0.8 -> y1, 0.9 -> y1;
  // ECE = (0.1 + 0.3 + 0.6 + 0.6 + 0.2 + 0.1) / 6.
  EXPECT_NEAR(r->ece, 1.9 / 6, 1e-15);
}

TEST(ClassificationMetricsTest, TiedScoresCountHalf) {
  const std::vector<double> tie = {0.5, 0.5};
  const std::vector<int> one_each = {1, 0};
  EXPECT_DOUBLE_EQ(EvaluateBinaryClassifier(tie, one_each)->roc_auc, 0.5);
  // Pairs: (0.7+, 0.7-) tie = 1/2, (0.7+, 0.2-) = 1: AUC 1.5 / 2.
  const std::vector<double> p = {0.7, 0.7, 0.2};
  const std::vector<int> y = {1, 0, 0};
  EXPECT_DOUBLE_EQ(EvaluateBinaryClassifier(p, y)->roc_auc, 0.75);
  // Reversed ranking.
  const std::vector<double> q = {0.2, 0.9};
  EXPECT_DOUBLE_EQ(EvaluateBinaryClassifier(q, one_each)->roc_auc, 0.0);
}

TEST(ClassificationMetricsTest, ProbabilityEqualToThresholdIsPositive) {
  const std::vector<double> p = {0.3, 0.2999999, 0.5};
  const std::vector<int> y = {1, 0, 0};
  auto r = EvaluateBinaryClassifier(p, y, 0.3);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->confusion.tp, 1);
  EXPECT_EQ(r->confusion.tn, 1);
  EXPECT_EQ(r->confusion.fp, 1);
  EXPECT_DOUBLE_EQ(r->threshold, 0.3);
  EXPECT_DOUBLE_EQ(EvaluateBinaryClassifier(p, y, 0.0)->recall, 1.0);
  EXPECT_DOUBLE_EQ(EvaluateBinaryClassifier(p, y, 0.0)->precision, 1.0 / 3);
}

TEST(ClassificationMetricsTest, UndefinedFiguresFollowScikitLearn) {
  // Nothing predicted positive and no positives: precision, recall, F1 are 0; AUC undefined.
  const std::vector<double> p = {0.1, 0.2};
  const std::vector<int> y = {0, 0};
  auto r = EvaluateBinaryClassifier(p, y);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->precision, 0.0);
  EXPECT_EQ(r->recall, 0.0);
  EXPECT_EQ(r->f1, 0.0);
  EXPECT_EQ(r->accuracy, 1.0);
  EXPECT_EQ(r->positive_rate, 0.0);
  EXPECT_TRUE(std::isnan(r->roc_auc));
  EXPECT_TRUE(std::isnan(r->brier_skill));  // one class: nothing to tell apart
  // A confident miss is clipped at 2^-52: -log(2^-52) = 52 ln 2.
  const std::vector<double> miss = {0.0};
  const std::vector<int> positive = {1};
  EXPECT_DOUBLE_EQ(EvaluateBinaryClassifier(miss, positive)->log_loss, 52 * std::log(2.0));
  EXPECT_DOUBLE_EQ(EvaluateBinaryClassifier(miss, positive)->brier, 1.0);
}

TEST(ClassificationMetricsTest, RejectsBadInputNamingIt) {
  const std::vector<double> p = {0.1, 0.2, 0.3, 0.4};
  const std::vector<int> y = {0, 1, 0, 2};
  auto bad_label = EvaluateBinaryClassifier(p, y);
  ASSERT_FALSE(bad_label.ok());
  EXPECT_EQ(bad_label.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(bad_label.status().message(), "label[3] is 2, must be 0 or 1");

  const std::vector<int> ok_labels = {0, 1, 0, 1};
  const std::vector<double> high = {0.1, 1.5, 0.3, 0.4};
  EXPECT_EQ(EvaluateBinaryClassifier(high, ok_labels).status().message(),
            "probability[1] is 1.5, outside [0, 1]");
  const std::vector<double> nan = {0.1, 0.2, NAN, -1};
  EXPECT_EQ(EvaluateBinaryClassifier(nan, ok_labels).status().message(), "probability[2] is NaN");
  const std::vector<int> short_labels = {0, 1};
  EXPECT_EQ(EvaluateBinaryClassifier(p, short_labels).status().message(),
            "probability has 4 values but label has 2");
  EXPECT_EQ(EvaluateBinaryClassifier({}, {}).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(EvaluateBinaryClassifier(p, ok_labels, NAN).status().message(),
            "threshold is nan, must be in [0, 1]");
  EXPECT_EQ(EvaluateBinaryClassifier(p, ok_labels, 1.2).status().code(),
            StatusCode::kInvalidArgument);
}

TEST(PositiveClassWeightTest, NegativesOverPositivesWithDegenerateCasesOne) {
  const std::vector<int> imbalanced = {1, 0, 1, 0, 0, 0};
  EXPECT_DOUBLE_EQ(PositiveClassWeight(imbalanced), 2.0);
  const std::vector<int> rare = {0, 0, 0, 0, 0, 0, 0, 1};
  EXPECT_DOUBLE_EQ(PositiveClassWeight(rare), 7.0);
  const std::vector<int> mostly_positive = {1, 1, 1, 0};
  EXPECT_DOUBLE_EQ(PositiveClassWeight(mostly_positive), 1.0 / 3);
  const std::vector<int> negatives_only = {0, 0};
  const std::vector<int> positives_only = {1, 1, 1};
  EXPECT_DOUBLE_EQ(PositiveClassWeight(negatives_only), 1.0);
  EXPECT_DOUBLE_EQ(PositiveClassWeight(positives_only), 1.0);
  EXPECT_DOUBLE_EQ(PositiveClassWeight({}), 1.0);
}

}  // namespace
}  // namespace pulse::analytics
