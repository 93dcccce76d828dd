#include "app/backtest.h"
#include "app/bar_close_cursor.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <limits>

#include "app/config/features_config.h"
#include "app/feature_input.h"
#include "app/sample_series_for_tests.h"

namespace pulse::app {
namespace {

constexpr UnixNanos kMin = std::numeric_limits<UnixNanos>::min();

UnixNanos At(const char* iso) {
  Result<UnixNanos> t = ParseIso8601(iso);
  EXPECT_TRUE(t.ok()) << t.status();
  return t.ok() ? *t : 0;
}

TEST(BacktestTest, FromNearTheEarliestTimeTradesEveryBar) {
  const std::vector<SymbolSeries> series = SampleBtcSeries(300);
  ASSERT_EQ(series.size(), 1u);
  Config config;
  config.features.warm_up_days = 30;
  BacktestOptions options;
  options.from = kMin + kNanosPerDay;  // 30 warm-up days before it would wrap around
  Result<BacktestRun> run = RunBacktest(config, series, options);
  ASSERT_TRUE(run.ok()) << run.status();
  EXPECT_EQ(run->counts.bar_closes, 300);
  EXPECT_EQ(run->bars_read, 300);
  EXPECT_EQ(run->start, series.front().bars.front().open_time);
}

TEST(BacktestTest, NoBarsNamesOnlyTheBoundsGivenAndTheDataSpan) {
  const std::vector<SymbolSeries> series = SampleBtcSeries(300);
  ASSERT_EQ(series.size(), 1u);
  // 300 bars of 5 minutes from 2020-12-01T00:00:00Z: the last opens at 24:55.
  ASSERT_EQ(FormatIso8601(series.front().bars.back().open_time), "2020-12-02T00:55:00Z");
  const std::string span = " (the data spans 2020-12-01T00:00:00Z .. 2020-12-02T00:55:00Z)";
  Config config;
  BacktestOptions options;
  options.from = At("2022-01-01");
  Result<BacktestRun> run = RunBacktest(config, series, options);
  ASSERT_FALSE(run.ok());
  EXPECT_EQ(run.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(run.status().message(), "no bars from 2022-01-01T00:00:00Z on" + span);

  options.from.reset();
  options.to = At("2019-01-01");
  run = RunBacktest(config, series, options);
  ASSERT_FALSE(run.ok());
  EXPECT_EQ(run.status().message(), "no bars before 2019-01-01T00:00:00Z" + span);

  options.from = At("2022-01-01");
  options.to = At("2023-01-01");
  run = RunBacktest(config, series, options);
  ASSERT_FALSE(run.ok());
  EXPECT_EQ(run.status().message(),
            "no bars between 2022-01-01T00:00:00Z and 2023-01-01T00:00:00Z" + span);

  std::vector<SymbolSeries> empty = series;
  empty.front().bars.clear();
  EXPECT_EQ(NoBarsMessage(empty, {options.from, options.to}),
            "no bars between 2022-01-01T00:00:00Z and 2023-01-01T00:00:00Z (the data has no "
            "bars)");
  EXPECT_EQ(NoBarsMessage(empty, TimeRange{}), "no bars (the data has no bars)");
}

}  // namespace
}  // namespace pulse::app
