#include "indicators/vwma.h"

#include <cmath>
#include <vector>

#include <gtest/gtest.h>

#include "indicators/test_series.h"

namespace pulse::indicators {
namespace {

// sum(close * volume) / sum(volume) of the window ending at t; mean close when no volume.
double VwmaAt(const std::vector<Bar>& bars, int t, int n) {
  double pv = 0, v = 0, c = 0;
  for (int i = t - n + 1; i <= t; ++i) {
    pv += bars[i].close * bars[i].volume;
    v += bars[i].volume;
    c += bars[i].close;
  }
  return v != 0 ? pv / v : c / n;
}

void CheckAgainstBruteForce(const std::vector<Bar>& bars, int n) {
  Vwma vwma(n);
  for (int t = 0; t < static_cast<int>(bars.size()); ++t) {
    vwma.Update(bars[t]);
    ASSERT_EQ(vwma.Ready(), t >= n - 1);
    if (t >= n - 1) {
      EXPECT_TRUE(testing::Near(vwma.Value(), VwmaAt(bars, t, n))) << "n " << n << " bar " << t;
    } else {
      EXPECT_TRUE(std::isnan(vwma.Value()));
    }
  }
}

TEST(Vwma, MatchesBruteForceOnRealAndRandomSeries) {
  const std::vector<Bar> real = testing::ReferenceBars();
  ASSERT_EQ(real.size(), 252u);
  const std::vector<Bar> btc = testing::BtcFiveMinuteBars(2000);
  ASSERT_EQ(btc.size(), 2000u);
  const std::vector<Bar> walk = testing::RandomWalkBars(500, 11, 0, 7);
  for (int n : {1, 2, 5, 20, 50}) {
    CheckAgainstBruteForce(real, n);
    CheckAgainstBruteForce(btc, n);
    CheckAgainstBruteForce(walk, n);
  }
}

TEST(Vwma, HandComputedAndZeroVolume) {
  Vwma vwma(2);
  vwma.Update(Bar{.close = 10, .volume = 1});
  EXPECT_FALSE(vwma.Ready());
  vwma.Update(Bar{.close = 20, .volume = 3});
  EXPECT_DOUBLE_EQ(vwma.Value(), (10.0 * 1 + 20.0 * 3) / 4);  // 17.5
  vwma.Update(Bar{.close = 30, .volume = 0});
  EXPECT_DOUBLE_EQ(vwma.Value(), 20.0);  // only the 20 carries volume
  vwma.Update(Bar{.close = 40, .volume = 0});
  EXPECT_DOUBLE_EQ(vwma.Value(), 35.0);  // no volume at all: mean close
  vwma.Reset();
  EXPECT_FALSE(vwma.Ready());
  vwma.Update(Bar{.close = 1, .volume = 1});
  vwma.Update(Bar{.close = 3, .volume = 1});
  EXPECT_DOUBLE_EQ(vwma.Value(), 2.0);
}

}  // namespace
}  // namespace pulse::indicators
