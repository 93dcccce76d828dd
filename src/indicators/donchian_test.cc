#include "indicators/donchian.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include <gtest/gtest.h>

#include "indicators/test_series.h"

namespace pulse::indicators {
namespace {

TEST(Donchian, MatchesBruteForce) {
  for (const std::vector<Bar>& bars : {testing::ReferenceBars(), testing::BtcFiveMinuteBars(2000),
                                       testing::RandomWalkBars(400, 19)}) {
    ASSERT_GT(bars.size(), 100u);
    for (int n : {1, 2, 20, 55}) {
      Donchian dc(n);
      ASSERT_EQ(dc.WarmUp(), n - 1);
      for (int t = 0; t < static_cast<int>(bars.size()); ++t) {
        dc.Update(bars[t]);
        ASSERT_EQ(dc.Ready(), t >= n - 1);
        if (t < n - 1) {
          EXPECT_TRUE(std::isnan(dc.Value(0)));
          continue;
        }
        double hi = bars[t].high, lo = bars[t].low;
        for (int i = t - n + 1; i <= t; ++i) {
          hi = std::max(hi, bars[i].high);
          lo = std::min(lo, bars[i].low);
        }
        EXPECT_EQ(dc.Value(0), hi) << t;
        EXPECT_EQ(dc.Value(1), (hi + lo) / 2) << t;
        EXPECT_EQ(dc.Value(2), lo) << t;
      }
    }
  }
}

TEST(Donchian, HandComputed) {
  Donchian dc(2);
  dc.Update(Bar{.high = 10, .low = 5});
  EXPECT_FALSE(dc.Ready());
  dc.Update(Bar{.high = 8, .low = 6});
  EXPECT_EQ(dc.Value(0), 10);
  EXPECT_EQ(dc.Value(1), 7.5);
  EXPECT_EQ(dc.Value(2), 5);
  dc.Update(Bar{.high = 9, .low = 7});  // the 10/5 bar left the window
  EXPECT_EQ(dc.Value(0), 9);
  EXPECT_EQ(dc.Value(2), 6);
}

}  // namespace
}  // namespace pulse::indicators
