#include "indicators/accbands.h"

#include <cmath>
#include <vector>

#include <gtest/gtest.h>

#include "indicators/random_bars_test_util.h"

namespace pulse::indicators {
namespace {

TEST(IndicatorsAccBands, HandComputedSingleBar) {
  AccBands bands(2);
  Bar b;
  b.high = 12;
  b.low = 8;
  b.close = 10;
  bands.Update(b);
  EXPECT_FALSE(bands.Ready());
  bands.Update(b);
  // r = 4 * 4 / 20 = 0.8: upper 12 * 1.8, lower 8 * 0.2.
  EXPECT_NEAR(bands.Value(0), 21.6, 1e-12);
  EXPECT_NEAR(bands.Value(1), 10, 1e-12);
  EXPECT_NEAR(bands.Value(2), 1.6, 1e-12);
}

TEST(IndicatorsAccBands, MatchesBruteForce) {
  const auto bars = testing::RandomBars(300, 53);
  const int n = 20;
  AccBands bands(n);
  const auto out = RunBatch(bands, bars);
  for (size_t i = n - 1; i < bars.size(); ++i) {
    double up = 0, mid = 0, lo = 0;
    for (size_t j = i + 1 - n; j <= i; ++j) {
      const double r = 4 * (bars[j].high - bars[j].low) / (bars[j].high + bars[j].low);
      up += bars[j].high * (1 + r) / n;
      mid += bars[j].close / n;
      lo += bars[j].low * (1 - r) / n;
    }
    EXPECT_NEAR(out[0][i], up, 1e-9);
    EXPECT_NEAR(out[1][i], mid, 1e-9);
    EXPECT_NEAR(out[2][i], lo, 1e-9);
  }
  EXPECT_TRUE(std::isnan(out[0][n - 2]));
}

}  // namespace
}  // namespace pulse::indicators
