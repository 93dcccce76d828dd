// Pipeline: the chain of DESIGN.md section 1 on one thread, driven by replayed base-timeframe
// bars: features -> signal engine -> controller -> paper engine -> outcome tracker -> store.
// Signals the controller denies are stored as rejected (one failed risk:<rule> check per
// cause) and shadow-tracked like the candidates a quality gate rejected.
// Used by `pulse run` and `pulse backtest`; the same code whichever store sits behind it.
#pragma once

#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "app/config/config.h"
#include "app/light_forecast_view.h"
#include "core/clock.h"
#include "core/status.h"
#include "engines/signal/signal_engine.h"
#include "model/bar.h"
#include "model/controller_state.h"
#include "model/outcome_events.h"
#include "model/trading.h"
#include "ports/controller_store.h"
#include "ports/performance_snapshot_store.h"
#include "ports/portfolio_store.h"
#include "ports/run_store.h"
#include "ports/signal_store.h"

namespace pulse::app {

// One symbol's bar at a base-timeframe close, and the finer closed bars inside it (may be
// none) that decide a bar touching both levels of a bracket.
struct SymbolBar {
  std::string_view exchange;
  std::string_view symbol;
  Bar bar;
  FinerBars finer;
};

// What a run did, counted as it happened.
struct PipelineCounts {
  std::int64_t bars = 0;
  std::int64_t bar_closes = 0;
  std::int64_t emitted = 0;              // passed every quality gate
  std::int64_t candidates_rejected = 0;  // failed a gate (every one, as the engine counts)
  std::int64_t rejected = 0;  // of those, the ones recorded and shadow-tracked (signal.shadows)
  std::int64_t denied = 0;    // refused by the controller (shadow-tracked)
  std::int64_t resolved = 0;  // real signals resolved
  std::int64_t shadows_resolved = 0;
  std::int64_t fills = 0;
  std::int64_t orders_rejected = 0;    // by the paper engine (exposure, cash, ...)
  std::int64_t forecast_warnings = 0;  // the controller's predictive warnings
};

// Where a pipeline writes. Null members: nothing is stored there (ids are then numbered by
// the pipeline itself, from 1).
struct PipelineStores {
  SignalStore* signals = nullptr;
  PortfolioStore* portfolio = nullptr;
  ControllerStore* controller = nullptr;
  // With `signals` too: performance snapshots on the configured schedule (config.snapshots).
  PerformanceSnapshotStore* snapshots = nullptr;
};

// Resuming a run after a restart: the bar closes up to `through` were stored before. They are
// replayed to rebuild every engine's state without writing anything, and the signals they make
// take the stored ids (`signal_ids`, the run's signals in creation order) instead of new ones.
// Once the replay passes `through`, every stored id must have been taken, else the data or the
// configuration differs from the run that stored them (FailedPrecondition).
struct PipelineResume {
  UnixNanos through = 0;
  std::vector<SignalId> signal_ids;
};

// How a pipeline runs beyond its config.
struct PipelineOptions {
  std::optional<PipelineResume> resume;
  // Keep every resolved outcome in memory for outcomes() (reports); off for long runs that
  // read them from the store.
  bool keep_outcomes = true;
};

// Every reason Pipeline::Create would refuse `config` for, one message per part (the feature
// set, the signal engine with its theories and models, the tracker, the paper engine, the
// controller, the volatility feature, the snapshots), where Create stops at the first. Builds
// the parts without a store or a clock of consequence; empty when the pipeline would build.
// `pulse config check` reports them with the loader's problems.
std::vector<std::string> PipelineConfigProblems(const Config& config);

// Lifecycle: Create, OnBarClose per base-bar close in time order (every symbol's bar of that
// time in one call), Finish at the end of the data. Time is the injected SimulatedClock, set to
// each close, so a run is deterministic: the same config and bars give the same rows.
// Threading: single-threaded.
class Pipeline {
 public:
  // The configured feature set, signal engine (theories and models), tracker and paper engine.
  // InvalidArgument / FailedPrecondition naming the bad setting.
  static Result<std::unique_ptr<Pipeline>> Create(const Config& config, SimulatedClock& clock,
                                                  PipelineStores stores,
                                                  PipelineOptions options = {});
  ~Pipeline();

  // The base timeframe of the feature set: the bars OnBarClose takes.
  Timeframe base_timeframe() const;

  // One close: `bars` all open at the same time on the base grid, one per symbol. A symbol's
  // first bar creates its state. InvalidArgument for bars off the grid, out of order or mixed
  // times; a store error is returned as it is (the run stops; what was stored stays).
  Status OnBarClose(std::span<const SymbolBar> bars);

  // Bars before the run's start: they update the features only (no signals, no tracking, no
  // writes, the clock untouched), so trading starts on warm indicators.
  Status WarmUp(std::span<const SymbolBar> bars);

  // A trade print of `symbol` between bar closes: tracked signals and shadows whose level it
  // reaches exit at that level, at the print's time (the tracker's rule), and are processed as
  // at a bar close (stored, learnt from, shown to the controller). InvalidArgument for a time
  // before the last event or a price that is not positive.
  Status OnTrade(std::string_view exchange, std::string_view symbol, UnixNanos time, double price);

  // A manual command (pause, resume, emergency stop) applied at `at`, before the bar close of
  // that time; an emergency stop closes the paper positions at the prices of that close (when
  // OnBarClose has seen its bars), and the tracker ends their signals with those closes. `at`
  // must not be before the last close.
  Status Apply(const ControllerCommand& command, UnixNanos at);

  // Writes the paper account and its open positions (marked at the last close) when either
  // changed since the last call. Called after every close, the stored rows depend only on the
  // bars, not on when a caller commits.
  Status SaveAccount();

  // True while the bar closes are a resume's replay (nothing is written).
  bool replaying() const;
  // Ends a resume's replay before the next close: what follows is written (a run that stopped
  // after its last stored close but before finishing). Checks the stored ids were all taken.
  Status EndReplay();

  // End of the data: when `close_open`, open paper positions and real signals are closed at
  // the last prices ("end_of_data"); shadows still open are closed too so every tracked
  // candidate has a result.
  Status Finish(bool close_open);

  const PipelineCounts& counts() const;
  // Every outcome resolved so far, in resolution order (reports without a store read these).
  const std::vector<OutcomeResolved>& outcomes() const;
  // The paper account's equity after each bar close.
  const std::vector<EquityPoint>& equity_curve() const;
  // The paper account as it is now.
  PortfolioSnapshot portfolio() const;
  // Every state change of the controller, the first (green, active) included.
  const std::vector<RiskStateChanged>& controller_history() const;
  // The signal engine's sources (theories, then models) with their votes so far.
  std::vector<signal::SourceActivity> source_activity() const;
  // Every breaker trip.
  const std::vector<CircuitBreakerTripped>& breaker_trips() const;
  // Every predictive warning of the controller (risk.forecast.warn_probability).
  const std::vector<LightForecastWarned>& forecast_warnings() const;
  // The controller's forecast of its light over the next risk.forecast.horizon trades, now.
  Result<LightForecastView> light_forecast() const;

 private:
  struct State;
  explicit Pipeline(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

}  // namespace pulse::app
