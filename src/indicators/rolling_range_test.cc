#include "indicators/rolling_range.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include <gtest/gtest.h>

#include "indicators/random_bars_test_util.h"
#include "indicators/registry.h"

namespace pulse::indicators {
namespace {

TEST(IndicatorsRollingRange, HandComputed) {
  RollingRange max(RollingRange::Kind::kMax, 3);
  RollingRange mid(RollingRange::Kind::kMidPoint, 3);
  const double xs[] = {5, 1, 4, 2, 8};
  const double want_max[] = {NAN, NAN, 5, 4, 8};
  const double want_mid[] = {NAN, NAN, 3, 2.5, 5};
  for (int i = 0; i < 5; ++i) {
    max.Add(xs[i]);
    mid.Add(xs[i]);
    if (i < 2) {
      EXPECT_FALSE(max.Ready());
      EXPECT_TRUE(std::isnan(mid.Value()));
    } else {
      EXPECT_EQ(max.Value(), want_max[i]);
      EXPECT_EQ(mid.Value(), want_mid[i]);
    }
  }
}

// Every window rescanned from scratch.
TEST(IndicatorsRollingRange, MatchesABruteForceScan) {
  const auto bars = testing::RandomBars(400, 3);
  for (int period : {2, 5, 14, 30}) {
    std::vector<double> p = {static_cast<double>(period)};
    auto max = RunBatch(**CreateIndicator("max", p), bars);
    auto min = RunBatch(**CreateIndicator("min", p), bars);
    auto midpoint = RunBatch(**CreateIndicator("midpoint", p), bars);
    auto midprice = RunBatch(**CreateIndicator("midprice", p), bars);
    for (size_t i = 0; i < bars.size(); ++i) {
      if (static_cast<int>(i) < period - 1) {
        EXPECT_TRUE(std::isnan(max[0][i]));
        continue;
      }
      double hi = -INFINITY, lo = INFINITY, hh = -INFINITY, ll = INFINITY;
      for (size_t j = i + 1 - period; j <= i; ++j) {
        hi = std::max(hi, bars[j].close);
        lo = std::min(lo, bars[j].close);
        hh = std::max(hh, bars[j].high);
        ll = std::min(ll, bars[j].low);
      }
      EXPECT_EQ(max[0][i], hi);
      EXPECT_EQ(min[0][i], lo);
      EXPECT_DOUBLE_EQ(midpoint[0][i], (hi + lo) / 2);
      EXPECT_DOUBLE_EQ(midprice[0][i], (hh + ll) / 2);
    }
  }
}

}  // namespace
}  // namespace pulse::indicators
