#include "app/pipeline_run.h"

#include <algorithm>
#include <chrono>
#include <cstring>
#include <limits>
#include <ranges>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "adapters/storage/sql_candle_store.h"
#include "adapters/storage/sql_controller_store.h"
#include "adapters/storage/sql_performance_snapshot_store.h"
#include "adapters/storage/sql_portfolio_store.h"
#include "adapters/storage/sql_run_store.h"
#include "adapters/storage/sql_signal_store.h"
#include "app/bar_close_cursor.h"
#include "app/config/config_dump.h"
#include "app/config/features_config.h"
#include "app/config_warnings.h"
#include "app/controller_time.h"
#include "app/detail_input.h"
#include "app/trade_input.h"
#include "core/log.h"
#include "engines/signal/feature_hash.h"

namespace pulse::app {

namespace {

constexpr std::uint64_t kHashSeed = 0xcbf29ce484222325ULL;

std::string Hex(std::uint64_t h) { return fmt::format("{:016x}", h); }

std::uint64_t SymbolHash(std::string_view symbol) {
  return signal::XxHash64({reinterpret_cast<const unsigned char*>(symbol.data()), symbol.size()});
}

// The running hash of the bars a run has processed: each bar folded in with its symbol's hash.
std::uint64_t FoldBar(std::uint64_t hash, std::uint64_t symbol_hash, const Bar& bar) {
  const double fields[] = {bar.open, bar.high, bar.low, bar.close, bar.volume};
  unsigned char bytes[sizeof(hash) + sizeof(bar.open_time) + sizeof(fields)];
  std::memcpy(bytes, &hash, sizeof(hash));
  std::memcpy(bytes + sizeof(hash), &bar.open_time, sizeof(bar.open_time));
  std::memcpy(bytes + sizeof(hash) + sizeof(bar.open_time), fields, sizeof(fields));
  return signal::XxHash64(bytes) ^ symbol_hash;
}

// The running hash with one trade print of `symbol` folded in.
std::uint64_t FoldTrade(std::uint64_t hash, std::string_view symbol, UnixNanos time, double price) {
  return FoldBar(hash, SymbolHash(symbol), Bar{time, price, price, price, price, 0});
}

// The symbols' hashes by position in the close: the closes list the same symbols in the same
// order, so each is hashed once.
class SymbolHashes {
 public:
  std::uint64_t At(std::size_t row, std::string_view symbol) {
    if (row >= rows_.size()) rows_.resize(row + 1);
    auto& [name, hash] = rows_[row];
    if (name != symbol || hash == 0) {
      name.assign(symbol);
      hash = SymbolHash(symbol);
    }
    return hash;
  }

