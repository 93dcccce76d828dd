// RunPipeline over the ohlcv table while it grows: a run waiting at the end of the table takes
// the bars stored meanwhile, and with run.detail_timeframe their finer bars too, and stores
// the same signals and outcomes as one run over all the bars at once.
#include "app/pipeline_run.h"

#include <gtest/gtest.h>

#include <atomic>

#include "adapters/storage/migrator.h"
#include "adapters/storage/open_database.h"
#include "adapters/storage/sql_candle_store.h"
#include "app/sample_series_for_tests.h"

namespace pulse::app {
namespace {

using Rows = std::vector<std::vector<std::string>>;

// Five 1m bars inside each 5m bar: the open first, then the high, the low, a middle price and
// the close; for an up bar the low comes before the high, so that which level a bar touching
// both reached first depends on its direction.
std::vector<Bar> MinuteBarsOf(const std::vector<Bar>& five) {
  std::vector<Bar> minutes;
  minutes.reserve(five.size() * 5);
  for (const Bar& b : five) {
    const bool up = b.close >= b.open;
    const double first = up ? b.low : b.high;
    const double second = up ? b.high : b.low;
    const double mid = (b.high + b.low) / 2;
    const double path[] = {b.open, first, second, mid, b.close};
    for (int m = 0; m < 5; ++m) {
      const double from = m == 0 ? b.open : path[m - 1];
      const double to = path[m];
      minutes.push_back(Bar{b.open_time + m * kNanosPerMinute, from, std::max(from, to),
                            std::min(from, to), to, b.volume / 5});
    }
  }
  return minutes;
}

struct Store {
  std::unique_ptr<storage::SqlDatabase> db;
  std::unique_ptr<storage::SqlCandleStore> candles;
};

Store OpenStore() {
  Store s;
  auto db = storage::OpenDatabase("sqlite::memory:");
  EXPECT_TRUE(db.ok()) << db.status();
  s.db = std::move(*db);
  SimulatedClock clock(0);
  storage::Migrator migrator(*s.db, clock);
  EXPECT_TRUE(migrator.Migrate().ok());
  s.candles = std::make_unique<storage::SqlCandleStore>(*s.db);
  return s;
}

void StoreBars(storage::SqlCandleStore& candles, std::span<const Bar> five,
               const std::vector<Bar>& minutes) {
  ASSERT_TRUE(candles.UpsertBars(BarKey{"binance", "BTCUSDT", Timeframe::Minutes(5)}, five).ok());
  ASSERT_TRUE(
      candles.UpsertBars(BarKey{"binance", "BTCUSDT", Timeframe::Minutes(1)}, minutes).ok());
}

// Every signal and its outcome, as text.
Rows Outcomes(storage::SqlDatabase& db) {
  auto rows = db.Query(
      "SELECT CAST(s.id AS TEXT), CAST(s.created_at AS TEXT), s.direction, "
      "CAST(r.exit_timestamp AS TEXT), r.exit_reason, r.exit_resolution FROM signals s JOIN "
      "signal_results r ON r.signal_id = s.id ORDER BY s.id");
  EXPECT_TRUE(rows.ok()) << rows.status();
  Rows out;
  if (!rows.ok()) return out;
  for (const auto& row : *rows) {
    std::vector<std::string> cells;
    for (int c = 0; c < 6; ++c) {
      auto text = row.GetOptionalString(c);
      cells.push_back(text.ok() && *text ? **text : "NULL");
    }
    out.push_back(std::move(cells));
  }
  return out;
}

TEST(PipelineRunTest, AWaitingRunTakesNewBarsAndTheirFinerBarsFromTheTable) {
  const std::vector<SymbolSeries> sample = SampleBtcSeries(20 * 288);
  ASSERT_FALSE(sample.empty());
  const std::vector<Bar>& five = sample.front().bars;
  const std::vector<Bar> minutes = MinuteBarsOf(five);
  const std::size_t first_part = 12 * 288;  // stored before the run starts; the rest meanwhile

  Config config;
  config.run.detail_timeframe = "1m";
  config.signal.engine.levels.atr_multiple = 0.3;  // many bars touch both levels
  config.run.poll_interval_s = 1;  // waits go to the sleep hook below (no wall time)
  SimulatedClock wall(0);

  // All at once.
  Store whole = OpenStore();
  StoreBars(*whole.candles, five, minutes);
  RunOptions at_end;
  at_end.exit_at_end = true;
  const Result<RunSummary> once = RunPipeline(config, *whole.db, wall, at_end);
  ASSERT_TRUE(once.ok()) << once.status();
  const Rows expected = Outcomes(*whole.db);
  std::int64_t by_finer = 0;
  for (const auto& row : expected) by_finer += row[5] == "lower_timeframe" ? 1 : 0;
  ASSERT_GT(by_finer, 0);

  // The first 12 days, then the rest stored while the run waits at the end of the table.
  Store growing = OpenStore();
  StoreBars(*growing.candles, std::span<const Bar>(five).first(first_part),
            std::vector<Bar>(minutes.begin(), minutes.begin() + first_part * 5));
  std::atomic<bool> stop{false};
  int waits = 0;
  RunOptions waiting;
  waiting.stop = &stop;
  waiting.sleep = [&](std::int64_t) {
    if (++waits == 1) {
      StoreBars(*growing.candles, std::span<const Bar>(five).subspan(first_part),
                std::vector<Bar>(minutes.begin() + first_part * 5, minutes.end()));
    } else {
      stop = true;
    }
  };
  const Result<RunSummary> polled = RunPipeline(config, *growing.db, wall, waiting);
  ASSERT_TRUE(polled.ok()) << polled.status();
  EXPECT_TRUE(polled->stopped);
  EXPECT_EQ(polled->bars, static_cast<std::int64_t>(five.size()));
  EXPECT_EQ(Outcomes(*growing.db), expected);
}

// The forecast settings change nothing a run stores, so they are not part of its fingerprint
// (and a run stored before they existed keeps its fingerprint); the signal settings are, and
// the settings added later (the automatic acknowledgement of a red light, the volume
// participation limit, the ensemble's fading, the win rate's bound) once they are on.
TEST(PipelineRunTest, TheFingerprintLeavesOutTheForecastSettings) {
  const Config defaults;
  Config forecast = defaults;
  forecast.risk.forecast.horizon = 5;
  forecast.risk.forecast.warn_probability = 0.9;
  forecast.risk.forecast.use_uncertainty = false;
  EXPECT_EQ(RunFingerprint(forecast), RunFingerprint(defaults));
  Config light = defaults;
  light.risk.light.red_consecutive_losses = 6;
  EXPECT_NE(RunFingerprint(light), RunFingerprint(defaults));
  EXPECT_EQ(RunFingerprint(defaults).size(), 16u);
  // The automatic acknowledgement of a red light counts once it is on.
  Config acknowledging = defaults;
  acknowledging.risk.light.auto_acknowledge_after_s = 3600;
  EXPECT_NE(RunFingerprint(acknowledging), RunFingerprint(defaults));
  Config participating = defaults;
  participating.paper.max_volume_participation = 0.025;
  EXPECT_NE(RunFingerprint(participating), RunFingerprint(defaults));
  Config fading = defaults;
  fading.signal.engine.ensemble.accuracy_half_life_days = 14;
  EXPECT_NE(RunFingerprint(fading), RunFingerprint(defaults));
  Config judging_bounds = defaults;
  judging_bounds.risk.light.win_rate_confidence = 0.95;
  EXPECT_NE(RunFingerprint(judging_bounds), RunFingerprint(defaults));
}

}  // namespace
}  // namespace pulse::app
