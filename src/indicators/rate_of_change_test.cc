#include "indicators/rate_of_change.h"

#include <cmath>
#include <vector>

#include <gtest/gtest.h>

#include "indicators/random_bars_test_util.h"
#include "indicators/registry.h"

namespace pulse::indicators {
namespace {

TEST(IndicatorsRateOfChange, HandComputed) {
  RateOfChange rocp(RateOfChange::Kind::kRocp, 2);
  RateOfChange rocr(RateOfChange::Kind::kRocr, 2);
  RateOfChange rocr100(RateOfChange::Kind::kRocr100, 2);
  for (double x : {50.0, 70.0, 60.0}) {
    rocp.Add(x);
    rocr.Add(x);
    rocr100.Add(x);
  }
  EXPECT_EQ(rocp.WarmUp(), 2);
  EXPECT_DOUBLE_EQ(rocp.Value(), 0.2);
  EXPECT_DOUBLE_EQ(rocr.Value(), 1.2);
  EXPECT_DOUBLE_EQ(rocr100.Value(), 120);
}

TEST(IndicatorsRateOfChange, ZeroOldPriceGivesZero) {
  RateOfChange rocr(RateOfChange::Kind::kRocr, 1);
  rocr.Add(0);
  rocr.Add(5);
  EXPECT_EQ(rocr.Value(), 0.0);
}

TEST(IndicatorsRateOfChange, MatchesBruteForce) {
  const auto bars = testing::RandomBars(300, 13);
  for (int period : {1, 10, 25}) {
    std::vector<double> p = {static_cast<double>(period)};
    auto rocp = RunBatch(**CreateIndicator("rocp", p), bars);
    auto rocr = RunBatch(**CreateIndicator("rocr", p), bars);
    auto rocr100 = RunBatch(**CreateIndicator("rocr100", p), bars);
    for (size_t i = period; i < bars.size(); ++i) {
      const double old = bars[i - period].close;
      EXPECT_NEAR(rocp[0][i], bars[i].close / old - 1, 1e-12);
      EXPECT_NEAR(rocr[0][i], bars[i].close / old, 1e-12);
      EXPECT_NEAR(rocr100[0][i], 100 * bars[i].close / old, 1e-10);
    }
    EXPECT_TRUE(std::isnan(rocp[0][period - 1]));
  }
}

}  // namespace
}  // namespace pulse::indicators
