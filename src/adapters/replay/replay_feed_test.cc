#include "adapters/replay/replay_feed.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <string>
#include <vector>

#include "adapters/replay/candle_file_reader.h"

namespace pulse::replay {
namespace {

constexpr UnixNanos kT0 = 1'609'459'200'000'000'000;  // 2021-01-01T00:00:00Z

BarKey Key(const char* symbol, Timeframe tf) { return BarKey{"binance", symbol, tf}; }

std::vector<Bar> Series(Timeframe tf, int n, UnixNanos start = kT0) {
  std::vector<Bar> bars;
  for (int i = 0; i < n; ++i) {
    const double p = 100 + i;
    bars.push_back(Bar{start + i * tf.NominalNanos(), p, p + 1, p - 1, p, 1});
  }
  return bars;
}

// What a handler saw: series, open time, close time, clock reading.
struct Seen {
  std::size_t series;
  UnixNanos open;
  UnixNanos close;
  UnixNanos clock;
  bool operator==(const Seen&) const = default;
};

std::vector<Seen> RunAll(ReplayFeed& feed, SimulatedClock& clock) {
  std::vector<Seen> seen;
  Result<ReplaySummary> summary = feed.Run([&](const ReplayEvent& e) {
    seen.push_back(Seen{e.series, e.bar->open_time, e.close_time, clock.Now()});
  });
  EXPECT_TRUE(summary.ok()) << summary.status();
  return seen;
}

TEST(ReplayFeedTest, OrdersByCloseTimeWithRegistrationTieBreak) {
  SimulatedClock clock(0);
  ReplayFeed feed(clock);
  // The 1h bar opening 00:00 closes at 01:00 together with the 5m bar opening 00:55; the 1h
  // series was added first, so it comes first.
  ASSERT_TRUE(
      feed.AddSeries(Key("BTCUSDT", Timeframe::Hours(1)), Series(Timeframe::Hours(1), 2)).ok());
  ASSERT_TRUE(
      feed.AddSeries(Key("BTCUSDT", Timeframe::Minutes(5)), Series(Timeframe::Minutes(5), 24))
          .ok());
  ASSERT_TRUE(
      feed.AddSeries(Key("ETHUSDT", Timeframe::Minutes(5)), Series(Timeframe::Minutes(5), 13))
          .ok());
  EXPECT_EQ(feed.total_events(), 2 + 24 + 13);
  const std::vector<Seen> seen = RunAll(feed, clock);
  ASSERT_EQ(seen.size(), 39u);
  // First: BTC 5m 00:00 and ETH 5m 00:00, both closing 00:05.
  EXPECT_EQ(seen[0], (Seen{1, kT0, kT0 + 5 * kNanosPerMinute, kT0 + 5 * kNanosPerMinute}));
  EXPECT_EQ(seen[1], (Seen{2, kT0, kT0 + 5 * kNanosPerMinute, kT0 + 5 * kNanosPerMinute}));
  // 22 events close before 01:00 (11 per 5m series). At 01:00: the 1h bar, then BTC 5m 00:55, then
  // ETH 5m 00:55.
  const UnixNanos one = kT0 + kNanosPerHour;
  EXPECT_EQ(seen[22], (Seen{0, kT0, one, one}));
  EXPECT_EQ(seen[23], (Seen{1, kT0 + 55 * kNanosPerMinute, one, one}));
  EXPECT_EQ(seen[24], (Seen{2, kT0 + 55 * kNanosPerMinute, one, one}));
  for (std::size_t i = 1; i < seen.size(); ++i) {
    EXPECT_LE(seen[i - 1].close, seen[i].close) << i;
  }
  for (const Seen& s : seen) EXPECT_EQ(s.clock, s.close);  // the clock is at the close
  // At 02:00 (ETH ended at 01:05): the second 1h bar, then the last BTC 5m bar.
  const UnixNanos two = kT0 + 2 * kNanosPerHour;
  EXPECT_EQ(seen[37], (Seen{0, one, two, two}));
  EXPECT_EQ(seen[38], (Seen{1, kT0 + 115 * kNanosPerMinute, two, two}));
  EXPECT_EQ(clock.Now(), kT0 + 2 * kNanosPerHour);
}

TEST(ReplayFeedTest, DeterministicAcrossRuns) {
  auto run = []() {
    SimulatedClock clock(0);
    ReplayFeed feed(clock);
    // Irregular series with holes, several timeframes.
    std::vector<Bar> a = Series(Timeframe::Minutes(1), 500);
    a.erase(a.begin() + 100, a.begin() + 140);
    EXPECT_TRUE(feed.AddSeries(Key("A", Timeframe::Minutes(1)), a).ok());
    EXPECT_TRUE(
        feed.AddSeries(Key("B", Timeframe::Minutes(3)), Series(Timeframe::Minutes(3), 170)).ok());
    EXPECT_TRUE(
        feed.AddSeries(Key("C", Timeframe::Minutes(15)), Series(Timeframe::Minutes(15), 34)).ok());
    return RunAll(feed, clock);
  };
  const std::vector<Seen> first = run();
  EXPECT_EQ(first.size(), 460u + 170u + 34u);
  EXPECT_EQ(first, run());
}

TEST(ReplayFeedTest, CalendarMonthBarsCloseAtNextMonth) {
  SimulatedClock clock(0);
  ReplayFeed feed(clock);
  const UnixNanos feb = *ParseIso8601("2020-02-01");
  ASSERT_TRUE(
      feed.AddSeries(Key("BTCUSDT", Timeframe::Months(1)), {Bar{feb, 1, 2, 0.5, 1, 1}}).ok());
  const std::vector<Seen> seen = RunAll(feed, clock);
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0].close, *ParseIso8601("2020-03-01"));
}

