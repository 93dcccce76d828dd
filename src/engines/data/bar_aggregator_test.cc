#include "engines/data/bar_aggregator.h"

#include <gtest/gtest.h>

#include "engines/data/resampler.h"

namespace pulse::data {
namespace {

constexpr UnixNanos kT0 = 1'609'459'200'000'000'000;  // 2021-01-01T00:00:00Z (a Friday)

Bar M(int minute, double o, double h, double l, double c, double v) {
  return Bar{kT0 + minute * kNanosPerMinute, o, h, l, c, v};
}
// A 1m bar whose prices encode its minute, so aggregates are easy to predict.
Bar Min(int minute) {
  return M(minute, 100 + minute, 100.5 + minute, 99.5 + minute, 100.25 + minute, 1 + minute);
}

std::vector<Bar> Minutes(std::initializer_list<int> minutes) {
  std::vector<Bar> bars;
  for (int m : minutes) bars.push_back(Min(m));
  return bars;
}

TEST(BarAggregatorTest, AggregatesExactlyAndCompletesOnLastBaseBar) {
  Result<BarAggregator> agg = BarAggregator::Create(Timeframe::Minutes(1), Timeframe::Minutes(5));
  ASSERT_TRUE(agg.ok()) << agg.status();
  for (int m = 0; m < 4; ++m) {
    EXPECT_FALSE(agg->Update(Min(m)).has_value()) << m;
  }
  ASSERT_TRUE(agg->partial().has_value());
  EXPECT_EQ(agg->partial()->close, Min(3).close);
  const std::optional<Bar> done = agg->Update(Min(4));
  ASSERT_TRUE(done.has_value());
  EXPECT_EQ(*done, (Bar{kT0, 100, 104.5, 99.5, 104.25, 1 + 2 + 3 + 4 + 5}));
  EXPECT_FALSE(agg->partial().has_value());
  EXPECT_EQ(agg->stats().output_bars, 1);
  EXPECT_EQ(agg->stats().incomplete_buckets, 0);
}

TEST(BarAggregatorTest, InteriorMissingBarsAreEmittedAndCounted) {
  // 5-9 lacks 7; 10-14 lacks 13 and 14 and is closed by the bar at 15.
  const std::vector<Bar> bars =
      Minutes({0, 1, 2, 3, 4, 5, 6, 8, 9, 10, 11, 12, 15, 16, 17, 18, 19});
  AggregationStats stats;
  Result<std::vector<Bar>> out =
      Resample(bars, Timeframe::Minutes(1), Timeframe::Minutes(5), {}, &stats);
  ASSERT_TRUE(out.ok()) << out.status();
  ASSERT_EQ(out->size(), 4u);
  EXPECT_EQ((*out)[1], (Bar{kT0 + 5 * kNanosPerMinute, 105, 109.5, 104.5, 109.25, 6 + 7 + 9 + 10}));
  EXPECT_EQ((*out)[2], (Bar{kT0 + 10 * kNanosPerMinute, 110, 112.5, 109.5, 112.25, 11 + 12 + 13}));
  EXPECT_EQ(stats.input_bars, 17);
  EXPECT_EQ(stats.output_bars, 4);
  EXPECT_EQ(stats.incomplete_buckets, 2);
  EXPECT_EQ(stats.missing_base_bars, 3);
  EXPECT_EQ(stats.incomplete_bucket_times,
            (std::vector<UnixNanos>{kT0 + 5 * kNanosPerMinute, kT0 + 10 * kNanosPerMinute}));
  EXPECT_EQ(stats.dropped_first, 0);
  EXPECT_EQ(stats.dropped_last, 0);
}

TEST(BarAggregatorTest, OneUpdateCanCompleteTwoBuckets) {
  // 2h buckets: [0h, 2h) has only 0h; [2h, 4h) has only 3h, its last bar.
  Result<BarAggregator> agg = BarAggregator::Create(Timeframe::Hours(1), Timeframe::Hours(2));
  ASSERT_TRUE(agg.ok());
  const Bar a{kT0, 1, 2, 0.5, 1.5, 1};
  const Bar b{kT0 + 3 * kNanosPerHour, 2, 3, 1.5, 2.5, 2};
  EXPECT_FALSE(agg->Update(a).has_value());
  std::optional<Bar> first = agg->Update(b);
  std::optional<Bar> second = agg->PollCompleted();
  ASSERT_TRUE(first.has_value());
  ASSERT_TRUE(second.has_value());
  EXPECT_EQ(first->open_time, kT0);
  EXPECT_EQ(second->open_time, kT0 + 2 * kNanosPerHour);
  EXPECT_EQ(*second, (Bar{kT0 + 2 * kNanosPerHour, 2, 3, 1.5, 2.5, 2}));
  EXPECT_FALSE(agg->PollCompleted().has_value());
  EXPECT_EQ(agg->stats().incomplete_buckets, 2);
  EXPECT_EQ(agg->stats().missing_base_bars, 2);
}

// A caller that never polls still gets every bar, in order, one per Update (and the rest from
// PollCompleted and Flush at the end): the same sequence as a caller that polls after each bar.
// The gaps (a bucket missing its tail, then the lone last bar of the next one) make updates that
// complete two buckets, repeatedly.
TEST(BarAggregatorTest, UnpolledCompletionsKeepTheirOrder) {
  std::vector<Bar> input;
  for (int m = 0; m < 600; ++m) {
    const int in_bucket = m % 5;
    const int bucket = m / 5;
    // Every third bucket loses its tail; the bucket after it keeps only its last bar.
    if (bucket % 3 == 1 && in_bucket >= 2) continue;
    if (bucket % 3 == 2 && in_bucket != 4) continue;
    input.push_back(Min(m));
  }
  const auto run = [&](bool poll) {
    std::vector<Bar> out;
    BarAggregator agg = *BarAggregator::Create(Timeframe::Minutes(1), Timeframe::Minutes(5));
    for (const Bar& bar : input) {
      if (std::optional<Bar> done = agg.Update(bar)) out.push_back(*done);
      while (poll) {
        std::optional<Bar> more = agg.PollCompleted();
        if (!more) break;
        out.push_back(*more);
      }
    }
    for (std::optional<Bar> done = agg.Flush(); done; done = agg.PollCompleted()) {
      out.push_back(*done);
    }
    return out;
  };
  const std::vector<Bar> polled = run(true);
  const std::vector<Bar> unpolled = run(false);
  ASSERT_EQ(polled.size(), 120u);
  EXPECT_EQ(unpolled, polled);
  for (size_t i = 1; i < polled.size(); ++i) {
    EXPECT_EQ(polled[i].open_time - polled[i - 1].open_time, 5 * kNanosPerMinute);
  }
}

TEST(BarAggregatorTest, RejectsOutOfOrderDuplicateAndOffGridBars) {
  Result<BarAggregator> agg = BarAggregator::Create(Timeframe::Minutes(1), Timeframe::Minutes(5));
  ASSERT_TRUE(agg.ok());
  agg->Update(Min(0));
  agg->Update(Min(1));
  agg->Update(Min(1));  // duplicate
  agg->Update(Min(0));  // backwards
  Bar off = Min(2);
  off.open_time += kNanosPerSecond;  // 00:02:01
  agg->Update(off);
  EXPECT_EQ(agg->stats().input_bars, 5);
  EXPECT_EQ(agg->stats().rejected_bars, 3);
  EXPECT_EQ(agg->partial()->volume, 1 + 2);
}

TEST(BarAggregatorTest, LeadingAndTrailingPartialBucketsDroppedUnlessAsked) {
  const std::vector<Bar> bars = Minutes({2, 3, 4, 5, 6, 7, 8, 9, 10, 11});
  AggregationStats stats;
  Result<std::vector<Bar>> out =
      Resample(bars, Timeframe::Minutes(1), Timeframe::Minutes(5), {}, &stats);
  ASSERT_TRUE(out.ok());
  ASSERT_EQ(out->size(), 1u);
  EXPECT_EQ((*out)[0].open_time, kT0 + 5 * kNanosPerMinute);
  EXPECT_EQ(stats.dropped_first, 1);
  EXPECT_EQ(stats.dropped_last, 1);
  EXPECT_EQ(stats.incomplete_buckets, 0);

  ResampleOptions keep;
  keep.keep_incomplete_first = true;
  keep.keep_incomplete_last = true;
  out = Resample(bars, Timeframe::Minutes(1), Timeframe::Minutes(5), keep, &stats);
  ASSERT_TRUE(out.ok());
  ASSERT_EQ(out->size(), 3u);
  EXPECT_EQ((*out)[0], (Bar{kT0, 102, 104.5, 101.5, 104.25, 3 + 4 + 5}));
  EXPECT_EQ((*out)[2], (Bar{kT0 + 10 * kNanosPerMinute, 110, 111.5, 109.5, 111.25, 11 + 12}));
  EXPECT_EQ(stats.dropped_first, 0);
  EXPECT_EQ(stats.dropped_last, 0);
  EXPECT_EQ(stats.incomplete_buckets, 2);
  EXPECT_EQ(stats.missing_base_bars, 2 + 3);
}

TEST(BarAggregatorTest, CalendarMonthsFromDays) {
  // 2020-01-15 .. 2020-03-31 daily: January is partial (dropped), February has 29 days.
  const UnixNanos start = *ParseIso8601("2020-01-15");
  std::vector<Bar> bars;
  for (UnixNanos t = start; t < *ParseIso8601("2020-04-01"); t += kNanosPerDay) {
    bars.push_back(Bar{t, 10, 11, 9, 10, 1});
  }
  bars.back().close = 12;  // 2020-03-31
  AggregationStats stats;
  Result<std::vector<Bar>> out =
      Resample(bars, Timeframe::Days(1), Timeframe::Months(1), {}, &stats);
  ASSERT_TRUE(out.ok()) << out.status();
  ASSERT_EQ(out->size(), 2u);
  EXPECT_EQ((*out)[0], (Bar{*ParseIso8601("2020-02-01"), 10, 11, 9, 10, 29}));
  EXPECT_EQ((*out)[1], (Bar{*ParseIso8601("2020-03-01"), 10, 11, 9, 12, 31}));
  EXPECT_EQ(stats.dropped_first, 1);
  EXPECT_EQ(stats.dropped_last, 0);  // March ends with its last day
}

TEST(BarAggregatorTest, WeeksStartOnMonday) {
  // Daily bars from Monday 2021-01-04 for 14 days: two whole weeks.
  std::vector<Bar> bars;
  const UnixNanos monday = *ParseIso8601("2021-01-04");
  for (int d = 0; d < 14; ++d) bars.push_back(Bar{monday + d * kNanosPerDay, 1, 2, 0.5, 1, 1});
  Result<std::vector<Bar>> out = Resample(bars, Timeframe::Days(1), Timeframe::Weeks(1));
  ASSERT_TRUE(out.ok());
  ASSERT_EQ(out->size(), 2u);
  EXPECT_EQ((*out)[1].open_time, *ParseIso8601("2021-01-11"));
  EXPECT_EQ((*out)[1].volume, 7);
}

TEST(BarAggregatorTest, VolumeSumIsExactInExchangePrecision) {
  // As doubles 0.1 + 0.2 = 0.30000000000000004; exchanges report 0.3.
  const std::vector<Bar> bars = {M(0, 1, 1, 1, 1, 0.1), M(1, 1, 1, 1, 1, 0.2)};
  Result<std::vector<Bar>> out = Resample(bars, Timeframe::Minutes(1), Timeframe::Minutes(2));
  ASSERT_TRUE(out.ok());
  ASSERT_EQ(out->size(), 1u);
  EXPECT_EQ((*out)[0].volume, 0.3);
  // More than 8 decimals: plain double sum.
  const std::vector<Bar> fine = {M(0, 1, 1, 1, 1, 1e-9), M(1, 1, 1, 1, 1, 2e-9)};
  out = Resample(fine, Timeframe::Minutes(1), Timeframe::Minutes(2));
  ASSERT_TRUE(out.ok());
  EXPECT_EQ((*out)[0].volume, 1e-9 + 2e-9);
}

TEST(BarAggregatorTest, ErrorsNameTheProblem) {
  Result<std::vector<Bar>> out =
      Resample(Minutes({0, 3}), Timeframe::Minutes(3), Timeframe::Minutes(5));
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(out.status().message(),
            "cannot aggregate 3m bars into 5m: 5m is not a whole multiple of 3m aligned with it");
  EXPECT_FALSE(BarAggregator::Create(Timeframe::Weeks(1), Timeframe::Months(1)).ok());
  EXPECT_FALSE(BarAggregator::Create(Timeframe::Hours(1), Timeframe::Minutes(30)).ok());

  out = Resample(Minutes({0, 2, 1}), Timeframe::Minutes(1), Timeframe::Minutes(5));
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.status().message(),
            "cannot resample: input is not sorted: row 2 (2021-01-01T00:01:00Z) is not after row "
            "1 (2021-01-01T00:02:00Z)");
  out = Resample(Minutes({0, 1, 1}), Timeframe::Minutes(1), Timeframe::Minutes(5));
  ASSERT_FALSE(out.ok());

