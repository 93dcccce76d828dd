#include "app/backtest.h"

#include <algorithm>
#include <iterator>
#include <limits>

#include <fmt/format.h>

#include "adapters/storage/migrator.h"
#include "adapters/storage/open_database.h"
#include "adapters/storage/sql_controller_store.h"
#include "adapters/storage/sql_performance_snapshot_store.h"
#include "adapters/storage/sql_portfolio_store.h"
#include "adapters/storage/sql_signal_store.h"
#include "app/bar_close_cursor.h"
#include "app/config/features_config.h"

namespace pulse::app {

Result<BacktestRun> RunBacktest(const Config& config, const std::vector<SymbolSeries>& series,
                                const BacktestOptions& options,
                                const std::function<void(std::int64_t)>& progress) {
  if (series.empty()) return InvalidArgumentError("no candle series to backtest");
  const UnixNanos from = options.from.value_or(std::numeric_limits<UnixNanos>::min());
  const UnixNanos to = options.to.value_or(std::numeric_limits<UnixNanos>::max());
  if (from >= to) {
    return InvalidArgumentError("--from {} is not before --to {}", FormatIso8601(from),
                                FormatIso8601(to));
  }
  // Bars of the warm-up days before --from feed the features only.
  const UnixNanos warm_from =
      options.from ? SubtractDaysSaturating(from, config.features.warm_up_days) : from;
  ASSIGN_OR_RETURN(const indicators::FeatureSetSpec spec,
                   FeatureSetSpecFromConfig(config.features));
  BarCloseCursor cursor(series, spec.base, warm_from, to);
  const std::optional<UnixNanos> first = BarCloseCursor(series, spec.base, from, to).Peek();
  if (!first) return InvalidArgumentError("{}", NoBarsMessage(series, {options.from, options.to}));

  ASSIGN_OR_RETURN(std::unique_ptr<storage::SqlDatabase> db,
                   storage::OpenDatabase("sqlite::memory:"));
  SimulatedClock clock(*first);
  storage::Migrator migrator(*db, clock);
  RETURN_IF_ERROR(migrator.Migrate());
  storage::SqlSignalStore signals(*db, {.defer_shadows = true});
  storage::SqlPortfolioStore portfolio(*db);
  storage::SqlControllerStore controller(*db);
  // Snapshots only go to a store that is kept (the report does not read them).
  storage::SqlPerformanceSnapshotStore snapshots(*db);
  PipelineStores stores{&signals, &portfolio, &controller};
  if (!options.store_path.empty()) stores.snapshots = &snapshots;
  // Outcomes are read back from the store at the end rather than kept by the pipeline: the
  // store holds them anyway, and the report sees exactly what `pulse stats` would.
  PipelineOptions pipeline_options;
  pipeline_options.keep_outcomes = false;
  ASSIGN_OR_RETURN(std::unique_ptr<Pipeline> pipeline,
                   Pipeline::Create(config, clock, stores, pipeline_options));

  BacktestRun run;
  run.start = *first;
  run.symbols = static_cast<std::int64_t>(series.size());
  run.starting_balance = config.paper.starting_balance;
  // The store is private to the backtest: its rows are written in transactions of this many
  // closes rather than one per signal and outcome.
  constexpr int kClosesPerTransaction = 256;
  const UnixNanos bar_span = pipeline->base_timeframe().NominalNanos();
  analytics::DailyCloses prices;
  std::vector<SymbolBar> close;
  bool more = cursor.Next(&close);
  while (more) {
    RETURN_IF_ERROR(db->InTransaction([&](storage::SqlDatabase&) -> Status {
      for (int n = 0; more && n < kClosesPerTransaction; ++n, more = cursor.Next(&close)) {
        const UnixNanos now = close.front().bar.open_time;
        if (now < from) {
          RETURN_IF_ERROR(pipeline->WarmUp(close));
          continue;
        }
        Status st = pipeline->OnBarClose(close);
        if (!st.ok()) return st.WithContext(fmt::format("bar close at {}", FormatIso8601(now)));
        run.end = now + bar_span;
        for (const SymbolBar& b : close) prices.Add(b.symbol, b.bar, run.end);
        if (progress && pipeline->counts().bar_closes % 1024 == 0) progress(cursor.bars_given());
      }
      return Status::Ok();
    }));
  }
  RETURN_IF_ERROR(pipeline->Finish(/*close_open=*/true));
  if (progress) progress(cursor.bars_given());
  run.counts = pipeline->counts();
  run.bars_read = cursor.bars_given();
  ClosedOutcomeFilter filter;
  ASSIGN_OR_RETURN(run.outcomes, signals.ListClosedOutcomes(filter));
  filter.shadows = true;
  ASSIGN_OR_RETURN(std::vector<OutcomeResolved> shadows, signals.ListClosedOutcomes(filter));
  run.outcomes.insert(run.outcomes.end(), std::make_move_iterator(shadows.begin()),
                      std::make_move_iterator(shadows.end()));
  run.equity = pipeline->equity_curve();
  run.portfolio = pipeline->portfolio();
  run.controller = pipeline->controller_history();
  run.trips = pipeline->breaker_trips();
  run.forecast_warnings = pipeline->forecast_warnings();
  ASSIGN_OR_RETURN(run.fills, portfolio.ListTrades({}));
  run.sources = pipeline->source_activity();
  run.prices = prices.series();
  for (const SymbolSeries& s : series) {
    const bool traded = std::any_of(run.prices.begin(), run.prices.end(),
                                    [&](const auto& p) { return p.symbol == s.symbol; });
    if (!traded) run.symbols_without_bars.push_back(s.symbol);
  }
  ASSIGN_OR_RETURN(storage::SqlRows rows, db->Query("SELECT COUNT(*) FROM signals"));
  ASSIGN_OR_RETURN(run.stored_signals, rows.at(0).GetInt64(0));
  if (!options.store_path.empty()) {
    Result<std::int64_t> copied = db->Execute("VACUUM INTO ?1", {options.store_path});
    if (!copied.ok()) {
      return copied.status().WithContext(
          fmt::format("copying the store to '{}'", options.store_path));
    }
  }
  return run;
}

}  // namespace pulse::app
