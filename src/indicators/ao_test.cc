#include "indicators/ao.h"

#include <cmath>
#include <vector>

#include <gtest/gtest.h>

#include "indicators/registry.h"
#include "indicators/test_series.h"

namespace pulse::indicators {
namespace {

double MedianMean(const std::vector<Bar>& bars, int t, int n) {
  double sum = 0;
  for (int i = t - n + 1; i <= t; ++i) sum += (bars[i].high + bars[i].low) / 2;
  return sum / n;
}

TEST(Ao, MatchesBruteForceOnRealAndRandomSeries) {
  for (const std::vector<Bar>& bars : {testing::ReferenceBars(), testing::BtcFiveMinuteBars(1000),
                                       testing::RandomWalkBars(300, 5)}) {
    ASSERT_GT(bars.size(), 100u);
    for (auto [fast, slow] : {std::pair{5, 34}, std::pair{3, 10}, std::pair{10, 3}}) {
      Ao ao(fast, slow);
      const int warm_up = std::max(fast, slow) - 1;
      ASSERT_EQ(ao.WarmUp(), warm_up);
      for (int t = 0; t < static_cast<int>(bars.size()); ++t) {
        ao.Update(bars[t]);
        ASSERT_EQ(ao.Ready(), t >= warm_up);
        if (t < warm_up) continue;
        EXPECT_TRUE(
            testing::Near(ao.Value(), MedianMean(bars, t, fast) - MedianMean(bars, t, slow)))
            << t;
      }
    }
  }
}

// Medians 2, 4, 9: SMA2 = 6.5, SMA3 = 5.
TEST(Ao, HandComputed) {
  Ao ao(2, 3);
  ao.Update(Bar{.high = 3, .low = 1});
  ao.Update(Bar{.high = 5, .low = 3});
  EXPECT_FALSE(ao.Ready());
  ao.Update(Bar{.high = 10, .low = 8});
  ASSERT_TRUE(ao.Ready());
  EXPECT_DOUBLE_EQ(ao.Value(), 1.5);
  EXPECT_EQ(*WarmUpOf("ao"), 33);
}

}  // namespace
}  // namespace pulse::indicators
