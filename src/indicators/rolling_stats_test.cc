#include "indicators/rolling_stats.h"

#include <cmath>
#include <vector>

#include <gtest/gtest.h>

#include "indicators/random_bars_test_util.h"
#include "indicators/registry.h"

namespace pulse::indicators {
namespace {

TEST(IndicatorsRollingStats, HandComputed) {
  RollingSum sum(3);
  Variance var(3);
  AvgDev dev(3);
  for (double x : {2.0, 4.0, 9.0}) {
    sum.Add(x);
    var.Add(x);
    dev.Add(x);
  }
  EXPECT_EQ(sum.Value(), 15);
  // mean 5, deviations -3, -1, 4: variance 26 / 3, mean absolute deviation 8 / 3.
  EXPECT_NEAR(var.Value(), 26.0 / 3, 1e-12);
  EXPECT_NEAR(dev.Value(), 8.0 / 3, 1e-12);
  sum.Add(1);
  EXPECT_EQ(sum.Value(), 14);
  sum.Reset();
  EXPECT_FALSE(sum.Ready());
}

// Every window recomputed from scratch with the textbook formulas (two-pass variance).
TEST(IndicatorsRollingStats, MatchBruteForceWindows) {
  const auto bars = testing::RandomBars(500, 5);
  for (int period : {2, 5, 14, 30}) {
    std::vector<double> p = {static_cast<double>(period)};
    auto sum = RunBatch(**CreateIndicator("sum", p), bars);
    auto var = RunBatch(**CreateIndicator("var", p), bars);
    auto dev = RunBatch(**CreateIndicator("avgdev", p), bars);
    for (size_t i = 0; i < bars.size(); ++i) {
      if (static_cast<int>(i) < period - 1) {
        EXPECT_TRUE(std::isnan(sum[0][i]) && std::isnan(var[0][i]) && std::isnan(dev[0][i]));
        continue;
      }
      double total = 0;
      for (size_t j = i + 1 - period; j <= i; ++j) total += bars[j].close;
      const double mean = total / period;
      double sq = 0, abs_dev = 0;
      for (size_t j = i + 1 - period; j <= i; ++j) {
        sq += (bars[j].close - mean) * (bars[j].close - mean);
        abs_dev += std::fabs(bars[j].close - mean);
      }
      EXPECT_NEAR(sum[0][i], total, 1e-9);
      EXPECT_NEAR(var[0][i], sq / period, 1e-8);
      EXPECT_NEAR(dev[0][i], abs_dev / period, 1e-9);
    }
  }
}

TEST(IndicatorsRollingStats, VarianceIgnoresNbDevAsTalib) {
  const auto bars = testing::RandomBars(50, 9);
  std::vector<double> one = {5, 1};
  std::vector<double> three = {5, 3};
  EXPECT_EQ(RunBatch(**CreateIndicator("var", one), bars)[0].back(),
            RunBatch(**CreateIndicator("var", three), bars)[0].back());
}

}  // namespace
}  // namespace pulse::indicators
