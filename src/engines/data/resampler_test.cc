#include "engines/data/resampler.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <tuple>

#include "engines/data/test_candles.h"

namespace pulse::data {
namespace {

// Compares resampled bars with exchange-native bars of the target timeframe over the buckets
// the base series covers completely. Returns the number of bars compared; mismatching bucket
// times go to `mismatches`.
int CompareWithNative(const std::vector<Bar>& resampled, const AggregationStats& stats,
                      const std::vector<Bar>& native, bool skip_native_last,
                      std::set<std::string>* mismatches) {
  std::map<UnixNanos, const Bar*> by_time;
  for (const Bar& b : native) by_time[b.open_time] = &b;
  const std::set<UnixNanos> incomplete(stats.incomplete_bucket_times.begin(),
                                       stats.incomplete_bucket_times.end());
  int compared = 0;
  for (const Bar& bar : resampled) {
    if (incomplete.count(bar.open_time) > 0) continue;
    if (skip_native_last && bar.open_time == native.back().open_time) continue;
    auto it = by_time.find(bar.open_time);
    if (it == by_time.end()) continue;
    ++compared;
    if (!(bar == *it->second)) mismatches->insert(FormatIso8601(bar.open_time));
  }
  return compared;
}

// OctoBot snapshots of Binance spot (one snapshot per symbol, all timeframes fetched together).
// Every pair of timeframes where one divides the other is resampled and compared bar by bar,
// volume included, with exact equality. Exclusions, all checked below to really differ:
//  * the last native bar of each timeframe was still forming when the snapshot was taken, so
//    it is compared with nothing (e.g. BTC 5m->15m 2018-04-28T10:00, 1d->3d 2018-04-26 differ
//    only because the 15m and 3d bars were fetched earlier than their 5m/1d parts);
//  * ADA/USDT 1m 2020-04-24T21:18 opens at 0.04235 while Binance's own 3m bar opens at 0.04236,
//    and ADA/BTC 1m 2020-04-28T21:30 opens at 6.07e-06 while the native 3m, 5m and 15m bars
//    all open at 6.06e-06: the exchange's 1m open disagrees with its higher timeframes there.
TEST(ResamplerTest, MatchesBinanceNativeBarsInOctobotSnapshots) {
  const std::string shared = testing::SharedDataDir();
  if (shared.empty()) GTEST_SKIP() << "PULSE_SHARED_DATA not set";
  const std::vector<std::string> names = {"1m", "3m", "5m",  "15m", "30m", "1h", "2h", "4h",
                                          "6h", "8h", "12h", "1d",  "3d",  "1w", "1M"};
  using Key = std::tuple<std::string, std::string, std::string>;  // symbol, from, to
  const std::map<Key, std::set<std::string>> known_anomalies = {
      {{"ADA_USDT", "1m", "3m"}, {"2020-04-24T21:18:00Z"}},
      {{"ADA_BTC", "1m", "3m"}, {"2020-04-28T21:30:00Z"}},
      {{"ADA_BTC", "1m", "5m"}, {"2020-04-28T21:30:00Z"}},
      {{"ADA_BTC", "1m", "15m"}, {"2020-04-28T21:30:00Z"}},
  };
  std::map<Key, int> compared_counts;
  for (const std::string symbol : {"BTC_USDT", "ADA_USDT", "ADA_BTC"}) {
    std::map<std::string, std::vector<Bar>> series;
    for (const std::string& name : names) {
      std::vector<Bar> bars =
          testing::LoadCsvCandles(shared + "/candles/octobot/" + symbol + "_" + name + ".csv");
      if (!bars.empty()) series[name] = std::move(bars);
    }
    ASSERT_GE(series.size(), 14u) << symbol;
    for (const auto& [from_name, from_bars] : series) {
      for (const auto& [to_name, to_bars] : series) {
        const Timeframe from = *Timeframe::Parse(from_name);
        const Timeframe to = *Timeframe::Parse(to_name);
        if (from == to || !from.Divides(to)) continue;
        AggregationStats stats;
        Result<std::vector<Bar>> out = Resample(from_bars, from, to, {}, &stats);
        ASSERT_TRUE(out.ok()) << symbol << " " << from_name << "->" << to_name << ": "
                              << out.status();
        std::set<std::string> mismatches;
        const int compared = CompareWithNative(*out, stats, to_bars, true, &mismatches);
        const Key key{symbol, from_name, to_name};
        compared_counts[key] = compared;
        auto known = known_anomalies.find(key);
        EXPECT_EQ(mismatches,
                  known == known_anomalies.end() ? std::set<std::string>{} : known->second)
            << symbol << " " << from_name << "->" << to_name;
      }
    }
  }
  // The pairs named in the design, with the number of bars each comparison covers.
  EXPECT_EQ((compared_counts[{"BTC_USDT", "1m", "5m"}]), 99);
  EXPECT_EQ((compared_counts[{"BTC_USDT", "5m", "15m"}]), 165);
  EXPECT_EQ((compared_counts[{"BTC_USDT", "1h", "4h"}]), 124);
  EXPECT_EQ((compared_counts[{"BTC_USDT", "1d", "3d"}]), 84);
  EXPECT_EQ((compared_counts[{"BTC_USDT", "1d", "1w"}]), 35);
  EXPECT_EQ((compared_counts[{"ADA_USDT", "1d", "3d"}]), 166);
  EXPECT_EQ((compared_counts[{"ADA_USDT", "1d", "1w"}]), 70);
  int total = 0;
  for (const auto& [key, n] : compared_counts) total += n;
  EXPECT_EQ(total, 14078);  // 1M and 3d/1w targets included
}

// BTC 1m has one gap (bars missing inside a 5m bucket): that bucket is still produced, as
// Binance produces it, and reported as incomplete.
TEST(ResamplerTest, OctobotOneMinuteGapIsReported) {
  const std::string shared = testing::SharedDataDir();
  if (shared.empty()) GTEST_SKIP() << "PULSE_SHARED_DATA not set";
  const std::vector<Bar> m1 = testing::LoadCsvCandles(shared + "/candles/octobot/BTC_USDT_1m.csv");
  ASSERT_EQ(m1.size(), 502u);
  AggregationStats stats;
  Result<std::vector<Bar>> m5 =
      Resample(m1, Timeframe::Minutes(1), Timeframe::Minutes(5), {}, &stats);
  ASSERT_TRUE(m5.ok());
  EXPECT_EQ(stats.dropped_first, 1);  // starts at 01:52
  EXPECT_EQ(stats.dropped_last, 0);   // ends with 10:14, the last minute of 10:10-10:15
  EXPECT_GE(stats.incomplete_buckets, 1);
  EXPECT_EQ(static_cast<std::size_t>(stats.output_bars), m5->size());
}

// Binance 5m -> 1h over Dec 2020 - Jul 2021 (bundled gzip samples): every hour with all twelve
// 5m bars equals the native 1h bar. Known exception: in three hours the native 1h volume is
// larger than the sum of its 5m volumes (2021-04-22T02:00, 2021-04-23T01:00 and 02:00, all
// three pairs alike); prices match there too.
TEST(ResamplerTest, BinanceFiveMinuteToHourMatchesNativeHours) {
  const std::string source = testing::EnvDir("PULSE_SOURCE_DIR");
  if (source.empty()) GTEST_SKIP() << "PULSE_SOURCE_DIR not set";
  const std::set<std::string> volume_anomalies = {"2021-04-22T02:00:00Z", "2021-04-23T01:00:00Z",
                                                  "2021-04-23T02:00:00Z"};
  for (const std::string symbol : {"BTCUSDT", "ETHUSDT", "SOLUSDT"}) {
    const std::vector<Bar> m5 =
        testing::LoadCsvCandles(source + "/data/sample/" + symbol + "-5m.csv.gz");
    const std::vector<Bar> h1 =
        testing::LoadCsvCandles(source + "/data/sample/" + symbol + "-1h.csv.gz");
    ASSERT_FALSE(m5.empty());
    AggregationStats stats;
    Result<std::vector<Bar>> out =
        Resample(m5, Timeframe::Minutes(5), Timeframe::Hours(1), {}, &stats);
    ASSERT_TRUE(out.ok()) << out.status();
    // 5493 hours from 2020-12-01 00:00 to 2021-07-17 20:00 minus the 11 with no 5m bar (the
    // native 1h series lacks the same 11); 6 hours are partly covered (edges of the outages).
    EXPECT_EQ(out->size(), 5482u) << symbol;
    EXPECT_EQ(stats.incomplete_buckets, 6) << symbol;
    EXPECT_EQ(stats.dropped_last, 1) << symbol;  // 21:00 hour ends at 21:05..21:20
    std::set<std::string> mismatches;
    const int compared = CompareWithNative(*out, stats, h1, false, &mismatches);
    EXPECT_EQ(compared, 5476) << symbol;
    EXPECT_EQ(mismatches, volume_anomalies) << symbol;
  }
}

}  // namespace
}  // namespace pulse::data
