#include "indicators/imi.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include <gtest/gtest.h>

#include "indicators/random_bars_test_util.h"

namespace pulse::indicators {
namespace {

Bar OpenClose(double open, double close) {
  Bar b;
  b.open = open;
  b.close = close;
  b.high = std::max(open, close);
  b.low = std::min(open, close);
  return b;
}

TEST(IndicatorsImi, HandComputed) {
  Imi imi(3);
  imi.Update(OpenClose(10, 13));  // up 3
  imi.Update(OpenClose(13, 12));  // down 1
  EXPECT_FALSE(imi.Ready());
  imi.Update(OpenClose(12, 12));  // nothing
  EXPECT_NEAR(imi.Value(), 75, 1e-12);
  imi.Update(OpenClose(12, 10));  // down 2; the first bar leaves
  EXPECT_NEAR(imi.Value(), 0, 1e-12);
}

TEST(IndicatorsImi, FlatWindowGivesZeroNotNan) {
  Imi imi(2);
  imi.Update(OpenClose(5, 5));
  imi.Update(OpenClose(5, 5));
  EXPECT_EQ(imi.Value(), 0.0);
}

TEST(IndicatorsImi, MatchesBruteForce) {
  const auto bars = testing::RandomBars(500, 59);
  for (int n : {2, 14, 30}) {
    Imi imi(n);
    const auto out = RunBatch(imi, bars);
    for (size_t i = n - 1; i < bars.size(); ++i) {
      double up = 0, down = 0;
      for (size_t j = i + 1 - n; j <= i; ++j) {
        const double move = bars[j].close - bars[j].open;
        (move > 0 ? up : down) += std::fabs(move);
      }
      const double want = up + down > 0 ? 100 * up / (up + down) : 0.0;
      EXPECT_NEAR(out[0][i], want, 1e-9) << n << " bar " << i;
    }
  }
}

}  // namespace
}  // namespace pulse::indicators