 private:
  std::vector<std::pair<std::string, std::uint64_t>> rows_;
};

// The run's trade prints (run.trades), each of a symbol the run has bars of.
Result<std::vector<SymbolTrades>> LoadTrades(const Config& config,
                                             const std::vector<SymbolSeries>& series) {
  const std::vector<std::string> entries = SplitCommaList(config.run.trades);
  if (entries.empty()) return std::vector<SymbolTrades>{};
  Result<std::vector<SymbolTrades>> trades =
      ReadSymbolTrades(entries, config.data.default_exchange);
  if (!trades.ok()) return trades.status().WithContext("run.trades");
  for (const SymbolTrades& t : *trades) {
    const bool known = std::any_of(series.begin(), series.end(),
                                   [&](const SymbolSeries& s) { return s.symbol == t.symbol; });
    if (!known) {
      return InvalidArgumentError(
          "run.trades: trades of {} but the run has no bars of {} (symbols: {}); name a file's "
          "symbol as SYMBOL=FILE",
          t.symbol, t.symbol,
          fmt::join(series | std::views::transform(&SymbolSeries::symbol), ", "));
    }
  }
  return trades;
}

// The run's series: the candle files of run.data, or the ohlcv table.
Result<std::vector<SymbolSeries>> LoadSeries(const Config& config,
                                             const indicators::FeatureSetSpec& spec,
                                             CandleStore& candles, UnixNanos from, UnixNanos to) {
  const std::string& exchange = config.data.default_exchange;
  const std::vector<std::string> files = SplitCommaList(config.run.data);
  std::vector<std::string> symbols = SplitCommaList(config.run.symbols);
  if (!files.empty()) {
    Result<std::vector<SymbolSeries>> series = ReadSymbolSeries(files, symbols, exchange, spec);
    if (!series.ok()) return series.status().WithContext("run.data");
    return series;
  }
  if (symbols.empty()) {
    ASSIGN_OR_RETURN(symbols, candles.ListSymbols(exchange, spec.base));
    if (symbols.empty()) {
      return InvalidArgumentError(
          "the ohlcv table has no {} bars on {}: import candles with `pulse data import` or "
          "name candle files in run.data (--data)",
          spec.base.ToString(), exchange);
    }
  }
  std::vector<SymbolSeries> series;
  for (const std::string& symbol : symbols) {
    ASSIGN_OR_RETURN(std::vector<Bar> bars,
                     candles.LoadBars(BarKey{exchange, symbol, spec.base}, from, to));
    if (bars.empty()) {
      return InvalidArgumentError("the ohlcv table has no {} bars of {} on {} in the run's range",
                                  spec.base.ToString(), symbol, exchange);
    }
    series.push_back(SymbolSeries{exchange, symbol, std::move(bars), {}});
  }
  SortBySymbol(series);
  return series;
}

// The finer bars of run.detail files, or of run.detail_timeframe from the ohlcv table (bars
// from `from` to `to`), attached to `series`.
Status LoadDetail(const Config& config, Timeframe base, CandleStore& candles, UnixNanos from,
                  UnixNanos to, std::vector<SymbolSeries>* series) {
  const std::vector<std::string> files = SplitCommaList(config.run.detail);
  const std::string& timeframe = config.run.detail_timeframe;
  if (timeframe.empty()) {
    return AttachDetailFiles(files, base, series).WithContext("run.detail");
  }
  if (!files.empty()) {
    return InvalidArgumentError(
        "run.detail names finer-bar files and run.detail_timeframe reads them from the ohlcv "
        "table: set one of them");
  }
  if (!SplitCommaList(config.run.data).empty()) {
    return InvalidArgumentError(
        "run.detail_timeframe reads finer bars from the ohlcv table, but the run reads candle "
        "files (run.data): name finer-bar files in run.detail instead");
  }
  const Result<Timeframe> parsed = Timeframe::Parse(timeframe);
  if (!parsed.ok()) return parsed.status().WithContext("run.detail_timeframe");
  const Timeframe detail = *parsed;
  RETURN_IF_ERROR(CheckDetailTimeframe(detail, base).WithContext("run.detail_timeframe"));
  for (SymbolSeries& s : *series) {
    ASSIGN_OR_RETURN(std::vector<Bar> bars,
                     candles.LoadBars(BarKey{s.exchange, s.symbol, detail}, from, to));
    if (bars.empty()) {
      return InvalidArgumentError(
          "run.detail_timeframe: the ohlcv table has no {} bars of {} on {} in the run's range: "
          "import them (`pulse data import FILE --symbol {} --timeframe {}`)",
          detail.ToString(), s.symbol, s.exchange, s.symbol, detail.ToString());
    }
    s.detail = DetailBars{detail, std::move(bars)};
  }
  return Status::Ok();
}

// Appends the bars stored since the last look that are later than `after` (a bar of a time
// the run has passed can no longer be used), and with `finer_from_table` (run.detail_timeframe)
// the finer bars stored after each series' last one. Returns how many base bars were appended.
Result<std::int64_t> PollNewBars(CandleStore& candles, Timeframe tf, UnixNanos after, UnixNanos to,
                                 bool finer_from_table, std::vector<SymbolSeries>* series) {
  std::int64_t added = 0;
  for (SymbolSeries& s : *series) {
    const UnixNanos since = std::max(after, s.bars.empty() ? after : s.bars.back().open_time) + 1;
    ASSIGN_OR_RETURN(std::vector<Bar> bars,
                     candles.LoadBars(BarKey{s.exchange, s.symbol, tf}, since, to));
    added += static_cast<std::int64_t>(bars.size());
    s.bars.insert(s.bars.end(), bars.begin(), bars.end());
    if (!finer_from_table || s.detail.bars.empty()) continue;
    ASSIGN_OR_RETURN(std::vector<Bar> finer,
                     candles.LoadBars(BarKey{s.exchange, s.symbol, s.detail.timeframe},
                                      s.detail.bars.back().open_time + 1, to));
    s.detail.bars.insert(s.detail.bars.end(), finer.begin(), finer.end());
  }
  return added;
}

// Sleeps through `sleep` or the thread's sleep_for.
void Wait(const RunOptions& options, std::int64_t nanos) {
  if (nanos <= 0) return;
  if (options.sleep) {
    options.sleep(nanos);
  } else {
    std::this_thread::sleep_for(std::chrono::nanoseconds(nanos));
  }
}

bool Stopping(const RunOptions& options) {
  return options.stop != nullptr && options.stop->load(std::memory_order_acquire);
}

}  // namespace

std::string RunFingerprint(const Config& config) {
  Config decisive = config;
  const Config defaults;
  decisive.environment = defaults.environment;
  decisive.database = defaults.database;
  decisive.logging = defaults.logging;
  decisive.replay = defaults.replay;
  decisive.notify = defaults.notify;
  // Where the bars and prints come from: the run's hash checks them.
  decisive.run.data = defaults.run.data;
  decisive.run.trades = defaults.run.trades;
  decisive.run.detail = defaults.run.detail;
  decisive.run.detail_timeframe = defaults.run.detail_timeframe;
  decisive.run.commit_every = defaults.run.commit_every;
  decisive.run.commit_interval_s = defaults.run.commit_interval_s;
  decisive.run.poll_interval_s = defaults.run.poll_interval_s;
  // The predictive warning is logged, not stored: its settings are left out altogether, so a
  // run stored before they existed keeps its fingerprint. So are the settings added since runs
  // were first stored while they are off (a run stored before they existed ran without them).
  std::vector<std::string_view> not_decisive = {"risk.forecast."};
  const std::pair<std::string_view, bool> added_later[] = {
      {"risk.traffic_light.auto_acknowledge_after_s",
       config.risk.light.auto_acknowledge_after_s == 0},
      {"risk.traffic_light.probation", !config.risk.light.probation},
      {"paper.max_volume_participation", config.paper.max_volume_participation == 0},
      {"risk.circuit_breakers.consecutive_losses.per_symbol",
       !config.risk.breakers.consecutive_losses_per_symbol},
      {"risk.circuit_breakers.min_time_between_trades.per_symbol",
       !config.risk.breakers.min_time_between_trades_per_symbol},
      {"signal.ensemble.accuracy_half_life_days",
       config.signal.engine.ensemble.accuracy_half_life_days == 0},
      {"risk.traffic_light.win_rate_confidence", config.risk.light.win_rate_confidence == 0},
  };
  for (const auto& [key, off] : added_later) {
    if (off) not_decisive.push_back(key);
  }
  const std::string yaml =
      DumpConfigYaml(decisive, /*mask_secrets=*/true, /*origins=*/nullptr, not_decisive);
  return Hex(signal::XxHash64({reinterpret_cast<const unsigned char*>(yaml.data()), yaml.size()}));
}

Result<RunSummary> RunPipeline(const Config& config, storage::SqlDatabase& db, const Clock& wall,
                               const RunOptions& options) {
  ASSIGN_OR_RETURN(indicators::FeatureSetSpec spec, FeatureSetSpecFromConfig(config.features));
  ASSIGN_OR_RETURN(const TimeRange range,
                   ParseTimeRange(config.run.from, "run.from", config.run.to, "run.to"));
  const UnixNanos from = range.from.value_or(std::numeric_limits<UnixNanos>::min());
  const UnixNanos to = range.to.value_or(std::numeric_limits<UnixNanos>::max());
  storage::SqlCandleStore candles(db);
  // Bars of the warm-up days before run.from feed the features only.
  const UnixNanos warm_from =
      range.from ? SubtractDaysSaturating(from, config.features.warm_up_days) : from;
  ASSIGN_OR_RETURN(std::vector<SymbolSeries> series,
                   LoadSeries(config, spec, candles, warm_from, to));
  RETURN_IF_ERROR(LoadDetail(config, spec.base, candles, warm_from, to, &series));
  const bool from_table = SplitCommaList(config.run.data).empty();
  ASSIGN_OR_RETURN(const std::vector<SymbolTrades> trades, LoadTrades(config, series));
  TradeStream trade_stream(trades);
  BarCloseCursor cursor(series, spec.base, warm_from, to);
  const std::optional<UnixNanos> first = BarCloseCursor(series, spec.base, from, to).Peek();
  if (!first) return InvalidArgumentError("{}", NoBarsMessage(series, range));

  storage::SqlRunStore runs(db);
  storage::SqlSignalStore signals(db, {.defer_shadows = true});
  storage::SqlPortfolioStore portfolio(db);
  storage::SqlControllerStore controller(db);
  storage::SqlPerformanceSnapshotStore snapshots(db);
  SimulatedClock clock(*first);
  const std::string fingerprint = RunFingerprint(config);
  RunSummary summary;
  summary.name = config.run.name;

  // The stored run (or a new one, created with the pipeline in one transaction).
  RunRecord stored;
  std::unique_ptr<Pipeline> pipeline;
  std::vector<ControllerCommand> replay_commands;
  ASSIGN_OR_RETURN(std::optional<RunRecord> existing, runs.FindRun(config.run.name));
  PipelineOptions pipeline_options;
  pipeline_options.keep_outcomes = false;
  if (existing) {
    stored = *existing;
    if (stored.fingerprint != fingerprint) {
      return FailedPreconditionError(
          "run '{}' in the store was started with other settings (fingerprint {}, now {}): "
          "set run.name to start another run, or use another store",
          stored.name, stored.fingerprint, fingerprint);
    }
    ASSIGN_OR_RETURN(std::vector<SignalId> ids, runs.PipelineSignalIdsAfter(stored.signals_before));
    pipeline_options.resume = PipelineResume{stored.checkpoint_close.value_or(*first), ids};
    ASSIGN_OR_RETURN(replay_commands, runs.AppliedCommands(stored.name));
    summary.resumed = true;
    summary.resumed_from = pipeline_options.resume->through;
    LOG_INFO("run {}: resuming after {} ({} bar closes stored); replaying them first", stored.name,
             FormatIso8601(summary.resumed_from), stored.bar_closes);
    ASSIGN_OR_RETURN(
        pipeline, Pipeline::Create(config, clock, {&signals, &portfolio, &controller, &snapshots},
                                   pipeline_options));
  } else {
    stored.name = config.run.name;
    stored.fingerprint = fingerprint;
    ASSIGN_OR_RETURN(stored.signals_before, runs.MaxSignalId());
    stored.checkpoint_close = *first;  // nothing before the first close
    stored.bars_hash = Hex(kHashSeed);
    stored.updated_at = *first;
    RETURN_IF_ERROR(db.InTransaction([&](storage::SqlDatabase&) -> Status {
      RETURN_IF_ERROR(runs.CreateRun(stored));
      ASSIGN_OR_RETURN(
          pipeline, Pipeline::Create(config, clock, {&signals, &portfolio, &controller, &snapshots},
                                     pipeline_options));
      return Status::Ok();
    }));
    LOG_INFO("run {}: started at {} over {} series", stored.name, FormatIso8601(*first),
             series.size());
  }

  // The pipeline took the settings; those that work against each other are said once.
  for (const std::string& warning : ConfigWarnings(config)) {
    LOG_WARN("run {}: settings: {}", config.run.name, warning);
  }

  RunRecord saved = stored;  // the progress in the store: each save expects it
  RunRecord run = stored;    // progress recomputed from the first bar
  run.bar_closes = 0;
  run.bars = 0;
  run.first_close.reset();
  std::uint64_t hash = kHashSeed;
  SymbolHashes symbol_hashes;
  const UnixNanos through = pipeline_options.resume ? pipeline_options.resume->through : *first;
  bool crossed = !pipeline_options.resume;
  std::size_t next_replay_command = 0;
  // Checks, when the first close after the checkpoint comes (or the data ends), that the
  // replay met the same bars and commands as the run that stored the rows.
  auto check_replay = [&]() -> Status {
    crossed = true;
    if (run.bar_closes != stored.bar_closes || Hex(hash) != stored.bars_hash) {
      return FailedPreconditionError(
          "run '{}' stored {} bar closes up to {} but the data now gives {} (bars hash {} vs "
          "{}): the data differs from the run's; set run.name to start another run",
          stored.name, stored.bar_closes, FormatIso8601(through), run.bar_closes, stored.bars_hash,
          Hex(hash));
    }
    if (next_replay_command != replay_commands.size()) {
      return FailedPreconditionError(
          "run '{}' applied controller command {} at {}, a bar close the data no longer has",
          stored.name, replay_commands[next_replay_command].id,
          FormatIso8601(*replay_commands[next_replay_command].applied_close));
    }
    return Status::Ok();
  };

  const Timeframe tf = pipeline->base_timeframe();
  const double speed = config.replay.speed;
  const int commit_every = speed > 0 ? 1 : config.run.commit_every;
  const auto commit_interval =
      static_cast<std::int64_t>(config.run.commit_interval_s * kNanosPerSecond);
  std::optional<UnixNanos> pace_sim;  // pacing anchors (first written close)
  UnixNanos pace_wall = 0;
  UnixNanos last_close = through;
  std::vector<SymbolBar> close;
  bool have = cursor.Next(&close);
  while (have && close.front().bar.open_time < from) {
    RETURN_IF_ERROR(pipeline->WarmUp(close));
    have = cursor.Next(&close);
  }
  const std::int64_t log_every = std::max<std::int64_t>(1, cursor.total_bars() / 10);
  std::int64_t next_log = log_every;

  // One close: the replay check when it passes the checkpoint, the trade prints before it,
  // due commands, the pipeline, the run's running
  // figures. Prints earlier than the pipeline's clock (before the first traded bar, or late
  // for a close already made) are skipped.
  std::size_t warnings_seen = 0;  // of pipeline->forecast_warnings(), logged or replayed
  analytics::DailyCloses prices;  // of every close traded, replayed ones included: the market
  std::optional<UnixNanos> first_open;
  auto one_close = [&](std::vector<ControllerCommand>& pending) -> Status {
    const UnixNanos close_time = close.front().bar.open_time + tf.NominalNanos();
    if (!first_open) first_open = close.front().bar.open_time;
    for (const SymbolBar& b : close) prices.Add(b.symbol, b.bar, close_time);
    if (!crossed && close_time > through) {
      RETURN_IF_ERROR(check_replay());
      ASSIGN_OR_RETURN(pending, runs.PendingCommands());
    }
    TradeStream::Item print;
    while (trade_stream.NextBefore(close_time, &print)) {
      if (print.time < clock.Now()) {
        ++summary.trades_skipped;
        continue;
      }
      const SymbolTrades& of = trades[print.series];
      Status st = pipeline->OnTrade(of.exchange, of.symbol, print.time, print.price);
      if (!st.ok()) {
        return st.WithContext(fmt::format("trade print at {}", FormatIso8601(print.time)));
      }
      hash = FoldTrade(hash, of.symbol, print.time, print.price);
      ++summary.trades;
    }
    if (!crossed) {
      while (next_replay_command < replay_commands.size() &&
             *replay_commands[next_replay_command].applied_close <= close_time) {
        const ControllerCommand& c = replay_commands[next_replay_command++];
        if (*c.applied_close != close_time) {
          return FailedPreconditionError(
              "run '{}' applied controller command {} at {}, a bar close the data no longer has",
              stored.name, c.id, FormatIso8601(*c.applied_close));
        }
        RETURN_IF_ERROR(pipeline->Apply(c, close_time));
      }
    } else {
      for (const ControllerCommand& c : pending) {
        RETURN_IF_ERROR(pipeline->Apply(c, close_time));
        RETURN_IF_ERROR(runs.MarkApplied(c.id, run.name, close_time));
        ++summary.commands_applied;
        LOG_INFO("run {}: {} applied at {}", run.name, ControllerCommandKindName(c.kind),
                 FormatIso8601(close_time));
      }
      pending.clear();
    }
    Status st = pipeline->OnBarClose(close);
    if (!st.ok()) return st.WithContext(fmt::format("bar close at {}", FormatIso8601(close_time)));
    RETURN_IF_ERROR(pipeline->SaveAccount());
    for (std::size_t row = 0; row < close.size(); ++row) {
      const std::uint64_t symbol_hash = symbol_hashes.At(row, close[row].symbol);
      hash = FoldBar(hash, symbol_hash, close[row].bar);
      // The finer bars count too (told from base bars by the flipped symbol hash).
      for (const Bar& finer : close[row].finer.bars) hash = FoldBar(hash, ~symbol_hash, finer);
    }
    ++run.bar_closes;
    run.bars += static_cast<std::int64_t>(close.size());
    if (!run.first_close) run.first_close = close_time;
    // Predictive warnings (a resume's replay made them in the process that stored the closes).
    const std::vector<LightForecastWarned>& warnings = pipeline->forecast_warnings();
    for (; warnings_seen < warnings.size(); ++warnings_seen) {
      if (pipeline->replaying()) continue;
      const LightForecastWarned& w = warnings[warnings_seen];
      LOG_WARN("run {}: light {} at {}, forecast: {}", run.name, TrafficLightName(w.light),
               FormatIso8601(w.at), w.text);
    }
    if (pipeline->replaying()) {
      ++summary.replayed_closes;
    } else {
      ++summary.bar_closes;
      summary.bars += static_cast<std::int64_t>(close.size());
    }
    last_close = close_time;
    return Status::Ok();
  };

  while (true) {
    if (!have) {
      if (options.exit_at_end || Stopping(options)) break;
      if (from_table) {
        Wait(options, static_cast<std::int64_t>(config.run.poll_interval_s * kNanosPerSecond));
        ASSIGN_OR_RETURN(std::int64_t added,
                         PollNewBars(candles, tf, last_close - tf.NominalNanos(), to,
                                     !config.run.detail_timeframe.empty(), &series));
        if (added > 0) {
          cursor.Refresh();
          have = cursor.Next(&close);
        }
      } else {
        Wait(options, kNanosPerSecond / 5);
      }
      continue;
    }
    Status batch = db.InTransaction([&](storage::SqlDatabase&) -> Status {
      std::vector<ControllerCommand> pending;
      if (crossed) {
        ASSIGN_OR_RETURN(pending, runs.PendingCommands());
      }
      const UnixNanos began = wall.Now();
      for (int n = 0; have && n < commit_every; ++n) {
        RETURN_IF_ERROR(one_close(pending));
        have = cursor.Next(&close);
        if (Stopping(options) || wall.Now() - began >= commit_interval) break;
      }
      if (pipeline->replaying()) return Status::Ok();
      run.checkpoint_close = last_close;
      run.bars_hash = Hex(hash);
      run.finished = false;
      run.updated_at = last_close;
      RETURN_IF_ERROR(runs.SaveProgress(run, saved));
      saved = run;
      return Status::Ok();
    });
    RETURN_IF_ERROR(batch);
    const std::int64_t bars_done = cursor.bars_given();
    if (options.progress) options.progress(bars_done, cursor.total_bars());
    if (bars_done >= next_log) {
      LOG_INFO("run {}: {} of {} bars, simulated time {}", run.name, bars_done, cursor.total_bars(),
               FormatIso8601(last_close));
      next_log = bars_done + log_every;
    }
    if (Stopping(options)) break;
    if (speed > 0 && !pipeline->replaying()) {
      if (!pace_sim) {
        pace_sim = last_close;
        pace_wall = wall.Now();
      }
      const auto due =
          pace_wall + static_cast<UnixNanos>(static_cast<double>(last_close - *pace_sim) / speed);
      Wait(options, due - wall.Now());
    }
  }

  // The loop ends at the end of the data with exit_at_end, or when stopped.
  summary.stopped = have || !options.exit_at_end;
  if (!summary.stopped) {
    RETURN_IF_ERROR(db.InTransaction([&](storage::SqlDatabase&) -> Status {
      if (!crossed) {
        RETURN_IF_ERROR(check_replay());
        // Stopped after its last close but before finishing: finish now.
        if (!stored.finished) RETURN_IF_ERROR(pipeline->EndReplay());
      }
      RETURN_IF_ERROR(pipeline->Finish(/*close_open=*/false));
      run.checkpoint_close = last_close;
      run.bars_hash = Hex(hash);
      run.finished = true;
      run.updated_at = last_close;
      RETURN_IF_ERROR(runs.SaveProgress(run, saved));
      saved = run;
      return Status::Ok();
    }));
    summary.finished = true;
  }
  summary.first_close = run.first_close.value_or(*first);
  summary.last_close = last_close;
  summary.counts = pipeline->counts();
  summary.portfolio = pipeline->portfolio();
  summary.sources = pipeline->source_activity();
  if (!pipeline->controller_history().empty()) {
    summary.controller_state = pipeline->controller_history().back().current;
  }
  ASSIGN_OR_RETURN(summary.forecast, pipeline->light_forecast());
  {
    // The whole run's account against its signals, from the store (earlier processes too).
    ASSIGN_OR_RETURN(const std::vector<OutcomeResolved> traded,
                     signals.ListClosedOutcomes(ClosedOutcomeFilter{}));
    TradeFilter account;
    account.account = config.paper.account;
    ASSIGN_OR_RETURN(const std::vector<Fill> fills, portfolio.ListTrades(account));
    ASSIGN_OR_RETURN(summary.paper_positions, analytics::ReconcilePaperPositions(traded, fills));
    summary.paper_vs_signals = analytics::SumPaperPositions(summary.paper_positions);
  }
  if (first_open) {
    ControllerStatusFilter rows_filter;
    rows_filter.until = last_close;
    ASSIGN_OR_RETURN(const std::vector<ControllerStatusRow> rows,
                     controller.ListStatus(rows_filter));
    summary.controller_time_pct =
        StateTimeJson(ControllerStateSpans(rows, *first_open, last_close), *first_open, last_close);
    std::vector<analytics::EquityPoint> account = {{*first_open, config.paper.starting_balance}};
    for (const EquityPoint& p : pipeline->equity_curve()) {
      if (p.time >= account.back().time) account.push_back({p.time, p.equity});
    }
    Result<MarketComparison> market =
        CompareWithMarket(account, prices.series(), config.paper.starting_balance, *first_open);
    // An account whose equity fell to zero or below has no returns to compare.
    if (market.ok()) {
      summary.market = std::move(*market);
    } else if (market.status().code() != StatusCode::kInvalidArgument) {
      return market.status();
    }
  }
  LOG_INFO("run {}: {} bar closes stored in this process ({} replayed), simulated time {}",
           run.name, summary.bar_closes, summary.replayed_closes, FormatIso8601(last_close));
  return summary;
}

}  // namespace pulse::app
