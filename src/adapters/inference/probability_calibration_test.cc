#include "adapters/inference/probability_calibration.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <vector>

#include "adapters/inference/testing/synthetic_data.h"
#include "adapters/inference/testing/temp_dir.h"
#include "adapters/inference/xgboost_model.h"
#include "adapters/inference/xgboost_trainer.h"

namespace pulse::inference {
namespace {

double Sigmoid(double t) { return 1 / (1 + std::exp(-t)); }

// Rows whose true probability is sigmoid(a * z + b) while the model said sigmoid(z).
void MakePlattRows(double a, double b, std::size_t n, std::uint64_t seed, std::vector<double>* raw,
                   std::vector<int>* labels) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> z_of(-4.0, 4.0);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  for (std::size_t i = 0; i < n; ++i) {
    const double z = z_of(rng);
    raw->push_back(Sigmoid(z));
    labels->push_back(u(rng) < Sigmoid(a * z + b) ? 1 : 0);
  }
}

TEST(PlattTest, RecoversTheParametersThatMadeTheLabels) {
  for (const auto& [a, b] : {std::pair{1.7, -0.6}, std::pair{0.4, 1.2}, std::pair{1.0, 0.0}}) {
    std::vector<double> raw;
    std::vector<int> labels;
    MakePlattRows(a, b, 200000, 11, &raw, &labels);
    auto fit = FitPlatt(raw, labels);
    ASSERT_TRUE(fit.ok()) << fit.status();
    EXPECT_EQ(fit->method, "platt");
    EXPECT_EQ(fit->fit_rows, 200000);
    // Standard errors at 200000 rows are about 0.01.
    EXPECT_NEAR(fit->a, a, 0.04) << a << " " << b;
    EXPECT_NEAR(fit->b, b, 0.04) << a << " " << b;
    // The fit is the optimum: nudging either parameter does not lower the log-loss.
    auto loss = [&](double pa, double pb) {
      double sum = 0;
      for (std::size_t i = 0; i < raw.size(); ++i) {
        const double p = Sigmoid(pa * std::log(raw[i] / (1 - raw[i])) + pb);
        sum -= labels[i] == 1 ? std::log(p) : std::log(1 - p);
      }
      return sum;
    };
    const double best = loss(fit->a, fit->b);
    for (const auto& [da, db] : {std::pair{0.01, 0.0}, {-0.01, 0.0}, {0.0, 0.01}, {0.0, -0.01}}) {
      EXPECT_GT(loss(fit->a + da, fit->b + db), best - 1e-6);
    }
  }
}

TEST(PlattTest, SameRowsGiveTheSameFitAndSeparableRowsStayFinite) {
  std::vector<double> raw;
  std::vector<int> labels;
  MakePlattRows(2.0, 0.5, 5000, 3, &raw, &labels);
  auto first = FitPlatt(raw, labels);
  auto second = FitPlatt(raw, labels);
  ASSERT_TRUE(first.ok() && second.ok());
  EXPECT_EQ(*first, *second);

  // Perfectly separated: the plain maximum likelihood would run off to infinity.
  const std::vector<double> sep_raw = {0.1, 0.2, 0.3, 0.7, 0.8, 0.9};
  const std::vector<int> sep_labels = {0, 0, 0, 1, 1, 1};
  auto fit = FitPlatt(sep_raw, sep_labels);
  ASSERT_TRUE(fit.ok()) << fit.status();
  EXPECT_TRUE(std::isfinite(fit->a) && std::isfinite(fit->b));
  EXPECT_GT(fit->a, 0);
  EXPECT_TRUE(CheckCalibration(*fit).ok());
  // Platt's targets: the top row is pulled towards (3 + 1) / (3 + 2) = 0.8, not 1.
  EXPECT_LT(Calibrate(*fit, 0.9), 0.95);
  EXPECT_GT(Calibrate(*fit, 0.9), 0.7);
}

TEST(IsotonicTest, PoolsAdjacentViolatorsAsByHand) {
  // Labels 0 1 0 1 1 at raw 0.1 .. 0.5: the pair (1, 0) pools to 0.5; the two 1s pool to 1.
  auto fit =
      FitIsotonic(std::vector<double>{0.3, 0.1, 0.5, 0.2, 0.4}, std::vector<int>{0, 0, 1, 1, 1});
  ASSERT_TRUE(fit.ok()) << fit.status();
  EXPECT_EQ(fit->method, "isotonic");
  EXPECT_EQ(fit->x, (std::vector<double>{0.1, 0.2, 0.3, 0.4, 0.5}));
  EXPECT_EQ(fit->y, (std::vector<double>{0.0, 0.5, 0.5, 1.0, 1.0}));
  EXPECT_DOUBLE_EQ(Calibrate(*fit, 0.15), 0.25);  // halfway between (0.1, 0) and (0.2, 0.5)
  EXPECT_DOUBLE_EQ(Calibrate(*fit, 0.25), 0.5);
  EXPECT_DOUBLE_EQ(Calibrate(*fit, 0.35), 0.75);
  EXPECT_DOUBLE_EQ(Calibrate(*fit, 0.01), 0.0);  // clamped below the first point
  EXPECT_DOUBLE_EQ(Calibrate(*fit, 0.99), 1.0);
  EXPECT_TRUE(CheckCalibration(*fit).ok());

  // Equal raw values pool first: 1 of 3 at 0.3, then 0 of 1 at 0.6 -> everything pools to 1/4.
  auto ties = FitIsotonic(std::vector<double>{0.3, 0.3, 0.6, 0.3}, std::vector<int>{1, 0, 0, 0});
  ASSERT_TRUE(ties.ok());
  EXPECT_EQ(ties->x, (std::vector<double>{0.3, 0.6}));
  EXPECT_EQ(ties->y, (std::vector<double>{0.25, 0.25}));
}

TEST(IsotonicTest, FitIsMonotoneAndMatchesTheHitRateOfEachBlock) {
  std::vector<double> raw;
  std::vector<int> labels;
  MakePlattRows(0.5, -1.0, 3000, 5, &raw, &labels);
  auto fit = FitIsotonic(raw, labels);
  ASSERT_TRUE(fit.ok());
  ASSERT_TRUE(CheckCalibration(*fit).ok()) << CheckCalibration(*fit);
  // Calibrated mean equals the label mean (each block predicts its own hit rate).
  double calibrated = 0, hits = 0;
  for (std::size_t i = 0; i < raw.size(); ++i) {
    calibrated += Calibrate(*fit, raw[i]);
    hits += labels[i];
  }
  EXPECT_NEAR(calibrated, hits, 1e-6);
}

TEST(CalibrationTest, BadInputIsRejectedNamingTheProblem) {
  EXPECT_NE(FitPlatt(std::vector<double>{0.5}, std::vector<int>{1, 0})
                .status()
                .message()
                .find("1 probabilities but 2 labels"),
            std::string::npos);
  EXPECT_NE(FitPlatt({}, {}).status().message().find("no rows"), std::string::npos);
  EXPECT_NE(FitIsotonic(std::vector<double>{0.5, 1.5}, std::vector<int>{1, 0})
                .status()
                .message()
                .find("probability of row 1 is 1.5"),
            std::string::npos);
  EXPECT_NE(FitPlatt(std::vector<double>{0.5, NAN}, std::vector<int>{1, 0})
                .status()
                .message()
                .find("row 1"),
            std::string::npos);
  EXPECT_NE(FitPlatt(std::vector<double>{0.5, 0.2}, std::vector<int>{1, 2})
                .status()
                .message()
                .find("label of row 1 is 2"),
            std::string::npos);
  EXPECT_NE(FitCalibration("beta", std::vector<double>{0.5}, std::vector<int>{1})
                .status()
                .message()
                .find("'beta' is not platt, isotonic or none"),
            std::string::npos);
  auto none = FitCalibration("none", std::vector<double>{0.5}, std::vector<int>{1});
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->has_value());

