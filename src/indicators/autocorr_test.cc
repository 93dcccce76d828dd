// Autocorrelation of log returns against pandas' definition recomputed on every window (Pearson
// of w[k:] and w[:-k], two-pass), on TA-Lib's reference candles and seeded random walks, plus a
// hand-computed window and a persistent series as a sanity check.
#include "indicators/autocorr.h"

#include <cmath>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "indicators/registry.h"
#include "indicators/test_series.h"

namespace pulse::indicators {
namespace {

using testing::Near;

double PandasAutocorr(const std::vector<double>& w, int lag) {
  const std::vector<double> x(w.begin() + lag, w.end());
  const std::vector<double> y(w.begin(), w.end() - lag);
  const double n = x.size();
  double mx = 0;
  double my = 0;
  for (size_t i = 0; i < x.size(); ++i) {
    mx += x[i];
    my += y[i];
  }
  mx /= n;
  my /= n;
  double sxy = 0;
  double sxx = 0;
  double syy = 0;
  for (size_t i = 0; i < x.size(); ++i) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) * (x[i] - mx);
    syy += (y[i] - my) * (y[i] - my);
  }
  if (sxx / n <= 1e-14 || syy / n <= 1e-14) return 0;
  return sxy / std::sqrt(sxx * syy);
}

std::vector<double> RunAutocorr(int period, int lag, const std::vector<double>& closes) {
  std::vector<double> params = {static_cast<double>(period), static_cast<double>(lag)};
  auto ind = CreateIndicator("autocorr", params);
  EXPECT_TRUE(ind.ok()) << ind.status();
  return RunBatch(**ind, closes)[0];
}

void CheckAgainstPandas(const std::vector<double>& closes, int period, int lag) {
  SCOPED_TRACE("period " + std::to_string(period) + " lag " + std::to_string(lag));
  const auto out = RunAutocorr(period, lag, closes);
  const auto returns = testing::LogReturns(closes);
  for (size_t i = 0; i < closes.size(); ++i) {
    if (i < static_cast<size_t>(period)) {
      EXPECT_TRUE(std::isnan(out[i])) << i;
      continue;
    }
    const auto w = testing::ReturnWindow(returns, i, period);
    EXPECT_TRUE(Near(out[i], PandasAutocorr(w, lag))) << "bar " << i;
  }
}

TEST(Autocorr, MatchesPandasDefinitionOnEveryWindow) {
  const auto talib = testing::Closes(testing::ReferenceBars());
  ASSERT_EQ(talib.size(), 252u);
  const auto walk = testing::Closes(testing::ReturnProcessBars(5, 2000, 0.01, 0.3));
  for (auto [period, lag] : {std::pair{3, 1}, {5, 1}, {5, 3}, {20, 1}, {20, 2}, {60, 5}}) {
    CheckAgainstPandas(talib, period, lag);
    CheckAgainstPandas(walk, period, lag);
  }
  CheckAgainstPandas(walk, 250, 10);
}

TEST(Autocorr, HandComputedWindow) {
  // Returns 1, -2, 3, 0, 5 (percent), lag 1: x = -2, 3, 0, 5 and y = 1, -2, 3, 0; deviations
  // -3.5, 1.5, -1.5, 3.5 and 0.5, -2.5, 2.5, -0.5: r = -11 / sqrt(29 * 13).
  Autocorr ac(5, 1);
  double log_close = std::log(100.0);
  ac.Add(100);
  for (double r : {0.01, -0.02, 0.03, 0.0, 0.05}) {
    log_close += r;
    ac.Add(std::exp(log_close));
  }
  ASSERT_TRUE(ac.Ready());
  EXPECT_NEAR(ac.Value(), -11 / std::sqrt(377.0), 1e-9);
}

TEST(Autocorr, LagIsCappedAndFlatWindowsGiveZero) {
  EXPECT_EQ(Autocorr(5, 10).lag(), 3);
  EXPECT_EQ(Autocorr(20, 2).lag(), 2);
  Autocorr ac(5, 1);
  for (int i = 0; i < 10; ++i) ac.Add(50);
  EXPECT_EQ(ac.Value(), 0.0);
}

TEST(Autocorr, PersistentReturnsShowPositiveLagOneCorrelation) {
  const auto persistent = testing::Closes(testing::ReturnProcessBars(9, 3000, 0.01, 0.6));
  const auto independent = testing::Closes(testing::ReturnProcessBars(9, 3000, 0.01, 0.0));
  const auto a = RunAutocorr(500, 1, persistent);
  const auto b = RunAutocorr(500, 1, independent);
  EXPECT_NEAR(a.back(), 0.6, 0.1);
  EXPECT_NEAR(b.back(), 0.0, 0.1);
}

}  // namespace
}  // namespace pulse::indicators
