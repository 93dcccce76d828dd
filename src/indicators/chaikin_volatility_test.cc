#include "indicators/chaikin_volatility.h"

#include <cmath>
#include <vector>

#include <gtest/gtest.h>

#include "indicators/registry.h"
#include "indicators/test_series.h"

namespace pulse::indicators {
namespace {

// EMA of high - low seeded with bar 0's range, recomputed from bar 0 up to `t`.
double RangeEma(const std::vector<Bar>& bars, int t, int n) {
  const double k = 2.0 / (n + 1);
  double ema = bars[0].high - bars[0].low;
  for (int i = 1; i <= t; ++i) ema += k * ((bars[i].high - bars[i].low) - ema);
  return ema;
}

TEST(ChaikinVolatility, MatchesBruteForce) {
  for (const std::vector<Bar>& bars : {testing::ReferenceBars(), testing::BtcFiveMinuteBars(1500),
                                       testing::RandomWalkBars(400, 13)}) {
    ASSERT_GT(bars.size(), 100u);
    for (int n : {1, 5, 10}) {
      ChaikinVolatility cv(n);
      const int warm_up = 2 * n - 1;
      ASSERT_EQ(cv.WarmUp(), warm_up);
      for (int t = 0; t < static_cast<int>(bars.size()); ++t) {
        cv.Update(bars[t]);
        ASSERT_EQ(cv.Ready(), t >= warm_up);
        if (t < warm_up) continue;
        const double now = RangeEma(bars, t, n);
        const double then = RangeEma(bars, t - n, n);
        EXPECT_TRUE(testing::Near(cv.Value(), then == 0 ? 0.0 : (now - then) / then * 100))
            << "n " << n << " bar " << t;
      }
    }
  }
}

// Period 1: k = 1, the EMA is the range itself; ranges 2 then 3 give +50 %, then 3 -> 1.5 -50 %.
TEST(ChaikinVolatility, HandComputed) {
  ChaikinVolatility cv(1);
  cv.Update(Bar{.high = 12, .low = 10});
  EXPECT_FALSE(cv.Ready());
  cv.Update(Bar{.high = 13, .low = 10});
  EXPECT_DOUBLE_EQ(cv.Value(), 50.0);
  cv.Update(Bar{.high = 11.5, .low = 10});
  EXPECT_DOUBLE_EQ(cv.Value(), -50.0);
  // A constant range has zero volatility change; flat bars (range 0) give 0, not NaN.
  ChaikinVolatility flat(3);
  for (int i = 0; i < 10; ++i) flat.Update(Bar{.high = 5, .low = 5});
  EXPECT_EQ(flat.Value(), 0.0);
  EXPECT_EQ(*WarmUpOf("chaikin_volatility"), 19);
}

}  // namespace
}  // namespace pulse::indicators