  out = Resample(Minutes({0, 1}), Timeframe::Minutes(5), Timeframe::Hours(1));
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.status().message(),
            "cannot resample: row 1 (2021-01-01T00:01:00Z) is not aligned to 5m");
}

TEST(BarAggregatorTest, StreamingAndBatchAgree) {
  std::vector<Bar> bars;
  for (int m = 0; m < 600; ++m) {
    if (m % 37 == 5 || m % 101 == 0) continue;  // scattered holes
    bars.push_back(Min(m));
  }
  AggregationStats stats;
  Result<std::vector<Bar>> batch =
      Resample(bars, Timeframe::Minutes(1), Timeframe::Minutes(15), {}, &stats);
  ASSERT_TRUE(batch.ok());
  Result<BarAggregator> agg = BarAggregator::Create(Timeframe::Minutes(1), Timeframe::Minutes(15));
  std::vector<Bar> streamed;
  for (const Bar& b : bars) {
    for (auto done = agg->Update(b); done.has_value(); done = agg->PollCompleted()) {
      streamed.push_back(*done);
    }
  }
  EXPECT_EQ(streamed, *batch);
  EXPECT_EQ(agg->stats().incomplete_buckets, stats.incomplete_buckets);
  EXPECT_GT(stats.incomplete_buckets, 0);
}

}  // namespace
}  // namespace pulse::data