  ProbabilityCalibration c;
  c.method = "platt";
  c.a = NAN;
  EXPECT_NE(CheckCalibration(c).message().find("must be finite"), std::string::npos);
  c.method = "isotonic";
  c.x = {0.1, 0.1};
  c.y = {0.2, 0.3};
  EXPECT_NE(CheckCalibration(c).message().find("x[1] = 0.1"), std::string::npos);
  c.x = {0.1, 0.2};
  c.y = {0.3, 0.2};
  EXPECT_NE(CheckCalibration(c).message().find("y[1] = 0.2"), std::string::npos);
  c.y = {0.3};
  EXPECT_NE(CheckCalibration(c).message().find("same number of points"), std::string::npos);
  c.method = "beta";
  EXPECT_NE(CheckCalibration(c).message().find("\"beta\""), std::string::npos);
}

TEST(CalibrationTest, ApplyLeavesNanAndDoesNothingWithoutACalibration) {
  ProbabilityCalibration c;
  c.method = "platt";
  c.a = 2;
  c.b = -1;
  std::vector<double> p = {0.5, NAN, 0.8};
  ApplyCalibration(std::nullopt, p);
  EXPECT_EQ(p[0], 0.5);
  ApplyCalibration(c, p);
  EXPECT_DOUBLE_EQ(p[0], Sigmoid(-1));  // logit(0.5) = 0
  EXPECT_TRUE(std::isnan(p[1]));
  EXPECT_NEAR(p[2], Sigmoid(2 * std::log(4.0) - 1), 1e-12);
}