TEST(ReplayFeedTest, PacesAtSpeedThroughInjectedSleep) {
  SimulatedClock clock(0);
  SimulatedClock wall(FromSeconds(1'000'000));
  std::vector<std::int64_t> sleeps;
  ReplayFeed feed(clock);
  ASSERT_TRUE(
      feed.AddSeries(Key("BTCUSDT", Timeframe::Minutes(5)), Series(Timeframe::Minutes(5), 4)).ok());
  // 60x: a 5-minute step takes 5 s of wall time. The handler itself takes 2 s, which the
  // pacing subtracts.
  ASSERT_TRUE(feed.SetSpeed(60, wall,
                            [&](std::int64_t ns) {
                              sleeps.push_back(ns);
                              wall.Advance(ns);
                            })
                  .ok());
  std::vector<UnixNanos> wall_at_event;
  Result<ReplaySummary> summary = feed.Run([&](const ReplayEvent&) {
    wall_at_event.push_back(wall.Now());
    wall.Advance(2 * kNanosPerSecond);
  });
  ASSERT_TRUE(summary.ok());
  const UnixNanos w0 = FromSeconds(1'000'000);
  EXPECT_EQ(wall_at_event, (std::vector<UnixNanos>{w0, w0 + FromSeconds(5), w0 + FromSeconds(10),
                                                   w0 + FromSeconds(15)}));
  std::int64_t slept = 0;
  for (std::int64_t s : sleeps) {
    EXPECT_LE(s, 100 * kNanosPerMilli);  // long waits are sliced so Stop() stays responsive
    slept += s;
  }
  EXPECT_EQ(slept, 3 * FromSeconds(3));
}

TEST(ReplayFeedTest, MaxWaitSkipsLongIdleStretches) {
  SimulatedClock clock(0);
  SimulatedClock wall(0);
  ReplayFeed feed(clock);
  std::vector<Bar> bars = Series(Timeframe::Minutes(1), 3);
  bars.push_back(Bar{kT0 + 10 * kNanosPerHour, 1, 1, 1, 1, 1});  // after a 10-hour outage
  bars.push_back(Bar{kT0 + 10 * kNanosPerHour + kNanosPerMinute, 1, 1, 1, 1, 1});
  ASSERT_TRUE(feed.AddSeries(Key("X", Timeframe::Minutes(1)), bars).ok());
  ASSERT_TRUE(feed.SetSpeed(
                      60, wall, [&](std::int64_t ns) { wall.Advance(ns); }, 2 * kNanosPerSecond)
                  .ok());
  std::vector<UnixNanos> wall_at_event;
  ASSERT_TRUE(feed.Run([&](const ReplayEvent&) { wall_at_event.push_back(wall.Now()); }).ok());
  // 1 s per minute, the outage cut to 2 s, then 1 s again.
  EXPECT_EQ(wall_at_event, (std::vector<UnixNanos>{0, FromSeconds(1), FromSeconds(2),
                                                   FromSeconds(4), FromSeconds(5)}));
}

