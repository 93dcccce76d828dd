#include "indicators/linear_regression.h"

#include <cmath>
#include <vector>

#include <gtest/gtest.h>

#include "indicators/random_bars_test_util.h"
#include "indicators/registry.h"

namespace pulse::indicators {
namespace {

constexpr double kPi = 3.14159265358979323846;

TEST(IndicatorsLinearRegression, AStraightLineIsFittedExactly) {
  // y = 3 + 2 t: slope 2, the fitted line is the data itself.
  std::vector<double> ys;
  for (int t = 0; t < 20; ++t) ys.push_back(3 + 2.0 * t);
  const int n = 5;
  LinearRegression reg(LinearRegression::Kind::kLinearReg, n);
  LinearRegression slope(LinearRegression::Kind::kSlope, n);
  LinearRegression angle(LinearRegression::Kind::kAngle, n);
  LinearRegression intercept(LinearRegression::Kind::kIntercept, n);
  LinearRegression tsf(LinearRegression::Kind::kTsf, n);
  for (size_t i = 0; i < ys.size(); ++i) {
    for (LinearRegression* r : {&reg, &slope, &angle, &intercept, &tsf}) r->Add(ys[i]);
    if (i + 1 < n) {
      EXPECT_FALSE(reg.Ready());
      continue;
    }
    EXPECT_NEAR(reg.Value(), ys[i], 1e-9);
    EXPECT_NEAR(slope.Value(), 2, 1e-9);
    EXPECT_NEAR(angle.Value(), std::atan(2.0) * 180 / kPi, 1e-9);
    EXPECT_NEAR(intercept.Value(), ys[i + 1 - n], 1e-9);  // the line at the oldest bar
    EXPECT_NEAR(tsf.Value(), ys[i] + 2, 1e-9);            // one bar ahead
  }
}

// Ordinary least squares from scratch on every window (t = 0..n-1, centred formulas).
TEST(IndicatorsLinearRegression, MatchesTextbookLeastSquares) {
  const auto bars = testing::RandomBars(600, 21);
  for (int period : {2, 5, 14, 40}) {
    std::vector<double> p = {static_cast<double>(period)};
    auto reg = RunBatch(**CreateIndicator("linearreg", p), bars);
    auto slope = RunBatch(**CreateIndicator("linearreg_slope", p), bars);
    auto angle = RunBatch(**CreateIndicator("linearreg_angle", p), bars);
    auto intercept = RunBatch(**CreateIndicator("linearreg_intercept", p), bars);
    auto tsf = RunBatch(**CreateIndicator("tsf", p), bars);
    for (size_t i = period - 1; i < bars.size(); ++i) {
      const double t_mean = (period - 1) / 2.0;
      double y_mean = 0;
      for (int t = 0; t < period; ++t) y_mean += bars[i + 1 - period + t].close;
      y_mean /= period;
      double sty = 0, stt = 0;
      for (int t = 0; t < period; ++t) {
        sty += (t - t_mean) * (bars[i + 1 - period + t].close - y_mean);
        stt += (t - t_mean) * (t - t_mean);
      }
      const double m = sty / stt;
      const double b = y_mean - m * t_mean;
      EXPECT_NEAR(slope[0][i], m, 1e-9) << period << " bar " << i;
      EXPECT_NEAR(angle[0][i], std::atan(m) * 180 / kPi, 1e-7);
      EXPECT_NEAR(intercept[0][i], b, 1e-8);
      EXPECT_NEAR(reg[0][i], b + m * (period - 1), 1e-8);
      EXPECT_NEAR(tsf[0][i], b + m * period, 1e-8);
    }
    EXPECT_TRUE(std::isnan(reg[0][period - 2]));
  }
}

}  // namespace
}  // namespace pulse::indicators
