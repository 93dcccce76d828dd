#include "indicators/pair_statistics.h"

#include <cmath>
#include <vector>

#include <gtest/gtest.h>

#include "indicators/random_bars_test_util.h"
#include "indicators/registry.h"

namespace pulse::indicators {
namespace {

TEST(IndicatorsPairStatistics, HandComputed) {
  // Perfectly linear pairs: correlation +1 and -1.
  Correl up(3), down(3);
  for (double x : {1.0, 2.0, 4.0}) {
    up.Add(x, 2 * x + 1);
    down.Add(x, -x);
  }
  EXPECT_NEAR(up.Value(), 1, 1e-12);
  EXPECT_NEAR(down.Value(), -1, 1e-12);
  // Series 1 moves twice as much (in returns) as series 0: beta 2.
  Beta beta(2);
  const double x[] = {100, 110, 99};
  for (double v : x) beta.Add(v, 100 * (1 + 2 * (v / 100 - 1)));
  EXPECT_FALSE(std::isnan(beta.Value()));
  // Returns of series 0: 0.1, -0.1; of series 1 (100, 120, 98): 0.2, -0.18333.
  const double rx[] = {0.1, -0.1};
  const double ry[] = {0.2, 98.0 / 120 - 1};
  const double sxy = rx[0] * ry[0] + rx[1] * ry[1], sx = rx[0] + rx[1], sy = ry[0] + ry[1];
  const double sxx = rx[0] * rx[0] + rx[1] * rx[1];
  EXPECT_NEAR(beta.Value(), (2 * sxy - sx * sy) / (2 * sxx - sx * sx), 1e-12);
}

// Pearson correlation (two-pass) and the OLS slope of returns, from scratch on every window.
TEST(IndicatorsPairStatistics, MatchBruteForceOnHighAndLow) {
  const auto bars = testing::RandomBars(400, 17);
  for (int period : {1, 5, 30}) {
    std::vector<double> p = {static_cast<double>(period)};
    auto correl = RunBatch(**CreateIndicator("correl", p), bars);
    auto beta = RunBatch(**CreateIndicator("beta", p), bars);
    for (size_t i = period - 1; i < bars.size(); ++i) {
      double mx = 0, my = 0;
      for (size_t j = i + 1 - period; j <= i; ++j) {
        mx += bars[j].high / period;
        my += bars[j].low / period;
      }
      double sxy = 0, sxx = 0, syy = 0;
      for (size_t j = i + 1 - period; j <= i; ++j) {
        sxy += (bars[j].high - mx) * (bars[j].low - my);
        sxx += (bars[j].high - mx) * (bars[j].high - mx);
        syy += (bars[j].low - my) * (bars[j].low - my);
      }
      // Flat windows (random bars have flat stretches) give 0 as TA-Lib.
      const double want = sxx * syy > 1e-9 ? sxy / std::sqrt(sxx * syy) : 0.0;
      EXPECT_NEAR(correl[0][i], want, 1e-6) << period << " bar " << i;
      if (i < static_cast<size_t>(period)) continue;
      double rx_mean = 0, ry_mean = 0;
      for (size_t j = i + 1 - period; j <= i; ++j) {
        rx_mean += (bars[j].high / bars[j - 1].high - 1) / period;
        ry_mean += (bars[j].low / bars[j - 1].low - 1) / period;
      }
      double cov = 0, var = 0;
      for (size_t j = i + 1 - period; j <= i; ++j) {
        const double rx = bars[j].high / bars[j - 1].high - 1;
        const double ry = bars[j].low / bars[j - 1].low - 1;
        cov += (rx - rx_mean) * (ry - ry_mean);
        var += (rx - rx_mean) * (rx - rx_mean);
      }
      const double want_beta = var > 1e-13 ? cov / var : 0.0;
      EXPECT_NEAR(beta[0][i], want_beta, 1e-6) << period << " bar " << i;
    }
  }
}

}  // namespace
}  // namespace pulse::indicators
