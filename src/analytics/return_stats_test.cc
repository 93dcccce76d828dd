#include "analytics/return_stats.h"

#include <cmath>
#include <limits>
#include <random>

#include <gtest/gtest.h>

namespace pulse::analytics {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

TEST(ReturnStatsTest, HandComputedFiguresOfAShortSeries) {
  // r = +10 %, -10 %, +10 %: equity 1.1, 0.99, 1.089.
  const std::vector<double> r = {0.1, -0.1, 0.1};
  EXPECT_NEAR(CumReturnsFinal(r), 0.089, 1e-15);
  // mean 1/30, sample std = sqrt(((0.2/3)^2 * 2 + (0.4/3)^2) / 2) = 0.11547005...
  EXPECT_NEAR(AnnualVolatility(r, 1), 0.1154700538379252, 1e-15);
  EXPECT_NEAR(SharpeRatio(r, 0, 1), (1.0 / 30) / 0.1154700538379252, 1e-12);
  // Downside: only -0.1 is below 0: sqrt(0.01 / 3).
  EXPECT_NEAR(DownsideRisk(r, 0, 1), std::sqrt(0.01 / 3), 1e-15);
  EXPECT_NEAR(SortinoRatio(r, 0, 1), (1.0 / 30) / std::sqrt(0.01 / 3), 1e-12);
  // Omega at 0: gains 0.2, losses 0.1.
  EXPECT_NEAR(OmegaRatio(r, 0, 0, 1), 2.0, 1e-15);
  // Annual return with 3 periods a year: the whole growth.
  EXPECT_NEAR(AnnualReturn(r, 3), 0.089, 1e-12);
  const DrawdownInfo dd = ComputeDrawdown(r);
  EXPECT_NEAR(dd.max_drawdown, -0.1, 1e-15);
  EXPECT_EQ(dd.peak, 0);
  EXPECT_EQ(dd.trough, 1);
  EXPECT_EQ(dd.recovery, -1);  // 1.089 < 1.1
  EXPECT_NEAR(dd.current_drawdown, 1.089 / 1.1 - 1, 1e-15);
  EXPECT_NEAR(CalmarRatio(r, 3), 0.89, 1e-12);
  // Underwater: 0, -0.1, -0.01; ulcer = sqrt((0.01 + 0.0001) / 3).
  EXPECT_NEAR(UlcerIndex(r), std::sqrt(0.0101 / 3), 1e-15);
  // Sorted -0.1, 0.1, 0.1: 5 % quantile at position 0.1 -> -0.1 + 0.2 * 0.1 = -0.08.
  EXPECT_NEAR(ValueAtRisk(r, 0.05), -0.08, 1e-15);
  EXPECT_NEAR(ConditionalValueAtRisk(r, 0.05), -0.1, 1e-15);  // k = floor(2 * 0.05) = 0
  EXPECT_NEAR(TailRatio(r), 0.1 / 0.08, 1e-12);
}

TEST(ReturnStatsTest, DrawdownRecoveryIndexAndAFirstLoss) {
  // A first loss is a drawdown from the starting equity (peak -1), recovered at index 2.
  const std::vector<double> r = {-0.5, 0.5, 0.5, -0.1};
  const DrawdownInfo dd = ComputeDrawdown(r);
  EXPECT_DOUBLE_EQ(dd.max_drawdown, -0.5);
  EXPECT_EQ(dd.peak, -1);
  EXPECT_EQ(dd.trough, 0);
  EXPECT_EQ(dd.recovery, 2);  // 0.5 -> 0.75 -> 1.125
  EXPECT_NEAR(dd.current_drawdown, -0.1, 1e-15);
}

TEST(ReturnStatsTest, ConstantSeriesHasZeroSpreadAndInfiniteSharpe) {
  const std::vector<double> r(9, 0.01);
  EXPECT_EQ(AnnualVolatility(r, 252), 0.0);
  EXPECT_TRUE(std::isinf(SharpeRatio(r, 0, 252)));
  EXPECT_TRUE(std::isnan(SharpeRatio(r, 0.01, 252)));  // 0 / 0
}

TEST(ReturnStatsTest, ParametricVarUsesTheNormalQuantile) {
  const std::vector<double> r = {0.01, -0.02, 0.03, 0.0, -0.01};
  // mean 0.002, sample std sqrt(0.00148 / 4) = 0.019235384...
  const double sd = std::sqrt(0.00148 / 4);
  EXPECT_NEAR(ParametricValueAtRisk(r, 0.05), 0.002 - 1.6448536269514722 * sd, 1e-15);
  // pdf(1.6449) = 0.10313564037537128.
  EXPECT_NEAR(ParametricConditionalValueAtRisk(r, 0.05), 0.002 - sd * 0.10313564037537128 / 0.05,
              1e-12);
  // Away from the two stored cutoffs the rational approximation is used: z(0.1) = -1.28155.
  EXPECT_NEAR(ParametricValueAtRisk(r, 0.1), 0.002 - 1.2815515655446004 * sd, 1e-10);
}

TEST(ReturnStatsTest, AlphaBetaOfAScaledBenchmark) {
  // r = 2 b exactly: beta 2, alpha (mean(r - 2b) + 1)^ppy - 1 = 0.
  const std::vector<double> b = {0.01, -0.02, 0.015, 0.0};
  std::vector<double> r;
  for (double x : b) r.push_back(2 * x);
  const AlphaBeta ab = ComputeAlphaBeta(r, b, 0, 252);
  EXPECT_NEAR(ab.beta, 2.0, 1e-12);
  EXPECT_NEAR(ab.alpha, 0.0, 1e-12);
}

TEST(ReturnStatsTest, RollingWindows) {
  const std::vector<double> r = {0.1, -0.1, 0.1, 0.2};
  const std::vector<double> out =
      Rolling(r, 2, [](std::span<const double> w) { return CumReturnsFinal(w); });
  ASSERT_EQ(out.size(), 3u);
  EXPECT_NEAR(out[0], -0.01, 1e-15);
  EXPECT_NEAR(out[1], -0.01, 1e-15);
  EXPECT_NEAR(out[2], 0.32, 1e-15);
  EXPECT_TRUE(Rolling(r, 5, [](std::span<const double>) { return 0.0; }).empty());
}

// The fused ComputeReturnStats against the standalone functions on a long noisy series with NaN
// gaps (the standalone functions are checked against empyrical in the oracle tier).
TEST(ReturnStatsTest, ComputeReturnStatsAgreesWithTheStandaloneFunctions) {
  std::mt19937_64 rng(42);
  std::normal_distribution<double> noise(0.0004, 0.02);
  std::vector<double> r(20000);
  for (std::size_t i = 0; i < r.size(); ++i) r[i] = (i % 997 == 5) ? kNaN : noise(rng);
  ReturnStatsOptions o;
  o.periods_per_year = 365;
  o.risk_free = 0.0001;
  o.omega_required = 0.05;
  Result<ReturnStats> got = ComputeReturnStats(r, o);
  ASSERT_TRUE(got.ok()) << got.status();
  const ReturnStats& s = *got;
  auto near = [](double a, double b) {
    return std::fabs(a - b) <= 1e-9 * std::max(1.0, std::fabs(b));
  };
  EXPECT_EQ(s.periods, 20000);
  EXPECT_EQ(s.observations, 20000 - 21);
  EXPECT_TRUE(near(s.total_return, CumReturnsFinal(r)));
  EXPECT_TRUE(near(s.annual_return, AnnualReturn(r, 365)));
  EXPECT_TRUE(near(s.annual_volatility, AnnualVolatility(r, 365)));
  EXPECT_TRUE(near(s.sharpe, SharpeRatio(r, 0.0001, 365)));
  EXPECT_TRUE(near(s.sortino, SortinoRatio(r, 0.0001, 365)));
  EXPECT_TRUE(near(s.downside_risk, DownsideRisk(r, 0.0001, 365)));
  EXPECT_TRUE(near(s.calmar, CalmarRatio(r, 365)));
  EXPECT_TRUE(near(s.omega, OmegaRatio(r, 0.0001, 0.05, 365)));
  EXPECT_TRUE(near(s.tail_ratio, TailRatio(r)));
  EXPECT_TRUE(near(s.stability, StabilityOfTimeseries(r)));
  EXPECT_EQ(s.var_95, ValueAtRisk(r, 0.05));
  EXPECT_EQ(s.var_99, ValueAtRisk(r, 0.01));
  EXPECT_TRUE(near(s.cvar_95, ConditionalValueAtRisk(r, 0.05)));
  EXPECT_TRUE(near(s.cvar_99, ConditionalValueAtRisk(r, 0.01)));
  EXPECT_TRUE(near(s.ulcer_index, UlcerIndex(r)));
  const DrawdownInfo dd = ComputeDrawdown(r);
  EXPECT_TRUE(near(s.drawdown.max_drawdown, dd.max_drawdown));
  EXPECT_EQ(s.drawdown.peak, dd.peak);
  EXPECT_EQ(s.drawdown.trough, dd.trough);
  EXPECT_EQ(s.drawdown.recovery, dd.recovery);
  EXPECT_TRUE(near(s.drawdown.current_drawdown, dd.current_drawdown));

  o.var_method = VarMethod::kParametric;
  Result<ReturnStats> para = ComputeReturnStats(r, o);
  ASSERT_TRUE(para.ok());
  EXPECT_TRUE(near(para->var_95, ParametricValueAtRisk(r, 0.05)));
  EXPECT_TRUE(near(para->cvar_99, ParametricConditionalValueAtRisk(r, 0.01)));
}

// Long series take the quantiles from the two tails found by sampling; a series built to fool
// the sample (every sampled position holds the maximum) falls back to a full copy.
TEST(ReturnStatsTest, QuantilesOfLongSeriesFromTheTailsAndTheFallback) {
  std::mt19937_64 rng(7);
  std::normal_distribution<double> noise(0.0, 0.01);
  std::vector<double> r(300001);
  for (double& x : r) x = noise(rng);
  r[1234] = kNaN;
  for (int round = 0; round < 2; ++round) {
    if (round == 1) {
      const std::size_t stride = r.size() / 8192;
      for (std::size_t i = 0; i < r.size(); ++i) r[i] = (i % stride == 0) ? 0.05 : noise(rng);
    }
    Result<ReturnStats> s = ComputeReturnStats(r);
    ASSERT_TRUE(s.ok());
    EXPECT_EQ(s->var_95, ValueAtRisk(r, 0.05)) << "round " << round;
    EXPECT_EQ(s->var_99, ValueAtRisk(r, 0.01)) << "round " << round;
    EXPECT_NEAR(s->cvar_95, ConditionalValueAtRisk(r, 0.05), 1e-15) << "round " << round;
    EXPECT_NEAR(s->cvar_99, ConditionalValueAtRisk(r, 0.01), 1e-15) << "round " << round;
    EXPECT_EQ(s->tail_ratio, TailRatio(r)) << "round " << round;
  }
}

// The regression behind stability sums log equity less its first value: a series that opens
// with a large gain and then barely moves keeps its spread (summed as it is, the squares of
// the large level swamp it). A flat series has stability 0, as scipy's linregress gives.
TEST(ReturnStatsTest, StabilityAfterALargeFirstMoveAndOfAFlatSeries) {
  std::mt19937_64 rng(11);
  std::normal_distribution<double> noise(0.0, 1e-6);
  std::vector<double> r(5000);
  for (double& x : r) x = noise(rng);
  r[0] = 20.0;
  Result<ReturnStats> got = ComputeReturnStats(r);
  ASSERT_TRUE(got.ok());
  const double reference = StabilityOfTimeseries(r);
  EXPECT_GT(reference, 0.0);
  // Summed as it is, the level of about 3 in y leaves 3e-5 relative error here; less its
  // first value, 3e-9.
  EXPECT_NEAR(got->stability, reference, 1e-7 * reference);

  const std::vector<double> zeros(600, 0.0);
  Result<ReturnStats> flat = ComputeReturnStats(zeros);
  ASSERT_TRUE(flat.ok());
  EXPECT_EQ(flat->stability, 0.0);
  EXPECT_EQ(StabilityOfTimeseries(zeros), 0.0);
}

// Returns so large that the sum of squares overflows have no finite spread: the volatility is
// NaN, not a zero that would make the Sharpe ratio infinite.
TEST(ReturnStatsTest, AnOverflowingSpreadIsNotZero) {
  const std::vector<double> r = {1e308, 1e308, -0.5};
  Result<ReturnStats> got = ComputeReturnStats(r);
  ASSERT_TRUE(got.ok());
  EXPECT_TRUE(std::isnan(got->annual_volatility)) << got->annual_volatility;
  EXPECT_TRUE(std::isnan(got->sharpe)) << got->sharpe;
}

TEST(ReturnStatsTest, SmallSeriesEdgesAndBadOptions) {
  Result<ReturnStats> empty = ComputeReturnStats({});
  ASSERT_TRUE(empty.ok());
  EXPECT_TRUE(std::isnan(empty->sharpe));
  EXPECT_TRUE(std::isnan(empty->drawdown.max_drawdown));
  const std::vector<double> one = {0.01};
  Result<ReturnStats> single = ComputeReturnStats(one);
  ASSERT_TRUE(single.ok());
  EXPECT_TRUE(std::isnan(single->sharpe));
  EXPECT_EQ(single->downside_risk, 0.0);
  EXPECT_NEAR(single->annual_return, std::pow(1.01, 252) - 1, 1e-12);
  EXPECT_EQ(single->tail_ratio, 1.0);
  EXPECT_EQ(single->var_95, 0.01);

  ReturnStatsOptions bad;
  bad.periods_per_year = 0;
  Result<ReturnStats> r = ComputeReturnStats(one, bad);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("periods per year"), std::string::npos);
  bad = {};
  bad.omega_required = -1;
  EXPECT_FALSE(ComputeReturnStats(one, bad).ok());
}

// numpy.percentile([4, 1, 3, 2], [0, 25, 50, 95, 100]) = [1, 1.75, 2.5, 3.85, 4]: the NaN is
// dropped, each quantile interpolates between its order statistics, and one sort serves all.
TEST(ReturnStatsTest, PercentilesInterpolateAsNumpy) {
  const std::vector<double> values = {kNaN, 4, 1, 3, 2};
  const std::vector<double> qs = {0, 0.25, 0.5, 0.95, 1};
  const std::vector<double> got = Percentiles(values, qs);
  const std::vector<double> numpy = {1, 1.75, 2.5, 3.85, 4};
  ASSERT_EQ(got.size(), numpy.size());
  for (std::size_t i = 0; i < qs.size(); ++i) {
    EXPECT_NEAR(got[i], numpy[i], 1e-12) << qs[i];
    EXPECT_EQ(got[i], Percentile(values, qs[i])) << qs[i];
  }
  const std::vector<double> only_nan = {kNaN};
  EXPECT_TRUE(std::isnan(Percentiles(only_nan, qs)[2]));
  EXPECT_TRUE(Percentiles(values, {}).empty());
}

}  // namespace
}  // namespace pulse::analytics
