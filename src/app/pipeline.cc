#include "app/pipeline.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <variant>

#include "app/config/features_config.h"
#include "app/features_builder.h"
#include "app/performance_snapshots.h"
#include "app/signal_engine_builder.h"
#include "engines/paper/paper_engine.h"
#include "engines/risk/trading_controller.h"
#include "engines/signal/signal_engine.h"
#include "engines/tracker/outcome_tracker.h"

namespace pulse::app {

namespace {

// One symbol the pipeline has seen: its streaming features and its tracker book.
struct SymbolState {
  std::string exchange;
  std::string symbol;
  StreamingFeatures features;
  tracker::OutcomeTracker::BookId book = 0;
};

}  // namespace

struct Pipeline::State {
  State(SimulatedClock& c, PipelineStores s, PipelineOptions o, Timeframe tf,
        indicators::FeatureSetSpec sp, std::unique_ptr<signal::SignalEngine> e,
        const tracker::TrackerConfig& tc, paper::PaperEngine p, risk::TradingController r)
      : clock(c),
        stores(s),
        options(std::move(o)),
        base(tf),
        spec(std::move(sp)),
        engine(std::move(e)),
        tracker(tc, c),
        paper(std::move(p)),
        controller(std::move(r)) {}

  SimulatedClock& clock;
  PipelineStores stores;
  PipelineOptions options;
  std::size_t next_resume_id = 0;  // into options.resume->signal_ids
  bool resume_checked = false;
  // The feature fed to the controller's volatility breaker (-1: none) and its scale.
  int volatility_index = -1;
  double volatility_scale = 1;
  Timeframe base;
  indicators::FeatureSetSpec spec;
  std::unique_ptr<signal::SignalEngine> engine;
  tracker::OutcomeTracker tracker;
  paper::PaperEngine paper;
  risk::TradingController controller;
  std::vector<RiskStateChanged> risk_history;
  std::vector<CircuitBreakerTripped> trips;
  std::vector<LightForecastWarned> forecast_warnings;
  std::map<std::string, SymbolState, std::less<>> symbols;  // "exchange:symbol"
  std::string key;
  // The symbol of each position of the last close: callers pass the same symbols in the same
  // order at every close, so the lookup by name is mostly skipped.
  std::vector<SymbolState*> rows;
  SignalId next_id = 1;                               // without a signal store
  std::optional<AccountState> saved_account;          // as SaveAccount last wrote it
  std::optional<PerformanceSnapshotter> snapshotter;  // with a snapshot store
  UnixNanos created_at = 0;                           // the clock at Create
  PipelineCounts counts;
  std::vector<OutcomeResolved> outcomes;
  std::vector<EquityPoint> equity;
  // Reused per close.
  std::vector<signal::BarCloseInput> inputs;
  std::vector<OutcomeResolved> resolved;
  signal::BarCloseOutput output;
  // Flatten requests waiting for the bars of the close (a command applied before them).
  std::vector<FlattenRequested> pending_flatten;
  // Signals whose positions a flatten is closing: the tracker ends them with the paper close.
  std::vector<SignalId> flattened;

