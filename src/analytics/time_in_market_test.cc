#include "analytics/time_in_market.h"

#include <algorithm>
#include <random>
#include <vector>

#include <gtest/gtest.h>

namespace pulse::analytics {
namespace {

constexpr UnixNanos kMinute = kNanosPerMinute;

TradeRecord Held(UnixNanos entry_minute, UnixNanos exit_minute) {
  TradeRecord t;
  t.entry_time = entry_minute * kMinute;
  t.exit_time = exit_minute * kMinute;
  return t;
}

TEST(TimeInMarketTest, OverlapsCountOnceAndSpansAreClippedToThePeriod) {
  // Period 0..100 min: 10-30 and 20-40 overlap (30 min), 90-130 is clipped to 90-100 (10 min),
  // -20..-5 lies before it.
  const std::vector<TradeRecord> trades = {Held(20, 40), Held(10, 30), Held(90, 130),
                                           Held(-20, -5)};
  EXPECT_DOUBLE_EQ(TimeInMarket(trades, 0, 100 * kMinute), 0.4);
  // A trade spanning the whole period.
  EXPECT_DOUBLE_EQ(TimeInMarket(std::vector<TradeRecord>{Held(-5, 200)}, 0, 100 * kMinute), 1.0);
  // A position still open at the end covers the period from its entry on.
  const std::vector<UnixNanos> open_since = {35 * kMinute};
  EXPECT_DOUBLE_EQ(TimeInMarket(trades, 0, 100 * kMinute, open_since), 0.9);  // 10..100
  // No trades, or an empty period.
  EXPECT_EQ(TimeInMarket({}, 0, 100 * kMinute), 0);
  EXPECT_EQ(TimeInMarket(trades, 100 * kMinute, 100 * kMinute), 0);
}

TEST(TimeInMarketTest, MatchesTheMinutesWithATradeOpen) {
  // Against the definition on whole minutes: a minute [m, m + 1) is in the market when some
  // trade's [entry, exit] covers it.
  std::mt19937_64 rng(5);
  std::uniform_int_distribution<int> start(-50, 1000), length(0, 120), count(0, 30);
  for (int round = 0; round < 50; ++round) {
    std::vector<TradeRecord> trades;
    std::vector<UnixNanos> still_open;    // positions open at the end, by entry time
    std::vector<bool> open(1000, false);  // the period is minutes 0..1000
    for (int i = count(rng); i > 0; --i) {
      const int entry = start(rng), exit = entry + length(rng);
      trades.push_back(Held(entry, exit));
      for (int m = std::max(entry, 0); m < std::min(exit, 1000); ++m) open[m] = true;
    }
    const double closed_minutes = static_cast<double>(std::count(open.begin(), open.end(), true));
    EXPECT_DOUBLE_EQ(TimeInMarket(trades, 0, 1000 * kMinute), closed_minutes / 1000) << round;
    for (int i = count(rng) % 3; i > 0; --i) {
      const int entry = start(rng);
      still_open.push_back(entry * kMinute);
      for (int m = std::max(entry, 0); m < 1000; ++m) open[m] = true;
    }
    const double minutes = static_cast<double>(std::count(open.begin(), open.end(), true));
    EXPECT_DOUBLE_EQ(TimeInMarket(trades, 0, 1000 * kMinute, still_open), minutes / 1000) << round;
  }
}

}  // namespace
}  // namespace pulse::analytics
