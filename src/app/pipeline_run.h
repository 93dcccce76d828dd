// RunPipeline: `pulse run`. The pipeline over replayed bars (candle files or the ohlcv table)
// and, when given, trade prints between the bar closes (run.trades),
// writing to the store in transactions that each end with the run's checkpoint, so a run
// killed at any moment and started again with the same settings resumes and ends with exactly
// the rows of an uninterrupted run. Manual controller commands queued in the store are
// applied at the next bar close.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "adapters/storage/sql_database.h"
#include "analytics/paper_reconciliation.h"
#include "app/config/config.h"
#include "app/market_comparison.h"
#include "app/pipeline.h"
#include "core/clock.h"
#include "core/status.h"

namespace pulse::app {

// How a run is driven beyond its config.
struct RunOptions {
  // At the end of the data: stop (true), or wait for more (the ohlcv table is polled every
  // run.poll_interval_s; candle files do not grow, so the run waits for `stop`).
  bool exit_at_end = false;
  // Set (from any thread, e.g. a signal handler) to stop after the current bar close; what is
  // done is committed.
  const std::atomic<bool>* stop = nullptr;
  // Bars done and bars known so far, called at every commit.
  std::function<void(std::int64_t done, std::int64_t total)> progress;
  // Waits about `nanos` on the wall clock (pacing and polling); empty: sleep_for.
  std::function<void(std::int64_t nanos)> sleep;
};

// What a run did in this process.
struct RunSummary {
  std::string name;
  bool resumed = false;              // a checkpoint was found
  UnixNanos resumed_from = 0;        // its bar close
  std::int64_t replayed_closes = 0;  // closes replayed without writing to get back there
  std::int64_t bar_closes = 0;       // closes processed and stored in this process
  std::int64_t bars = 0;
  std::int64_t commands_applied = 0;  // manual controller commands applied in this process
  std::int64_t trades = 0;            // trade prints delivered (replay included)
  std::int64_t trades_skipped = 0;    // prints before the first traded bar
  UnixNanos first_close = 0;          // of the whole run
  UnixNanos last_close = 0;
  bool finished = false;  // reached the end of the data with exit_at_end
  bool stopped = false;   // by `stop`
  PipelineCounts counts;  // everything the pipeline counted in this process (replay included)
  PortfolioSnapshot portfolio;
  std::optional<RiskState> controller_state;
  // Each controller state's share of the run, from its first bar's open to its last close
  // (StateTimeJson of the stored controller_status rows, earlier processes too).
  nlohmann::ordered_json controller_time_pct = nlohmann::ordered_json::object();
  LightForecastView forecast;  // the controller's, at the last close
  // The run's paper account against the signals it traded (every process of the run): each
  // closed position, in position order, and their totals.
  std::vector<analytics::PositionReconciliation> paper_positions;
  analytics::PaperReconciliation paper_vs_signals;
  // The signal engine's sources with their votes in this process (replay included).
  std::vector<signal::SourceActivity> sources;
  // The paper account against the buy and hold of the run's symbols from its first bar traded
  // to its last (a resumed process replays them all); none when the equity fell to zero.
  std::optional<MarketComparison> market;
};

// Runs (or resumes) the run named config.run.name on `db` (migrated). `wall` paces a replay
// (replay.speed) and times polling. Errors: InvalidArgument for bad settings or no bars;
// FailedPrecondition when the stored run was started with other settings or other data.
Result<RunSummary> RunPipeline(const Config& config, storage::SqlDatabase& db, const Clock& wall,
                               const RunOptions& options = {});

// The hash of everything in `config` that decides what a run computes (not where it stores,
// logs, reads its bars from or how fast it replays), 16 hex digits. The bars themselves are
// checked by their own hash (pipeline_runs.bars_hash).
std::string RunFingerprint(const Config& config);

}  // namespace pulse::app
