#include "analytics/calibration.h"

#include <cmath>
#include <vector>

#include <gtest/gtest.h>

#include "analytics/classification_oracle_test_util.h"

namespace pulse::analytics {
namespace {

using testing::LoadClassificationOracle;
using testing::NearRelative;

// Equal, treating NaN as equal to NaN: the accumulator must reproduce Calibrate bit for bit.
bool SameDouble(double a, double b) { return (std::isnan(a) && std::isnan(b)) || a == b; }

TEST(CalibrationTest, MatchesScikitLearnCalibrationCurve) {
  const auto cases = LoadClassificationOracle();
  ASSERT_GE(cases.size(), 10u);
  int filled_bins = 0;
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    auto report = Calibrate(c.probability, c.label, 10);
    ASSERT_TRUE(report.ok()) << report.status();
    const nlohmann::json& e = c.expected;
    const nlohmann::json& curve = e["calibration"];
    const auto counts = curve["bin_count"].get<std::vector<std::int64_t>>();
    const auto prob_true = curve["prob_true"].get<std::vector<double>>();
    const auto prob_pred = curve["prob_pred"].get<std::vector<double>>();
    ASSERT_EQ(report->bins.size(), 10u);
    ASSERT_EQ(counts.size(), 10u);
    EXPECT_EQ(report->count, static_cast<std::int64_t>(c.label.size()));
    std::size_t next = 0;  // calibration_curve lists non-empty bins only
    for (int b = 0; b < 10; ++b) {
      const ReliabilityBin& bin = report->bins[b];
      EXPECT_EQ(bin.count, counts[b]) << "bin " << b;
      if (bin.count == 0) {
        EXPECT_TRUE(std::isnan(bin.hit_rate) && std::isnan(bin.mean_confidence)) << "bin " << b;
        continue;
      }
      ASSERT_LT(next, prob_true.size());
      EXPECT_TRUE(NearRelative(bin.hit_rate, prob_true[next])) << "bin " << b;
      EXPECT_TRUE(NearRelative(bin.mean_confidence, prob_pred[next])) << "bin " << b;
      ++next;
      ++filled_bins;
    }
    EXPECT_EQ(next, prob_true.size());
    EXPECT_TRUE(NearRelative(report->ece, e["ece"].get<double>()));
    EXPECT_TRUE(NearRelative(report->brier, e["brier"].get<double>()));
  }
  std::printf("checked %zu sklearn cases, %d non-empty bins\n", cases.size(), filled_bins);
}

TEST(CalibrationTest, AccumulatorGivesTheSameReportAsCalibrate) {
  const auto cases = LoadClassificationOracle();
  ASSERT_FALSE(cases.empty());
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    auto batch = Calibrate(c.probability, c.label);
    ASSERT_TRUE(batch.ok());
    auto accumulator = CalibrationAccumulator::Create();
    ASSERT_TRUE(accumulator.ok());
    for (std::size_t i = 0; i < c.label.size(); ++i) {
      ASSERT_TRUE(accumulator->Add(c.probability[i], c.label[i]).ok());
    }
    const CalibrationReport one_by_one = accumulator->Report();
    EXPECT_EQ(one_by_one.count, batch->count);
    EXPECT_TRUE(SameDouble(one_by_one.ece, batch->ece));
    EXPECT_TRUE(SameDouble(one_by_one.brier, batch->brier));
    ASSERT_EQ(one_by_one.bins.size(), batch->bins.size());
    for (std::size_t b = 0; b < batch->bins.size(); ++b) {
      EXPECT_EQ(one_by_one.bins[b].count, batch->bins[b].count);
      EXPECT_TRUE(SameDouble(one_by_one.bins[b].hit_rate, batch->bins[b].hit_rate));
      EXPECT_TRUE(SameDouble(one_by_one.bins[b].mean_confidence, batch->bins[b].mean_confidence));
    }
  }
}