TEST(ReplayFeedTest, ReportsProgressAndStopsEarly) {
  SimulatedClock clock(0);
  ReplayFeed feed(clock);
  ASSERT_TRUE(
      feed.AddSeries(Key("X", Timeframe::Minutes(1)), Series(Timeframe::Minutes(1), 100)).ok());
  std::vector<ReplayProgress> progress;
  feed.SetProgressHandler(10, [&](const ReplayProgress& p) { progress.push_back(p); });
  int delivered = 0;
  Result<ReplaySummary> summary = feed.Run([&](const ReplayEvent& e) {
    ++delivered;
    if (e.sequence == 34) feed.Stop();
  });
  ASSERT_TRUE(summary.ok());
  EXPECT_EQ(delivered, 35);
  EXPECT_EQ(summary->delivered, 35);
  EXPECT_EQ(summary->total, 100);
  EXPECT_TRUE(summary->stopped_early);
  EXPECT_EQ(summary->first_time, kT0 + kNanosPerMinute);
  EXPECT_EQ(summary->last_time, kT0 + 35 * kNanosPerMinute);
  ASSERT_EQ(progress.size(), 4u);  // 10, 20, 30 and the final 35
  EXPECT_EQ(progress[0].done, 10);
  EXPECT_EQ(progress[0].total, 100);
  EXPECT_EQ(progress[0].sim_time, kT0 + 10 * kNanosPerMinute);
  EXPECT_EQ(progress[3].done, 35);
  EXPECT_EQ(clock.Now(), kT0 + 35 * kNanosPerMinute);
  // Run is single-use.
  EXPECT_EQ(feed.Run([](const ReplayEvent&) {}).status().code(), StatusCode::kFailedPrecondition);
}

TEST(ReplayFeedTest, RejectsUnsortedSeriesBadSpeedAndClockAhead) {
  SimulatedClock clock(0);
  ReplayFeed feed(clock);
  std::vector<Bar> bars = Series(Timeframe::Minutes(5), 3);
  std::swap(bars[1], bars[2]);
  const Status s = feed.AddSeries(Key("BTCUSDT", Timeframe::Minutes(5)), bars);
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.message(),
            "replay: series binance:BTCUSDT:5m: bar 2 (2021-01-01T00:05:00Z) is not after bar 1 "
            "(2021-01-01T00:10:00Z); sort and de-duplicate first");
  SimulatedClock wall(0);
  EXPECT_FALSE(feed.SetSpeed(-1, wall).ok());

  SimulatedClock late(kT0 + kNanosPerHour);
  ReplayFeed feed2(late);
  ASSERT_TRUE(
      feed2.AddSeries(Key("X", Timeframe::Minutes(5)), Series(Timeframe::Minutes(5), 3)).ok());
  EXPECT_EQ(feed2.Run([](const ReplayEvent&) {}).status().code(), StatusCode::kFailedPrecondition);
}

// Real data end to end: the bundled gzip samples of three pairs, 5m and 1h, interleaved.
TEST(ReplayFeedTest, ReplaysBundledSamples) {
  const char* source = std::getenv("PULSE_SOURCE_DIR");
  if (source == nullptr) GTEST_SKIP() << "PULSE_SOURCE_DIR not set";
  SimulatedClock clock(0);
  ReplayFeed feed(clock);
  for (const char* symbol : {"BTCUSDT", "ETHUSDT", "SOLUSDT"}) {
    for (const char* tf : {"5m", "1h"}) {
      Result<std::vector<Bar>> bars =
          ReadCandleFile(std::string(source) + "/data/sample/" + symbol + "-" + tf + ".csv.gz");
      ASSERT_TRUE(bars.ok()) << bars.status();
      ASSERT_TRUE(feed.AddSeries(Key(symbol, *Timeframe::Parse(tf)), std::move(*bars)).ok());
    }
  }
  EXPECT_EQ(feed.total_events(), 65741 + 65742 + 65744 + 3 * 5482);
  std::int64_t progress_calls = 0;
  feed.SetProgressHandler(50'000, [&](const ReplayProgress&) { ++progress_calls; });
  UnixNanos last = 0;
  std::int64_t out_of_order = 0;
  std::int64_t hourly = 0;
  Result<ReplaySummary> summary = feed.Run([&](const ReplayEvent& e) {
    out_of_order += e.close_time < last;
    last = e.close_time;
    hourly += e.key->timeframe == Timeframe::Hours(1);
  });
  ASSERT_TRUE(summary.ok());
  EXPECT_EQ(summary->delivered, feed.total_events());
  EXPECT_EQ(out_of_order, 0);
  EXPECT_EQ(hourly, 3 * 5482);
  EXPECT_EQ(progress_calls, feed.total_events() / 50'000 + 1);
  EXPECT_EQ(summary->first_time, *ParseIso8601("2020-12-01T00:05:00Z"));
  EXPECT_EQ(summary->last_time, *ParseIso8601("2021-07-17T21:25:00Z"));
}

}  // namespace
}  // namespace pulse::replay
