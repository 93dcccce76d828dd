// Backtests: the pipeline of `pulse run` (the same engines) over candle series on a fresh
// in-memory store and a simulated clock, and what the report needs of the run.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "analytics/buy_and_hold.h"
#include "app/config/config.h"
#include "app/feature_input.h"
#include "app/pipeline.h"
#include "core/status.h"

namespace pulse::app {

// Which part of the data to trade (bars with from <= open_time < to), and where the store goes.
struct BacktestOptions {
  std::optional<UnixNanos> from;
  std::optional<UnixNanos> to;
  // Non-empty: the run also writes performance snapshots (config.snapshots), and at the end
  // the whole store (every signal, shadow, result, contribution, fill, controller row and
  // snapshot) is copied into this SQLite file, which must not exist or be empty, so
  // `pulse stats`, `pulse signals list` or sqlite3 can look into it afterwards.
  std::string store_path;
};

// Everything a backtest produced. Plain value type.
struct BacktestRun {
  UnixNanos start = 0;  // open time of the first bar traded
  UnixNanos end = 0;    // close time of the last
  std::int64_t symbols = 0;
  PipelineCounts counts;
  std::vector<OutcomeResolved> outcomes;  // real, then shadow, each by exit time and id
  std::vector<EquityPoint> equity;        // paper account, one point per bar close
  double starting_balance = 0;
  PortfolioSnapshot portfolio;  // at the end, everything closed
  std::vector<Fill> fills;      // the paper account's
  std::vector<RiskStateChanged> controller;
  std::vector<CircuitBreakerTripped> trips;
  std::vector<LightForecastWarned> forecast_warnings;  // the controller's predictive warnings
  std::vector<signal::SourceActivity> sources;         // each source's votes, at the end
  std::int64_t stored_signals = 0;  // rows in the store's signals table at the end
  std::int64_t bars_read = 0;       // bars fed to the pipeline, warm-up bars included
  // Each symbol's first open and daily closes over the bars traded: the market benchmark.
  std::vector<analytics::SymbolDailyCloses> prices;
  std::vector<std::string> symbols_without_bars;  // series with no bar traded, by name
};

// Runs the configured pipeline over `series` (bars of the feature base timeframe), one
// OnBarClose per distinct bar time across the series, on a fresh sqlite::memory: store; at the
// end every open position and tracked signal is closed at the last price ("end_of_data"), and
// the store is copied to `options.store_path` when set (VACUUM INTO).
// `progress` gets the bars done. InvalidArgument for an empty range or bad input, naming it.
Result<BacktestRun> RunBacktest(const Config& config, const std::vector<SymbolSeries>& series,
                                const BacktestOptions& options,
                                const std::function<void(std::int64_t)>& progress = nullptr);

}  // namespace pulse::app