TEST(CalibrationTest, HandComputedReliabilityTable) {
  // Four signals at 0.8 confidence, three hits: hit rate 0.75; two at 0.15, none hit.
  const std::vector<double> p = {0.8, 0.8, 0.8, 0.8, 0.15, 0.15};
  const std::vector<int> hit = {1, 1, 0, 1, 0, 0};
  auto r = Calibrate(p, hit);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->count, 6);
  EXPECT_EQ(r->bins[1].count, 2);
  EXPECT_DOUBLE_EQ(r->bins[1].mean_confidence, 0.15);
  EXPECT_DOUBLE_EQ(r->bins[1].hit_rate, 0.0);
  EXPECT_EQ(r->bins[7].count, 4);  // 0.8 is on the edge 0.7|0.8: the lower bin
  EXPECT_DOUBLE_EQ(r->bins[7].hit_rate, 0.75);
  EXPECT_DOUBLE_EQ(r->bins[7].mean_confidence, 0.8);
  EXPECT_DOUBLE_EQ(r->bins[7].lower, 0.7000000000000001);
  EXPECT_DOUBLE_EQ(r->bins[7].upper, 0.8);
  // ECE = 4/6 * 0.05 + 2/6 * 0.15; Brier = (3 * 0.04 + 0.64 + 2 * 0.0225) / 6.
  EXPECT_NEAR(r->ece, 4.0 / 6 * 0.05 + 2.0 / 6 * 0.15, 1e-15);
  EXPECT_NEAR(r->brier, (3 * 0.04 + 0.64 + 2 * 0.0225) / 6, 1e-15);
  for (int b : {0, 2, 3, 4, 5, 6, 8, 9}) {
    EXPECT_EQ(r->bins[b].count, 0);
    EXPECT_TRUE(std::isnan(r->bins[b].hit_rate));
  }
}

// Murphy's decomposition by hand: two groups at 0.25 and 0.75 that hit exactly that often
// (reliable, some resolution), then one confidence of 0.9 for a coin toss (unreliable, none).
TEST(CalibrationTest, BrierDecompositionByHand) {
  auto r = Calibrate(std::vector<double>{0.25, 0.25, 0.25, 0.25, 0.75, 0.75, 0.75, 0.75},
                     std::vector<int>{1, 0, 0, 0, 1, 1, 1, 0});
  ASSERT_TRUE(r.ok());
  EXPECT_NEAR(r->brier, 0.1875, 1e-15);  // (0.5625 + 3 * 0.0625) * 2 / 8
  EXPECT_NEAR(r->reliability, 0.0, 1e-15);
  EXPECT_NEAR(r->resolution, 0.0625, 1e-15);  // 0.5 * 0.25^2 * 2
  EXPECT_NEAR(r->uncertainty, 0.25, 1e-15);
  EXPECT_NEAR(r->brier_skill, 0.25, 1e-15);  // 1 - 0.1875 / 0.25
  auto coin = Calibrate(std::vector<double>{0.9, 0.9, 0.9, 0.9}, std::vector<int>{1, 0, 1, 0});
  ASSERT_TRUE(coin.ok());
  EXPECT_NEAR(coin->brier, 0.41, 1e-15);  // (0.01 + 0.81) / 2
  EXPECT_NEAR(coin->reliability, 0.16, 1e-15);
  EXPECT_NEAR(coin->resolution, 0.0, 1e-15);
  EXPECT_NEAR(coin->brier_skill, -0.64, 1e-15);
  // Every outcome the same: no uncertainty, so no skill score.
  auto sure = Calibrate(std::vector<double>{0.6, 0.7}, std::vector<int>{1, 1});
  ASSERT_TRUE(sure.ok());
  EXPECT_EQ(sure->uncertainty, 0.0);
  EXPECT_TRUE(std::isnan(sure->brier_skill));
  // No predictions at all: none of them.
  auto empty = CalibrationAccumulator::Create();
  ASSERT_TRUE(empty.ok());
  EXPECT_TRUE(std::isnan(empty->Report().resolution));
}