TEST(CalibrationTest, XgboostModelPredictsCalibratedProbabilitiesWhenTheManifestHasOne) {
  const SyntheticDataset data(1500, 5, 21);
  XgboostTrainingParams params;
  params.rounds = 20;
  params.early_stopping_rounds = 0;
  XgboostTrainer trainer(params);
  ASSERT_TRUE(trainer.Train(data.View()).ok());
  TempDir dir;
  ASSERT_TRUE(trainer.Save(dir.File("m.ubj")).ok());
  ModelManifest manifest;
  manifest.name = "m";
  manifest.version = "1";
  manifest.format = "xgboost";
  for (int i = 0; i < 5; ++i) manifest.feature_names.push_back("f" + std::to_string(i));
  auto raw_model = XgboostModel::Load(dir.File("m.ubj"), manifest);
  ASSERT_TRUE(raw_model.ok()) << raw_model.status();
  ProbabilityCalibration c;
  c.method = "isotonic";
  c.x = {0.2, 0.8};
  c.y = {0.1, 0.3};
  manifest.calibration = c;
  auto calibrated_model = XgboostModel::Load(dir.File("m.ubj"), manifest);
  ASSERT_TRUE(calibrated_model.ok()) << calibrated_model.status();
  const SyntheticDataset fresh(200, 5, 22);
  std::vector<double> raw(200), calibrated(200);
  ASSERT_TRUE((*raw_model)->Predict(fresh.features, raw).ok());
  ASSERT_TRUE((*calibrated_model)->Predict(fresh.features, calibrated).ok());
  for (std::size_t i = 0; i < raw.size(); ++i) {
    const double expected = raw[i] <= 0.2   ? 0.1
                            : raw[i] >= 0.8 ? 0.3
                                            : 0.1 + (raw[i] - 0.2) / 0.6 * 0.2;
    ASSERT_NEAR(calibrated[i], expected, 1e-12) << i;
  }

  manifest.calibration->y = {0.5, 0.1};  // decreasing: refused at load
  auto bad = XgboostModel::Load(dir.File("m.ubj"), manifest);
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("y[1] = 0.1"), std::string::npos) << bad.status();
}

TEST(SliceRowsTest, ViewsTheAskedRowsOfEveryColumn) {
  const SyntheticDataset data(10, 3, 1);
  auto slice = SliceRows(data.View(), 2, 5);
  ASSERT_TRUE(slice.ok()) << slice.status();
  EXPECT_EQ(slice->rows(), 3u);
  EXPECT_EQ(slice->features.data(), data.features.data() + 6);
  EXPECT_EQ(slice->labels.data(), data.labels.data() + 2);
  EXPECT_EQ(slice->times.front(), data.times[2]);
  EXPECT_EQ(slice->times.size(), 3u);
  EXPECT_NE(SliceRows(data.View(), 5, 11).status().message().find("rows [5, 11)"),
            std::string::npos);
}

}  // namespace
}  // namespace pulse::inference