  Result<SymbolState*> Symbol(std::string_view exchange, std::string_view symbol);
  // Symbol(), first trying the symbol that had position `row` at the last close.
  Result<SymbolState*> SymbolAt(std::size_t row, std::string_view exchange,
                                std::string_view symbol);
  // False while a resume replays closes that are stored already.
  bool Writing() const { return !options.resume || clock.Now() > options.resume->through; }
  // Once writing starts (or at the end, `at_end`), every stored id must have been taken.
  Status CheckResumeDone(bool at_end);
  Result<std::vector<SignalId>> NewSignalIds(
      std::span<const Signal> signals,
      const std::vector<std::vector<TheoryContribution>>& contributions);
  Status Store(const OutcomeResolved& outcome);
  Status Learn(const OutcomeResolved& outcome);
  // A shadow resolved: the engine may record the next candidate of its symbol and direction.
  Status ReleaseShadow(const OutcomeResolved& outcome);
  Status DrainPaperEvents();
  // Stores the outcomes in `resolved`, teaches the engine and the controller with the real
  // ones, and keeps them for outcomes().
  Status ProcessResolved();
  // Stores the controller's state changes and keeps its trips; with `flatten_now`, closes the
  // positions its flatten requests name (else they wait for the next call that may).
  Status DrainControllerOutputs(bool flatten_now = true);
  Status TrackNewSignals();
};

Result<SymbolState*> Pipeline::State::Symbol(std::string_view exchange, std::string_view symbol) {
  key.assign(exchange).append(":").append(symbol);
  auto it = symbols.find(key);
  if (it != symbols.end()) return &it->second;
  ASSIGN_OR_RETURN(StreamingFeatures features, StreamingFeatures::Create(spec));
  auto [inserted, ok] =
      symbols.emplace(key, SymbolState{std::string(exchange), std::string(symbol),
                                       std::move(features), tracker.BookOf(exchange, symbol)});
  return &inserted->second;
}

Result<SymbolState*> Pipeline::State::SymbolAt(std::size_t row, std::string_view exchange,
                                               std::string_view symbol) {
  if (row < rows.size()) {
    SymbolState* last = rows[row];
    if (last->symbol == symbol && last->exchange == exchange) return last;
  }
  ASSIGN_OR_RETURN(SymbolState * found, Symbol(exchange, symbol));
  if (row >= rows.size()) rows.resize(row + 1);
  rows[row] = found;
  return found;
}

Status Pipeline::State::CheckResumeDone(bool at_end) {
  if (!options.resume || resume_checked || (!at_end && !Writing())) return Status::Ok();
  resume_checked = true;
  const std::size_t stored = options.resume->signal_ids.size();
  if (next_resume_id == stored) {
    // The snapshot schedule as it stood after the last stored close: rounds due after it are
    // written, the ones before it are stored already.
    if (snapshotter && options.resume->through > created_at) {
      RETURN_IF_ERROR(snapshotter->OnBarClose(options.resume->through));
    }
    return Status::Ok();
  }
  return FailedPreconditionError(
      "the run stored {} signals up to {} but replaying the same bars made {}: the data or the "
      "configuration differs from the run that stored them",
      stored, FormatIso8601(options.resume->through), next_resume_id);
}

// Ids for new signals: the store's, or while replaying the ones stored for them before.
Result<std::vector<SignalId>> Pipeline::State::NewSignalIds(
    std::span<const Signal> signals,
    const std::vector<std::vector<TheoryContribution>>& contributions) {
  std::vector<SignalId> ids;
  if (!Writing()) {
    const std::vector<SignalId>& stored = options.resume->signal_ids;
    for (std::size_t i = 0; i < signals.size(); ++i) {
      if (next_resume_id == stored.size()) {
        return FailedPreconditionError(
            "replaying the stored bar closes up to {} made more signals than the {} the run "
            "stored: the data or the configuration differs from the run that stored them",
            FormatIso8601(options.resume->through), stored.size());
      }
      ids.push_back(stored[next_resume_id++]);
    }
    return ids;
  }
  if (stores.signals != nullptr) {
    return stores.signals->AddSignalsWithContributions(signals, contributions);
  }
  for (std::size_t i = 0; i < signals.size(); ++i) ids.push_back(next_id++);
  return ids;
}

Status Pipeline::State::Store(const OutcomeResolved& outcome) {
  if (stores.signals == nullptr || !Writing()) return Status::Ok();
  return stores.signals->SaveOutcome(outcome.result, outcome.contributions);
}

// What a resolved real signal teaches the signal engine (its sources' accuracy, the open
// signal book, the sizing statistics).
Status Pipeline::State::Learn(const OutcomeResolved& outcome) {
  signal::SignalClosed closed;
  closed.exchange = outcome.signal.exchange;
  closed.symbol = outcome.signal.symbol;
  closed.direction = outcome.signal.direction;
  closed.closed_at = outcome.result.exit_time.value_or(clock.Now());
  closed.pnl_percent = outcome.result.pnl_percent_net.value_or(0);
  for (const TheoryContribution& c : outcome.contributions) {
    if (c.was_correct) closed.source_correct.emplace_back(c.theory_name, *c.was_correct);
  }
  return engine->OnSignalClosed(closed);
}

Status Pipeline::State::ProcessResolved() {
  for (OutcomeResolved& r : resolved) {
    RETURN_IF_ERROR(Store(r));
    if (r.shadow) {
      ++counts.shadows_resolved;
      RETURN_IF_ERROR(ReleaseShadow(r));
      RETURN_IF_ERROR(controller.OnOutcome(r));  // a denied signal's, on probation
    } else {
      ++counts.resolved;
      RETURN_IF_ERROR(Learn(r));
      RETURN_IF_ERROR(controller.OnOutcome(r));
    }
    if (options.keep_outcomes) outcomes.push_back(std::move(r));
  }
  resolved.clear();
  return Status::Ok();
}

Status Pipeline::State::ReleaseShadow(const OutcomeResolved& outcome) {
  signal::SignalClosed closed;
  closed.exchange = outcome.signal.exchange;
  closed.symbol = outcome.signal.symbol;
  closed.direction = outcome.signal.direction;
  closed.closed_at = outcome.result.exit_time.value_or(clock.Now());
  closed.shadow = true;
  return engine->OnSignalClosed(closed);
}

Status Pipeline::State::DrainPaperEvents() {
  for (paper::PaperEvent& event : paper.TakeEvents()) {
    if (auto* opened = std::get_if<PositionOpened>(&event)) {
      ++counts.fills;
      controller.OnEntry(opened->fill.time, opened->position.symbol);
      if (stores.portfolio != nullptr && Writing()) {
        RETURN_IF_ERROR(
            stores.portfolio->RecordFill(opened->fill, opened->position, opened->account));
      }
    } else if (auto* closed = std::get_if<PositionClosed>(&event)) {
      ++counts.fills;
      if (stores.portfolio != nullptr && Writing()) {
        RETURN_IF_ERROR(
            stores.portfolio->RecordFill(closed->fill, closed->position, closed->account));
      }
      const SignalId id = closed->position.signal_id;
      if (auto it = std::find(flattened.begin(), flattened.end(), id); it != flattened.end()) {
        // Closed by a flatten: the signal's outcome is that close, at the market price.
        flattened.erase(it);
        Result<OutcomeResolved> ended =
            tracker.Exit(id, closed->fill.reference_price, closed->fill.time, closed->fill.reason);
        if (ended.ok()) {
          resolved.push_back(std::move(*ended));
        } else if (ended.status().code() != StatusCode::kNotFound) {
          return ended.status();
        }
      }
    } else {
      ++counts.orders_rejected;
    }
  }
  return Status::Ok();
}

// Stores every state change, keeps the trips, and closes the paper positions a flatten request
// names (an emergency stop or a breaker set to flatten); the tracker ends their signals with
// those closes.
Status Pipeline::State::DrainControllerOutputs(bool flatten_now) {
  risk::ControllerOutputs outputs = controller.TakeOutputs();
  for (RiskStateChanged& change : outputs.state_changes) {
    if (stores.controller != nullptr && Writing()) {
      RETURN_IF_ERROR(stores.controller->AppendStatus(StatusRowOf(change)).status());
    }
    risk_history.push_back(std::move(change));
  }
  for (CircuitBreakerTripped& trip : outputs.trips) trips.push_back(std::move(trip));
  counts.forecast_warnings += static_cast<std::int64_t>(outputs.forecast_warnings.size());
  for (LightForecastWarned& w : outputs.forecast_warnings)
    forecast_warnings.push_back(std::move(w));
  for (FlattenRequested& flatten : outputs.flatten) pending_flatten.push_back(std::move(flatten));
  if (!flatten_now) return Status::Ok();
  for (const FlattenRequested& flatten : pending_flatten) {
    std::vector<SignalId> ids;
    for (const Position& p : paper.open_positions()) {
      if (flatten.symbol.empty() || p.symbol == flatten.symbol) ids.push_back(p.signal_id);
    }
    flattened.insert(flattened.end(), ids.begin(), ids.end());
    if (flatten.symbol.empty()) {
      paper.CloseAll(flatten.reason);  // queued entries are cancelled too
      continue;
    }
    for (SignalId id : ids) RETURN_IF_ERROR(paper.ClosePosition(id, flatten.reason));
  }
  pending_flatten.clear();
  RETURN_IF_ERROR(DrainPaperEvents());
  flattened.clear();
  return ProcessResolved();
}

// The controller reviews the emitted signals; approved and rejected candidates and denied
// signals are stored (one transaction), the approved ones go to the paper engine, every one of
// them to the tracker (rejected and denied as shadows).
Status Pipeline::State::TrackNewSignals() {
  std::vector<Signal> signals;
  std::vector<std::vector<TheoryContribution>> contributions;
  std::vector<bool> shadow;
  for (SignalEmitted& e : output.emitted) {
    risk::ReviewDecision decision = controller.Review(e.signal);
    if (auto* denied = std::get_if<SignalDenied>(&decision)) {
      ++counts.denied;
      // Not traded: the engine frees its slot and follows it as a shadow instead.
      RETURN_IF_ERROR(engine->OnSignalDenied(denied->signal.exchange, denied->signal.symbol,
                                             denied->signal.direction, clock.Now()));
      signals.push_back(DeniedSignalForStorage(*denied));
      shadow.push_back(true);
    } else {
      signals.push_back(std::move(e.signal));
      shadow.push_back(false);
    }
    contributions.push_back(std::move(e.contributions));
  }
  for (SignalRejected& r : output.rejected) {
    signals.push_back(std::move(r.signal));
    contributions.push_back(std::move(r.contributions));
    shadow.push_back(true);
  }
  if (signals.empty()) return Status::Ok();
  ASSIGN_OR_RETURN(std::vector<SignalId> ids, NewSignalIds(signals, contributions));
  for (std::size_t i = 0; i < signals.size(); ++i) {
    signals[i].id = ids[i];
    for (TheoryContribution& c : contributions[i]) c.signal_id = ids[i];
    if (!shadow[i]) paper.OnSignalApproved(signals[i]);
    RETURN_IF_ERROR(tracker.Track(std::move(signals[i]), std::move(contributions[i]), shadow[i]));
  }
  return DrainPaperEvents();
}

namespace {

// The index of risk.circuit_breakers.volatility.feature among the features `names` (-1 when it
// feeds nothing: empty, or the breaker off); InvalidArgument when it is not one of them.
Result<int> VolatilityFeatureIndex(const Config& config, const std::vector<std::string>& names) {
  const std::string& feature = config.risk.breakers.volatility_feature;
  if (feature.empty() || !config.risk.breakers.volatility.enabled) return -1;
  auto it = std::find(names.begin(), names.end(), feature);
  if (it == names.end()) {
    return InvalidArgumentError(
        "risk.circuit_breakers.volatility.feature '{}' is not a feature of the configured "
        "set (for example 5m.natr_14 with natr:14 in the 5m set; \"\" feeds nothing)",
        feature);
  }
  return static_cast<int>(it - names.begin());
}

}  // namespace

std::vector<std::string> PipelineConfigProblems(const Config& config) {
  std::vector<std::string> problems;
  auto note = [&problems](const Status& status) {
    if (!status.ok()) problems.push_back(status.message());
  };
  Result<indicators::FeatureSetSpec> spec = FeatureSetSpecFromConfig(config.features);
  note(spec.status());
  if (spec.ok()) {
    Result<StreamingFeatures> probe = StreamingFeatures::Create(*spec);
    note(probe.status());
    if (probe.ok()) {
      const std::vector<std::string> names = probe->Names();
      note(BuildSignalEngine(config.signal, spec->base, names).status());
      note(VolatilityFeatureIndex(config, names).status());
    }
  }
  note(TrackerConfigFrom(config).Validate());
  note(PaperConfigFrom(config).Validate());
  SimulatedClock clock;
  note(risk::TradingController::Create(config.risk, clock).status());
  if (config.snapshots.enabled) note(config.snapshots.Validate());
  return problems;
}

Pipeline::Pipeline(std::unique_ptr<State> state) : state_(std::move(state)) {}
Pipeline::~Pipeline() = default;

Result<std::unique_ptr<Pipeline>> Pipeline::Create(const Config& config, SimulatedClock& clock,
                                                   PipelineStores stores, PipelineOptions options) {
  ASSIGN_OR_RETURN(indicators::FeatureSetSpec spec, FeatureSetSpecFromConfig(config.features));
  ASSIGN_OR_RETURN(StreamingFeatures probe, StreamingFeatures::Create(spec));
  ASSIGN_OR_RETURN(std::unique_ptr<signal::SignalEngine> engine,
                   BuildSignalEngine(config.signal, spec.base, probe.Names()));
  const tracker::TrackerConfig tracker_config = TrackerConfigFrom(config);
  RETURN_IF_ERROR(tracker_config.Validate());
  ASSIGN_OR_RETURN(paper::PaperEngine paper,
                   paper::PaperEngine::Create(PaperConfigFrom(config), clock));
  ASSIGN_OR_RETURN(risk::TradingController controller,
                   risk::TradingController::Create(config.risk, clock));
  ASSIGN_OR_RETURN(const int volatility_index, VolatilityFeatureIndex(config, probe.Names()));
  const Timeframe base = spec.base;
  auto pipeline = std::unique_ptr<Pipeline>(new Pipeline(std::make_unique<State>(
      clock, stores, std::move(options), base, std::move(spec), std::move(engine), tracker_config,
      std::move(paper), std::move(controller))));
  pipeline->state_->volatility_index = volatility_index;
  pipeline->state_->created_at = clock.Now();
  if (stores.snapshots != nullptr && stores.signals != nullptr && config.snapshots.enabled) {
    ASSIGN_OR_RETURN(PerformanceSnapshotter snapshotter,
                     PerformanceSnapshotter::Create(config.snapshots, config.risk.time_zone,
                                                    config.paper.starting_balance, *stores.signals,
                                                    *stores.snapshots));
    pipeline->state_->snapshotter.emplace(std::move(snapshotter));
  }
  pipeline->state_->volatility_scale = config.risk.breakers.volatility_feature_scale;
  RETURN_IF_ERROR(pipeline->state_->DrainControllerOutputs());
  return pipeline;
}

Timeframe Pipeline::base_timeframe() const { return state_->base; }

Status Pipeline::OnBarClose(std::span<const SymbolBar> bars) {
  State& s = *state_;
  if (bars.empty()) return Status::Ok();
  const UnixNanos open_time = bars.front().bar.open_time;
  const UnixNanos close_time = open_time + s.base.NominalNanos();
  s.clock.SetTime(close_time);
  RETURN_IF_ERROR(s.CheckResumeDone(/*at_end=*/false));
  s.inputs.clear();
  s.resolved.clear();
  for (std::size_t row = 0; row < bars.size(); ++row) {
    const SymbolBar& b = bars[row];
    if (b.bar.open_time != open_time) {
      return InvalidArgumentError("{} {}: bar at {} in the close of {}", b.exchange, b.symbol,
                                  FormatIso8601(b.bar.open_time), FormatIso8601(open_time));
    }
    ASSIGN_OR_RETURN(SymbolState * symbol, s.SymbolAt(row, b.exchange, b.symbol));
    Status st = symbol->features.OnBaseBar(b.bar);
    if (!st.ok()) return st.WithContext(fmt::format("{} {}", b.exchange, b.symbol));
    // Signals and positions opened on earlier bars meet this bar before the engine sees it.
    s.tracker.OnBar(symbol->book, s.base, b.bar, b.finer, &s.resolved);
    RETURN_IF_ERROR(s.paper.OnBar(b.symbol, b.bar, b.finer.bars));
    const std::span<const double> values = symbol->features.Values();
    s.inputs.push_back(signal::BarCloseInput{symbol->exchange, symbol->symbol, b.bar, values});
    if (s.volatility_index >= 0) {
      const double v = values[static_cast<std::size_t>(s.volatility_index)];
      if (std::isfinite(v) && v >= 0) {
        RETURN_IF_ERROR(
            s.controller.OnVolatility(close_time, symbol->symbol, v * s.volatility_scale));
      }
    }
  }
  s.counts.bars += static_cast<std::int64_t>(bars.size());
  ++s.counts.bar_closes;
  RETURN_IF_ERROR(s.DrainPaperEvents());
  RETURN_IF_ERROR(s.ProcessResolved());
  RETURN_IF_ERROR(s.controller.OnEquity(close_time, s.paper.Equity()));
  RETURN_IF_ERROR(s.DrainControllerOutputs());
  s.output.emitted.clear();
  s.output.rejected.clear();
  s.output.counts = {};
  RETURN_IF_ERROR(s.engine->OnBarClose(s.inputs, &s.output));
  s.counts.emitted += static_cast<std::int64_t>(s.output.emitted.size());
  s.counts.rejected += static_cast<std::int64_t>(s.output.rejected.size());
  s.counts.candidates_rejected += s.output.counts.rejected;
  RETURN_IF_ERROR(s.TrackNewSignals());
  RETURN_IF_ERROR(s.DrainControllerOutputs());
  if (std::optional<EquityPoint> point = s.paper.TakeLatestEquityPoint()) {
    s.equity.push_back(*point);
  }
  if (s.snapshotter && s.Writing()) RETURN_IF_ERROR(s.snapshotter->OnBarClose(close_time));
  return Status::Ok();
}

Status Pipeline::WarmUp(std::span<const SymbolBar> bars) {
  State& s = *state_;
  for (const SymbolBar& b : bars) {
    ASSIGN_OR_RETURN(SymbolState * symbol, s.Symbol(b.exchange, b.symbol));
    Status st = symbol->features.OnBaseBar(b.bar);
    if (!st.ok()) return st.WithContext(fmt::format("{} {} (warm-up)", b.exchange, b.symbol));
  }
  return Status::Ok();
}

Status Pipeline::OnTrade(std::string_view exchange, std::string_view symbol, UnixNanos time,
                         double price) {
  State& s = *state_;
  if (time < s.clock.Now()) {
    return InvalidArgumentError("{} {}: trade at {} is before the last event at {}", exchange,
                                symbol, FormatIso8601(time), FormatIso8601(s.clock.Now()));
  }
  if (!(std::isfinite(price) && price > 0)) {
    return InvalidArgumentError("{} {}: trade price {} is not positive", exchange, symbol, price);
  }
  s.clock.SetTime(time);
  RETURN_IF_ERROR(s.CheckResumeDone(/*at_end=*/false));
  s.resolved.clear();
  s.tracker.OnTrade(exchange, symbol, time, price, &s.resolved);
  if (s.resolved.empty()) return Status::Ok();
  RETURN_IF_ERROR(s.ProcessResolved());
  return s.DrainControllerOutputs();
}

Status Pipeline::Apply(const ControllerCommand& command, UnixNanos at) {
  State& s = *state_;
  if (at < s.clock.Now()) {
    return InvalidArgumentError("controller command at {} is before the last close at {}",
                                FormatIso8601(at), FormatIso8601(s.clock.Now()));
  }
  s.clock.SetTime(at);
  switch (command.kind) {
    case ControllerCommandKind::kPause:
      s.controller.Pause({command.requested_by, command.note});
      break;
    case ControllerCommandKind::kResume:
      s.controller.Resume({command.requested_by, command.note, command.acknowledge_red});
      break;
    case ControllerCommandKind::kEmergencyStop:
      s.controller.EmergencyStop({command.requested_by, command.note});
      break;
  }
  // The positions an emergency stop closes are closed at this close's prices, once its bars
  // are seen (OnBarClose).
  return s.DrainControllerOutputs(/*flatten_now=*/false);
}

Status Pipeline::SaveAccount() {
  State& s = *state_;
  if (s.stores.portfolio == nullptr || !s.Writing()) return Status::Ok();
  if (s.paper.open_positions().empty() && s.saved_account &&
      *s.saved_account == s.paper.account()) {
    return Status::Ok();
  }
  RETURN_IF_ERROR(s.stores.portfolio->SaveState(s.paper.account(), s.paper.open_positions()));
  s.saved_account = s.paper.account();
  return Status::Ok();
}

bool Pipeline::replaying() const { return !state_->Writing(); }

Status Pipeline::EndReplay() {
  State& s = *state_;
  if (!s.options.resume) return Status::Ok();
  RETURN_IF_ERROR(s.CheckResumeDone(/*at_end=*/true));  // also starts the snapshot schedule
  s.options.resume.reset();
  return Status::Ok();
}

Status Pipeline::Finish(bool close_open) {
  State& s = *state_;
  RETURN_IF_ERROR(s.CheckResumeDone(/*at_end=*/true));
  if (!close_open) {
    RETURN_IF_ERROR(SaveAccount());
    if (s.snapshotter && s.Writing()) RETURN_IF_ERROR(s.snapshotter->Finish(s.clock.Now()));
    return Status::Ok();
  }
  s.paper.CloseAll(kExitEndOfData);
  RETURN_IF_ERROR(s.DrainPaperEvents());
  s.resolved.clear();
  s.tracker.ExitAll(kExitEndOfData, /*include_shadows=*/true, &s.resolved);
  for (OutcomeResolved& r : s.resolved) {
    RETURN_IF_ERROR(s.Store(r));
    ++(r.shadow ? s.counts.shadows_resolved : s.counts.resolved);
    if (s.options.keep_outcomes) s.outcomes.push_back(std::move(r));
  }
  const std::vector<EquityPoint> points = s.paper.TakeEquityCurve();
  if (!points.empty()) s.equity.push_back(points.back());
  RETURN_IF_ERROR(SaveAccount());
  if (s.snapshotter && s.Writing()) RETURN_IF_ERROR(s.snapshotter->Finish(s.clock.Now()));
  return Status::Ok();
}

const PipelineCounts& Pipeline::counts() const { return state_->counts; }
const std::vector<OutcomeResolved>& Pipeline::outcomes() const { return state_->outcomes; }
const std::vector<EquityPoint>& Pipeline::equity_curve() const { return state_->equity; }
PortfolioSnapshot Pipeline::portfolio() const { return state_->paper.Snapshot(); }
std::vector<signal::SourceActivity> Pipeline::source_activity() const {
  return state_->engine->SourceActivities();
}
const std::vector<RiskStateChanged>& Pipeline::controller_history() const {
  return state_->risk_history;
}
const std::vector<CircuitBreakerTripped>& Pipeline::breaker_trips() const { return state_->trips; }

const std::vector<LightForecastWarned>& Pipeline::forecast_warnings() const {
  return state_->forecast_warnings;
}

Result<LightForecastView> Pipeline::light_forecast() const {
  return LightForecastOf(state_->controller);
}

}  // namespace pulse::app