// On scikit-learn's cases, the score equals the decomposition plus the spread inside the bins
// (Stephenson, Coelho and Jolliffe 2008): Brier = reliability - resolution + uncertainty +
// mean (p - mean_b)^2 - 2 mean (p - mean_b)(o - hit_b), computed here row by row.
TEST(CalibrationTest, BrierDecompositionAddsUpOnReferenceCases) {
  const auto cases = LoadClassificationOracle();
  ASSERT_FALSE(cases.empty());
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    auto r = Calibrate(c.probability, c.label);
    ASSERT_TRUE(r.ok());
    auto accumulator = CalibrationAccumulator::Create();
    ASSERT_TRUE(accumulator.ok());
    double within_variance = 0;
    double within_covariance = 0;
    for (std::size_t i = 0; i < c.label.size(); ++i) {
      const ReliabilityBin& bin =
          r->bins[static_cast<std::size_t>(accumulator->BinIndex(c.probability[i]))];
      const double dp = c.probability[i] - bin.mean_confidence;
      within_variance += dp * dp;
      within_covariance += dp * (c.label[i] - bin.hit_rate);
    }
    const double n = static_cast<double>(c.label.size());
    EXPECT_NEAR(r->brier,
                r->reliability - r->resolution + r->uncertainty + within_variance / n -
                    2 * within_covariance / n,
                1e-12);
    EXPECT_GE(r->reliability, 0);
    EXPECT_GE(r->resolution, 0);
  }
}

TEST(CalibrationTest, EdgesFallInTheLowerBinZeroFirstOneLast) {
  auto acc = CalibrationAccumulator::Create(10);
  ASSERT_TRUE(acc.ok());
  EXPECT_EQ(acc->BinIndex(0.0), 0);
  EXPECT_EQ(acc->BinIndex(0.1), 0);
  EXPECT_EQ(acc->BinIndex(std::nextafter(0.1, 1.0)), 1);
  EXPECT_EQ(acc->BinIndex(0.5), 4);
  EXPECT_EQ(acc->BinIndex(0.55), 5);
  // 0.3 as a decimal literal lies below the edge 3 * 0.1 = 0.30000000000000004.
  EXPECT_EQ(acc->BinIndex(0.3), 2);
  EXPECT_EQ(acc->BinIndex(0.30000000000000004), 2);
  EXPECT_EQ(acc->BinIndex(std::nextafter(0.30000000000000004, 1.0)), 3);
  EXPECT_EQ(acc->BinIndex(0.95), 9);
  EXPECT_EQ(acc->BinIndex(1.0), 9);

  auto quarters = CalibrationAccumulator::Create(4);
  ASSERT_TRUE(quarters.ok());
  EXPECT_EQ(quarters->BinIndex(0.25), 0);
  EXPECT_EQ(quarters->BinIndex(0.26), 1);
  EXPECT_EQ(quarters->BinIndex(0.75), 2);
  EXPECT_EQ(quarters->BinIndex(1.0), 3);
  const CalibrationReport empty = quarters->Report();
  ASSERT_EQ(empty.bins.size(), 4u);
  EXPECT_DOUBLE_EQ(empty.bins[3].lower, 0.75);
  EXPECT_DOUBLE_EQ(empty.bins[3].upper, 1.0);
  EXPECT_EQ(empty.count, 0);
  EXPECT_TRUE(std::isnan(empty.ece));
  EXPECT_TRUE(std::isnan(empty.brier));

  auto single = CalibrationAccumulator::Create(1);
  ASSERT_TRUE(single.ok());
  EXPECT_EQ(single->BinIndex(0.0), 0);
  EXPECT_EQ(single->BinIndex(1.0), 0);
}

TEST(CalibrationTest, RejectsBadInput) {
  EXPECT_EQ(CalibrationAccumulator::Create(0).status().message(),
            "calibration bins must be in [1, 10000], got 0");
  auto acc = CalibrationAccumulator::Create();
  ASSERT_TRUE(acc.ok());
  EXPECT_EQ(acc->Add(0.4, 3).message(), "outcome is 3, must be 0 or 1");
  EXPECT_EQ(acc->Add(-0.1, 1).message(), "probability is -0.1, outside [0, 1]");
  EXPECT_EQ(acc->Add(NAN, 1).message(), "probability is NaN");
  EXPECT_EQ(acc->count(), 0);  // nothing recorded
  ASSERT_TRUE(acc->Add(0.4, 1).ok());
  EXPECT_EQ(acc->count(), 1);

  const std::vector<double> p = {0.2, 0.4};
  const std::vector<int> bad = {1, -1};
  EXPECT_EQ(Calibrate(p, bad).status().message(), "outcome[1] is -1, must be 0 or 1");
  const std::vector<int> good = {1, 0};
  EXPECT_EQ(Calibrate(p, good, -3).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(Calibrate({}, {}).status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace pulse::analytics
