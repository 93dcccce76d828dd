#include "indicators/vwap.h"

#include <cmath>
#include <vector>

#include <gtest/gtest.h>

#include "core/time.h"
#include "indicators/registry.h"
#include "indicators/test_series.h"

namespace pulse::indicators {
namespace {

// VWAP at t from scratch: walk back over the bars of the same UTC day (per the calendar, not
// arithmetic on the timestamp) or the same UTC hour when `hourly`.
double VwapAt(const std::vector<Bar>& bars, int t, bool hourly) {
  auto key = [&](int i) {
    const CivilTime c = ToCivil(bars[i].open_time);
    return std::tuple{c.year, c.month, c.day, hourly ? c.hour : 0};
  };
  double pv = 0, v = 0;
  for (int i = t; i >= 0 && key(i) == key(t); --i) {
    const double typical = (bars[i].high + bars[i].low + bars[i].close) / 3;
    pv += typical * bars[i].volume;
    v += bars[i].volume;
  }
  return v != 0 ? pv / v : (bars[t].high + bars[t].low + bars[t].close) / 3;
}

void CheckAgainstBruteForce(const std::vector<Bar>& bars, bool hourly) {
  Vwap vwap(hourly ? 60 : 1440);
  ASSERT_EQ(vwap.WarmUp(), 0);
  for (int t = 0; t < static_cast<int>(bars.size()); ++t) {
    vwap.Update(bars[t]);
    ASSERT_TRUE(vwap.Ready());
    EXPECT_TRUE(testing::Near(vwap.Value(), VwapAt(bars, t, hourly))) << t;
  }
}

TEST(Vwap, MatchesBruteForceOnRealFiveMinuteBars) {
  const std::vector<Bar> btc = testing::BtcFiveMinuteBars(3000);  // about 10 days
  ASSERT_EQ(btc.size(), 3000u);
  CheckAgainstBruteForce(btc, false);
  CheckAgainstBruteForce(btc, true);
}

TEST(Vwap, MatchesBruteForceOnRandomWalkWithZeroVolumeAndPre1970Bars) {
  // Starts 1969-12-30 21:10 UTC, so sessions before and after the epoch are crossed.
  const std::vector<Bar> walk = testing::RandomWalkBars(
      1500, 29, -(2 * kNanosPerDay + 2 * kNanosPerHour + 50 * kNanosPerMinute), 4);
  CheckAgainstBruteForce(walk, false);
  CheckAgainstBruteForce(walk, true);
}

// Cutting the series at t leaves the value at t unchanged (no look-ahead).
TEST(Vwap, ValueAtTDoesNotDependOnLaterBars) {
  auto ind = CreateIndicator("vwap");
  ASSERT_TRUE(ind.ok());
  const std::vector<Bar> btc = testing::BtcFiveMinuteBars(700);
  const auto full = RunBatch(**ind, btc);
  for (size_t t : {0u, 1u, 100u, 287u, 288u, 450u, 699u}) {
    const auto cut = RunBatch(**ind, std::span<const Bar>(btc.data(), t + 1));
    EXPECT_EQ(cut[0][t], full[0][t]) << t;
  }
}

TEST(Vwap, HandComputedSessionsAndZeroVolume) {
  Vwap vwap(1440);
  const UnixNanos day = kNanosPerDay;
  // Typical prices 10 (volume 1) and 20 (volume 3) on day 0: (10 + 60) / 4.
  vwap.Update(Bar{.open_time = 0, .high = 11, .low = 9, .close = 10, .volume = 1});
  EXPECT_DOUBLE_EQ(vwap.Value(), 10);
  vwap.Update(Bar{.open_time = day - 1, .high = 21, .low = 19, .close = 20, .volume = 3});
  EXPECT_DOUBLE_EQ(vwap.Value(), 17.5);
  // Day 1 starts over; no volume yet: the bar's typical price.
  vwap.Update(Bar{.open_time = day, .high = 33, .low = 27, .close = 30, .volume = 0});
  EXPECT_DOUBLE_EQ(vwap.Value(), 30);
  vwap.Update(Bar{.open_time = day + 1, .high = 42, .low = 39, .close = 39, .volume = 2});
  EXPECT_DOUBLE_EQ(vwap.Value(), 40);
  // One nanosecond before the epoch is the previous UTC day.
  vwap.Reset();
  EXPECT_FALSE(vwap.Ready());
  vwap.Update(Bar{.open_time = -1, .high = 1, .low = 1, .close = 1, .volume = 1});
  vwap.Update(Bar{.open_time = 0, .high = 3, .low = 3, .close = 3, .volume = 1});
  EXPECT_DOUBLE_EQ(vwap.Value(), 3);
}

}  // namespace
}  // namespace pulse::indicators
