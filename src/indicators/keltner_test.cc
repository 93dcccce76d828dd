#include "indicators/keltner.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include <gtest/gtest.h>

#include "indicators/registry.h"
#include "indicators/test_series.h"

namespace pulse::indicators {
namespace {

// SMA-seeded EMA of the closes 0..t.
double CloseEma(const std::vector<Bar>& bars, int t, int n) {
  double ema = 0;
  for (int i = 0; i < n; ++i) ema += bars[i].close;
  ema /= n;
  for (int i = n; i <= t; ++i) ema += 2.0 / (n + 1) * (bars[i].close - ema);
  return ema;
}

// Wilder ATR at t: mean of the true ranges of bars 1..n, then (atr (n - 1) + tr) / n.
double WilderAtr(const std::vector<Bar>& bars, int t, int n) {
  auto tr = [&](int i) {
    return std::max({bars[i].high - bars[i].low, std::fabs(bars[i].high - bars[i - 1].close),
                     std::fabs(bars[i].low - bars[i - 1].close)});
  };
  double atr = 0;
  for (int i = 1; i <= n; ++i) atr += tr(i);
  atr /= n;
  for (int i = n + 1; i <= t; ++i) atr = (atr * (n - 1) + tr(i)) / n;
  return atr;
}

TEST(Keltner, MatchesBruteForce) {
  for (const std::vector<Bar>& bars : {testing::ReferenceBars(), testing::BtcFiveMinuteBars(800),
                                       testing::RandomWalkBars(300, 23)}) {
    ASSERT_GT(bars.size(), 100u);
    for (auto [n, mult, atr_n] : {std::tuple{20, 2.0, 10}, std::tuple{5, 1.5, 14}}) {
      Keltner kc(n, mult, atr_n);
      const int warm_up = std::max(n - 1, atr_n);
      ASSERT_EQ(kc.WarmUp(), warm_up);
      for (int t = 0; t < static_cast<int>(bars.size()); ++t) {
        kc.Update(bars[t]);
        ASSERT_EQ(kc.Ready(), t >= warm_up);
        if (t < warm_up) continue;
        const double mid = CloseEma(bars, t, n);
        const double atr = WilderAtr(bars, t, atr_n);
        EXPECT_TRUE(testing::Near(kc.Value(0), mid + mult * atr)) << t;
        EXPECT_TRUE(testing::Near(kc.Value(1), mid)) << t;
        EXPECT_TRUE(testing::Near(kc.Value(2), mid - mult * atr)) << t;
      }
    }
  }
}

// EMA 2 and ATR 1 (the true range), multiplier 2. Closes 10, 12, 11: EMA seed 11 at bar 1, then
// 11 + 2/3 (11 - 11) = 11; bar 2's true range max(3, |13 - 12|, |10 - 12|) = 3.
TEST(Keltner, HandComputed) {
  Keltner kc(2, 2, 1);
  kc.Update(Bar{.high = 10, .low = 10, .close = 10});
  EXPECT_FALSE(kc.Ready());
  kc.Update(Bar{.high = 12, .low = 11, .close = 12});
  ASSERT_TRUE(kc.Ready());  // EMA 11, TR max(1, |12 - 10|, |11 - 10|) = 2
  EXPECT_DOUBLE_EQ(kc.Value(0), 15);
  EXPECT_DOUBLE_EQ(kc.Value(2), 7);
  kc.Update(Bar{.high = 13, .low = 10, .close = 11});
  EXPECT_DOUBLE_EQ(kc.Value(1), 11);
  EXPECT_DOUBLE_EQ(kc.Value(0), 17);
  EXPECT_DOUBLE_EQ(kc.Value(2), 5);
  EXPECT_EQ(*WarmUpOf("keltner"), 19);
}

}  // namespace
}  // namespace pulse::indicators
