#include "indicators/ichimoku.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include <gtest/gtest.h>

#include "indicators/registry.h"
#include "indicators/test_series.h"

namespace pulse::indicators {
namespace {

// (highest high + lowest low) / 2 of the n bars ending at t.
double Mid(const std::vector<Bar>& bars, int t, int n) {
  double hi = bars[t].high, lo = bars[t].low;
  for (int i = t - n + 1; i <= t; ++i) {
    hi = std::max(hi, bars[i].high);
    lo = std::min(lo, bars[i].low);
  }
  return (hi + lo) / 2;
}

void CheckAgainstBruteForce(const std::vector<Bar>& bars, int conv, int base, int span_b,
                            int disp) {
  Ichimoku ich(conv, base, span_b, disp);
  const int warm_up = std::max({conv, base, span_b}) - 1 + disp;
  ASSERT_EQ(ich.WarmUp(), warm_up);
  for (int t = 0; t < static_cast<int>(bars.size()); ++t) {
    ich.Update(bars[t]);
    ASSERT_EQ(ich.Ready(), t >= warm_up) << t;
    if (t < warm_up) {
      for (int k = 0; k < 6; ++k) EXPECT_TRUE(std::isnan(ich.Value(k)));
      continue;
    }
    const int past = t - disp;
    EXPECT_EQ(ich.Value(0), Mid(bars, t, conv)) << t;
    EXPECT_EQ(ich.Value(1), Mid(bars, t, base)) << t;
    EXPECT_EQ(ich.Value(2), (Mid(bars, past, conv) + Mid(bars, past, base)) / 2) << t;
    EXPECT_EQ(ich.Value(3), Mid(bars, past, span_b)) << t;
    EXPECT_EQ(ich.Value(4), bars[t].close) << t;
    EXPECT_EQ(ich.Value(5), bars[t].close - bars[past].close) << t;
  }
}

TEST(Ichimoku, MatchesBruteForce) {
  for (const std::vector<Bar>& bars : {testing::ReferenceBars(), testing::BtcFiveMinuteBars(1500),
                                       testing::RandomWalkBars(400, 31)}) {
    ASSERT_GT(bars.size(), 200u);
    CheckAgainstBruteForce(bars, 9, 26, 52, 26);
    CheckAgainstBruteForce(bars, 9, 26, 52, 25);
    CheckAgainstBruteForce(bars, 20, 60, 120, 30);
    CheckAgainstBruteForce(bars, 9, 9, 9, 0);
  }
}

// Cutting the series at t leaves every output at t unchanged: nothing looks ahead.
TEST(Ichimoku, ValuesAtTDoNotDependOnLaterBars) {
  auto ind = CreateIndicator("ichimoku");
  ASSERT_TRUE(ind.ok());
  EXPECT_EQ((*ind)->WarmUp(), 77);
  const std::vector<Bar> bars = testing::ReferenceBars();
  const auto full = RunBatch(**ind, bars);
  for (size_t t : {76u, 77u, 78u, 100u, 150u, 251u}) {
    const auto cut = RunBatch(**ind, std::span<const Bar>(bars.data(), t + 1));
    for (int k = 0; k < 6; ++k) {
      if (std::isnan(full[k][t])) {
        EXPECT_TRUE(std::isnan(cut[k][t])) << t;
      } else {
        EXPECT_EQ(cut[k][t], full[k][t]) << "bar " << t << " output " << k;
      }
    }
  }
}

// Periods 2, 3, 4, displacement 2: warm-up 5. At bar 5: tenkan = mid(bars 4..5) = (15 + 11) / 2,
// kijun = mid(3..5) = (15 + 10) / 2; at bar 3: tenkan = mid(2..3) = (14 + 7) / 2 = 10.5,
// kijun = mid(1..3) = 10.5, span B = mid(0..3) = (14 + 6) / 2 = 10.
TEST(Ichimoku, HandComputed) {
  Ichimoku ich(2, 3, 4, 2);
  const std::vector<Bar> bars = {
      {.high = 10, .low = 6, .close = 9},   {.high = 12, .low = 9, .close = 11},
      {.high = 11, .low = 7, .close = 8},   {.high = 14, .low = 10, .close = 13},
      {.high = 13, .low = 11, .close = 12}, {.high = 15, .low = 12, .close = 14},
  };
  for (const Bar& b : bars) ich.Update(b);
  ASSERT_TRUE(ich.Ready());
  EXPECT_EQ(ich.Value(0), 13);
  EXPECT_EQ(ich.Value(1), 12.5);
  EXPECT_EQ(ich.Value(2), 10.5);
  EXPECT_EQ(ich.Value(3), 10);
  EXPECT_EQ(ich.Value(4), 14);
  EXPECT_EQ(ich.Value(5), 1);  // 14 - close of bar 3
}

}  // namespace
}  // namespace pulse::indicators
