#include "indicators/supertrend.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include <gtest/gtest.h>

#include "indicators/registry.h"
#include "indicators/test_series.h"

namespace pulse::indicators {
namespace {

struct Expected {
  std::vector<double> value, direction;
};

// Whole-series recomputation: ATR from its definition at every bar, then the band ratchet.
Expected BruteForce(const std::vector<Bar>& bars, int n, double mult) {
  const int size = static_cast<int>(bars.size());
  auto tr = [&](int i) {
    return std::max({bars[i].high - bars[i].low, std::fabs(bars[i].high - bars[i - 1].close),
                     std::fabs(bars[i].low - bars[i - 1].close)});
  };
  auto atr_at = [&](int t) {
    double atr = 0;
    for (int i = 1; i <= n; ++i) atr += tr(i);
    atr /= n;
    for (int i = n + 1; i <= t; ++i) atr = (atr * (n - 1) + tr(i)) / n;
    return atr;
  };
  Expected e{std::vector<double>(size, NAN), std::vector<double>(size, NAN)};
  double upper = 0, lower = 0;
  int dir = -1;
  for (int t = n; t < size; ++t) {
    const double mid = (bars[t].high + bars[t].low) / 2;
    const double bu = mid + mult * atr_at(t), bl = mid - mult * atr_at(t);
    if (t == n) {
      upper = bu;
      lower = bl;
    } else {
      const double prev_close = bars[t - 1].close;
      upper = (bu < upper || prev_close > upper) ? bu : upper;
      lower = (bl > lower || prev_close < lower) ? bl : lower;
      if (dir == -1 && bars[t].close > upper)
        dir = 1;
      else if (dir == 1 && bars[t].close < lower)
        dir = -1;
    }
    e.value[t] = dir == 1 ? lower : upper;
    e.direction[t] = dir;
  }
  return e;
}

TEST(Supertrend, MatchesBruteForce) {
  for (const std::vector<Bar>& bars : {testing::ReferenceBars(), testing::BtcFiveMinuteBars(600),
                                       testing::RandomWalkBars(300, 37)}) {
    ASSERT_GT(bars.size(), 200u);
    for (auto [n, mult] : {std::pair{10, 3.0}, std::pair{7, 1.5}, std::pair{1, 1.0}}) {
      const Expected e = BruteForce(bars, n, mult);
      Supertrend st(n, mult);
      ASSERT_EQ(st.WarmUp(), n);
      int flips = 0;
      for (int t = 0; t < static_cast<int>(bars.size()); ++t) {
        st.Update(bars[t]);
        ASSERT_EQ(st.Ready(), t >= n);
        if (t < n) continue;
        EXPECT_TRUE(testing::Near(st.Value(0), e.value[t])) << t;
        EXPECT_EQ(st.Value(1), e.direction[t]) << t;
        if (t > n && e.direction[t] != e.direction[t - 1]) ++flips;
      }
      EXPECT_GT(flips, 2) << "the series should exercise both directions";
    }
  }
}

// ATR 1 (the true range), multiplier 1. Bar 1: TR 2, bands 11 / 7, start down at 11. Bar 2:
// TR 4, basic 16 / 8; upper stays 11, lower rises to 8; close 12.5 > 11 turns up: 8. Bar 3:
// TR 2.5, basic 13.5 / 8.5; the previous close was above 11 so upper resets to 13.5, lower 8.5;
// still up: 8.5. Bar 4: TR 3.5, basic 11.5 / 4.5; upper 11.5, lower stays 8.5; close 7.5 < 8.5
// turns down: 11.5.
TEST(Supertrend, HandComputedFlips) {
  Supertrend st(1, 1);
  const std::vector<Bar> bars = {
      {.high = 10, .low = 8, .close = 9},     {.high = 10, .low = 8, .close = 9},
      {.high = 13, .low = 11, .close = 12.5}, {.high = 12, .low = 10, .close = 10.5},
      {.high = 9, .low = 7, .close = 7.5},
  };
  const double want_value[] = {NAN, 11, 8, 8.5, 11.5};
  const double want_dir[] = {NAN, -1, 1, 1, -1};
  for (int t = 0; t < 5; ++t) {
    st.Update(bars[t]);
    if (t == 0) {
      EXPECT_FALSE(st.Ready());
      continue;
    }
    EXPECT_DOUBLE_EQ(st.Value(0), want_value[t]) << t;
    EXPECT_EQ(st.Value(1), want_dir[t]) << t;
  }
  EXPECT_EQ(*WarmUpOf("supertrend"), 10);
}

}  // namespace
}  // namespace pulse::indicators
