#include "indicators/hist_volatility.h"

#include <cmath>
#include <vector>

#include <gtest/gtest.h>

#include "indicators/registry.h"
#include "indicators/test_series.h"

namespace pulse::indicators {
namespace {

// Two-pass standard deviation of the `n` returns ending at bar t, annualised.
double VolatilityAt(const std::vector<double>& c, int t, int n, double per_year, bool sample,
                    bool log_returns) {
  std::vector<double> r;
  for (int i = t - n + 1; i <= t; ++i) {
    r.push_back(log_returns ? std::log(c[i] / c[i - 1]) : c[i] / c[i - 1] - 1);
  }
  double mean = 0;
  for (double x : r) mean += x;
  mean /= n;
  double ss = 0;
  for (double x : r) ss += (x - mean) * (x - mean);
  return std::sqrt(ss / (sample ? n - 1 : n)) * std::sqrt(per_year);
}

TEST(HistVolatility, MatchesBruteForce) {
  for (const std::vector<Bar>& bars : {testing::ReferenceBars(), testing::BtcFiveMinuteBars(3000),
                                       testing::RandomWalkBars(500, 17)}) {
    std::vector<double> closes;
    for (const Bar& b : bars) closes.push_back(b.close);
    ASSERT_GT(closes.size(), 100u);
    for (int n : {2, 5, 20, 60}) {
      for (bool sample : {false, true}) {
        for (bool log_returns : {false, true}) {
          HistVolatility hv(n, 105120, sample, log_returns);
          ASSERT_EQ(hv.WarmUp(), n);
          for (int t = 0; t < static_cast<int>(closes.size()); ++t) {
            hv.Add(closes[t]);
            ASSERT_EQ(hv.Ready(), t >= n);
            if (t < n) continue;
            EXPECT_TRUE(testing::Near(
                hv.Value(), VolatilityAt(closes, t, n, 105120, sample, log_returns), 1e-8))
                << "n " << n << " bar " << t << " sample " << sample << " log " << log_returns;
          }
        }
      }
    }
  }
}

// Closes 100, 110, 99: simple returns +0.1 and -0.1, mean 0; population stddev 0.1, sample
// 0.1 * sqrt(2). Log returns ln 1.1 and ln 0.9.
TEST(HistVolatility, HandComputed) {
  HistVolatility population(2, 1, false, false);
  HistVolatility sample(2, 4, true, false);
  HistVolatility logs(2, 1, false, true);
  for (double c : {100.0, 110.0, 99.0}) {
    population.Add(c);
    sample.Add(c);
    logs.Add(c);
  }
  EXPECT_NEAR(population.Value(), 0.1, 1e-12);
  EXPECT_NEAR(sample.Value(), 0.1 * std::sqrt(2.0) * 2, 1e-12);  // sqrt(4) annualisation
  EXPECT_NEAR(logs.Value(), std::fabs(std::log(1.1) - std::log(0.9)) / 2, 1e-12);
  // A constant series has zero volatility.
  HistVolatility flat(5, 252, true, true);
  for (int i = 0; i < 20; ++i) flat.Add(42);
  EXPECT_EQ(flat.Value(), 0.0);
}

TEST(HistVolatility, RegistryDefaultsAreSampleLogReturnsOnFiveMinuteBars) {
  const IndicatorSpec* spec = FindIndicator("hist_volatility");
  ASSERT_NE(spec, nullptr);
  ASSERT_EQ(spec->params.size(), 4u);
  EXPECT_EQ(spec->params[1].default_value, 365 * 288);
  auto ind = CreateIndicator("hist_volatility");
  ASSERT_TRUE(ind.ok());
  const std::vector<Bar> bars = testing::BtcFiveMinuteBars(100);
  std::vector<double> closes;
  for (const Bar& b : bars) closes.push_back(b.close);
  const auto out = RunBatch(**ind, bars);
  EXPECT_TRUE(testing::Near(out[0][99], VolatilityAt(closes, 99, 20, 105120, true, true), 1e-8));
}

}  // namespace
}  // namespace pulse::indicators
