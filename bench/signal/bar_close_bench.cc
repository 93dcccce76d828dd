// The whole signal path on one bar close for 1000 symbols, single thread: every symbol's
// FeatureSet of the embedded default configuration (FeatureUniverse, warmed up on the bundled
// 5m candles), then SignalEngine::OnBarClose over all symbols: the default theories, ONE XGBoost
// model (trained in the set-up by app::TrainModel on the BTC 5m sample, 30 rounds, so setup stays
// quick), the ensemble, the classifier, the open-signal book, levels, quality gates and sizing.
// The engine is built as `pulse signals generate` builds it (app::BuildSignalEngine).
//
// Every iteration is one consecutive 5m close (a mix of 5m, 15m, 1h and 4h closes as they come)
// and runs the same three timed phases on the same bars:
//   features   FeatureSet updates of all symbols (incl. bar aggregation)
//   theories   OnBarClose of an engine without the model (theories + blend + gates)
//   engine     OnBarClose of the engine with the model (theories + one batched Predict + ...)
// The rows differ only in which phases make the reported (manual) iteration time:
//   BM_SignalBarClose_Features          features (the baseline)
//   BM_SignalBarClose_FeaturesTheories  features + theories
//   BM_SignalBarClose_FeaturesEngine    features + engine: the goal, < 5 ms per close
// Counters (means over the run's closes): us_per_close (the reported phases),
// ns_per_symbol (us_per_close / symbols), p50/p99_ns_per_symbol (nearest-rank percentiles over
// the closes of the reported time / symbols: the engine batches all symbols into one call, so a
// symbol's share is derived from its close, not timed alone), features_us, theories_us,
// engine_us, model_us (engine - theories: Predict and the model's share of the blend),
// engine_over_features (engine_us / features_us), and per close of the engine with the model:
// evaluated, emitted, rejected (candidates that failed a gate), records (SignalEmitted +
// SignalRejected records output), rejected_records, rejected_while_shadow_open (rejected and
// only counted: a shadow of that symbol and direction was open), rejected_by_confidence /
// _volume / _reward_risk, blocked (open signal or cooldown), shadows_closed, open_shadows (at the
// end of the close).
// Both engines run the default configuration, so the default shadow policy
// (one_per_symbol_direction); PULSE_BENCH_SHADOWS=all|none sets another one for a side-by-side
// look (the reported figures are with the default). Outcomes come back as in the pipeline, from
// a stand-in for the outcome tracker (untimed, before each engine's OnBarClose): every emitted
// signal (treated as approved) and every rejected record (a shadow) is followed on its symbol's
// bars until its stop or take-profit is touched (stop first when both), then reported with
// OnSignalClosed (shadow for the rejected ones). Without it the shadow slots would never free
// and the records would stop after the first rejection of each symbol and direction, which
// would flatter the engine.
// PULSE_BENCH_RECORDS=<file> writes every record the engine with the model outputs (set-up and
// timed closes, every field, doubles in hex) to that file, one line per record, to check that a
// change to the engine leaves its output byte for byte as it was.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "adapters/inference/testing/temp_dir.h"
#include "analytics/bracket_exit.h"
#include "app/config/config.h"
#include "app/model_training.h"
#include "app/signal_engine_builder.h"
#include "bench/features/feature_universe.h"
#include "engines/signal/signal_engine.h"

#include <fmt/format.h>

namespace pulse {
namespace {

using bench::FeatureUniverse;
using Clock = std::chrono::steady_clock;

constexpr int kEngineWarmUpCloses = 60;  // > the 20-bar swing, volume and ATR % windows

// Stands in for the outcome tracker of one engine: follows the records it output until their
// bracket is hit and reports them closed (real signals and shadows).
class OutcomeStandIn {
 public:
  // Symbol name -> index in the universe.
  explicit OutcomeStandIn(const std::unordered_map<std::string, std::size_t>* index)
      : index_(index) {}

  // Checks every followed record against its symbol's bar of this close and reports the ones
  // whose stop or take-profit it touched. Returns how many shadows closed.
  int OnBars(const bench::FeatureUniverse& u, signal::SignalEngine& engine) {
    int shadows_closed = 0;
    std::size_t kept = 0;
    for (Followed& f : followed_) {
      const Bar& bar = u.symbol(f.symbol).last;
      const analytics::BracketHit hit = analytics::ResolveBoth(
          analytics::CheckBracket(f.bracket, bar), analytics::BothHitPolicy::kStopLossFirst);
      if (hit == analytics::BracketHit::kNone) {
        followed_[kept++] = f;
        continue;
      }
      signal::SignalClosed closed;
      closed.exchange = "bench";
      closed.symbol = u.symbol(f.symbol).name;
      closed.direction = f.bracket.direction;
      closed.closed_at = bar.open_time;
      closed.shadow = f.shadow;
      const double exit = analytics::ExitPrice(f.bracket, hit, bar);
      const double side = f.bracket.direction == Direction::kLong ? 1.0 : -1.0;
      closed.pnl_percent = side * (exit - f.bracket.entry) / f.bracket.entry * 100;
      Status st = engine.OnSignalClosed(closed);
      if (!st.ok()) {
        std::fprintf(stderr, "closing %s: %s\n", closed.symbol.c_str(), st.ToString().c_str());
        std::abort();
      }
      shadows_closed += f.shadow ? 1 : 0;
    }
    followed_.resize(kept);
    return shadows_closed;
  }

  // Follows what one close output.
  void Follow(const signal::BarCloseOutput& out) {
    for (const SignalEmitted& e : out.emitted) Add(e.signal, false);
    for (const SignalRejected& r : out.rejected) Add(r.signal, true);
  }

  int open_shadows() const {
    int n = 0;
    for (const Followed& f : followed_) n += f.shadow ? 1 : 0;
    return n;
  }

 private:
  struct Followed {
    std::size_t symbol;
    analytics::Bracket bracket;
    bool shadow;
  };

  void Add(const Signal& s, bool shadow) {
    followed_.push_back(
        {index_->at(s.symbol), {s.direction, s.entry_price, s.stop_loss, s.take_profit}, shadow});
  }

  const std::unordered_map<std::string, std::size_t>* index_;
  std::vector<Followed> followed_;
};

// One output record as a line: every stored field, doubles in hex (exact).
std::string RecordLine(const Signal& s, const std::vector<TheoryContribution>& contributions) {
  auto opt = [](const std::optional<double>& v) {
    return v ? fmt::format("{:a}", *v) : std::string("-");
  };
  std::string line = fmt::format(
      "{}|{}|{}|{}|{:a}|{:a}|{:a}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}|{}", s.id, s.symbol,
      s.exchange, s.timeframe, s.entry_price, s.stop_loss, s.take_profit, opt(s.confidence),
      opt(s.size), s.source, SignalStatusName(s.status), s.created_at, s.notes, opt(s.prediction),
      s.classification ? SignalClassName(*s.classification) : "-", opt(s.trailing_activation_pct),
      opt(s.trailing_pct), s.max_hold_minutes ? fmt::format("{}", *s.max_hold_minutes) : "-",
      s.model_version, s.feature_hash, DirectionName(s.direction));
  for (const GateCheck& c : s.gate_checks) {
    line +=
        fmt::format("|gate {} {:a} {:a} {} {}", c.gate, c.value, c.threshold, c.passed, c.reason);
  }
  for (const TheoryContribution& c : contributions) {
    line +=
        fmt::format("|source {} {} {:a} {} {}", c.signal_id, c.theory_name, c.contribution_score,
                    c.was_correct ? (*c.was_correct ? 1 : 0) : -1, c.created_at);
  }
  return line;
}

// Both engines over the shared universe, fed the same closes.
class BarClosePath {
 public:
  static BarClosePath& Get() {
    static BarClosePath* path = new BarClosePath();
    return *path;
  }

  bool ok() const { return error_.empty(); }
  const std::string& error() const { return error_; }

  struct Times {
    double features = 0, theories = 0, engine = 0;  // seconds
    int shadows_closed = 0;                         // of the engine with the model
  };

  // One close: features, then each engine on the same inputs.
  Times Close() {
    FeatureUniverse& u = FeatureUniverse::Get(FeatureUniverse::Feeding::kBaseBars);
    Times t;
    auto start = Clock::now();
    benchmark::DoNotOptimize(u.Update(true));
    auto end = Clock::now();
    t.features = std::chrono::duration<double>(end - start).count();
    for (std::size_t i = 0; i < u.size(); ++i) {
      const bench::UniverseSymbol& s = u.symbol(i);
      inputs_[i] = signal::BarCloseInput{"bench", s.name, s.last, s.features.Values()};
    }
    // As in the pipeline, open signals and shadows meet the bar before the engine sees it.
    theories_outcomes_.OnBars(u, *theories_);
    t.shadows_closed = engine_outcomes_.OnBars(u, *engine_);
    start = Clock::now();
    Status theories = theories_->OnBarClose(inputs_, &theories_out_);
    end = Clock::now();
    t.theories = std::chrono::duration<double>(end - start).count();
    start = Clock::now();
    Status engine = engine_->OnBarClose(inputs_, &engine_out_);
    end = Clock::now();
    t.engine = std::chrono::duration<double>(end - start).count();
    if (!theories.ok() || !engine.ok()) {
      std::fprintf(stderr, "bar close failed: %s %s\n", theories.ToString().c_str(),
                   engine.ToString().c_str());
      std::abort();
    }
    theories_outcomes_.Follow(theories_out_);
    engine_outcomes_.Follow(engine_out_);
    if (records_.is_open()) {
      for (const SignalEmitted& e : engine_out_.emitted) {
        records_ << RecordLine(e.signal, e.contributions) << '\n';
      }
      for (const SignalRejected& r : engine_out_.rejected) {
        records_ << RecordLine(r.signal, r.contributions) << '\n';
      }
    }
    return t;
  }

  const signal::BarCloseCounts& counts() const { return engine_out_.counts; }
  const signal::BarCloseOutput& output() const { return engine_out_; }
  int open_shadows() const { return engine_outcomes_.open_shadows(); }

 private:
  BarClosePath() {
    FeatureUniverse& u = FeatureUniverse::Get(FeatureUniverse::Feeding::kBaseBars);
    if (!u.ok()) {
      error_ = u.error();
      return;
    }
    const char* src = std::getenv("PULSE_SOURCE_DIR");
    const std::string sample =
        std::string(src ? src : PULSE_DEFAULT_SOURCE_DIR) + "/data/sample/BTCUSDT-5m.csv.gz";
    app::Config config;
    if (const char* records = std::getenv("PULSE_BENCH_RECORDS")) records_.open(records);
    if (const char* shadows = std::getenv("PULSE_BENCH_SHADOWS")) {
      Result<signal::ShadowPolicy> policy = signal::ParseShadowPolicy(shadows);
      if (!policy.ok()) {
        error_ = "PULSE_BENCH_SHADOWS: " + policy.status().ToString();
        return;
      }
      config.signal.engine.shadows = *policy;
    }
    app::ModelTrainingRequest request;
    request.data_files = {sample};
    request.rounds = 30;
    request.out = dir_.File("bar_close.ubj");
    Result<app::ModelTrainingResult> trained = app::TrainModel(request, config, 0);
    if (!trained.ok()) {
      error_ = "training the model: " + trained.status().ToString();
      return;
    }
    const std::vector<std::string> names = u.FeatureNames();
    auto theories = app::BuildSignalEngine(config.signal, u.base(), names);
    config.signal.models = request.out;
    auto engine = app::BuildSignalEngine(config.signal, u.base(), names);
    if (!theories.ok() || !engine.ok()) {
      error_ = "building the engines: " + theories.status().ToString() + " " +
               engine.status().ToString();
      return;
    }
    theories_ = std::move(*theories);
    engine_ = std::move(*engine);
    inputs_.resize(u.size());
    for (std::size_t i = 0; i < u.size(); ++i) index_[u.symbol(i).name] = i;
    for (int i = 0; i < kEngineWarmUpCloses; ++i) Close();
    if (counts().warming_up != 0) error_ = "the engine is still warming up";
  }

  inference::TempDir dir_;
  std::unique_ptr<signal::SignalEngine> theories_, engine_;
  std::vector<signal::BarCloseInput> inputs_;
  signal::BarCloseOutput theories_out_, engine_out_;
  std::unordered_map<std::string, std::size_t> index_;
  OutcomeStandIn theories_outcomes_{&index_}, engine_outcomes_{&index_};
  std::ofstream records_;  // PULSE_BENCH_RECORDS
  std::string error_;
};

// Nearest-rank percentile of `values` (sorted in place).
double Percentile(std::vector<double>& values, double q) {
  std::sort(values.begin(), values.end());
  const auto rank = static_cast<std::size_t>(std::ceil(q * static_cast<double>(values.size())));
  return values[std::clamp<std::size_t>(rank, 1, values.size()) - 1];
}

enum class Reported { kFeatures, kFeaturesTheories, kFeaturesEngine };

void RunBarClose(benchmark::State& state, Reported reported) {
  BarClosePath& path = BarClosePath::Get();
  if (!path.ok()) {
    state.SkipWithError(path.error().c_str());
    return;
  }
  const double symbols =
      static_cast<double>(FeatureUniverse::Get(FeatureUniverse::Feeding::kBaseBars).size());
  std::vector<double> closes;
  BarClosePath::Times sum;
  double evaluated = 0, emitted = 0, rejected = 0, by_confidence = 0, by_volume = 0;
  double by_reward_risk = 0, blocked = 0, records = 0, rejected_records = 0;
  double while_shadow_open = 0, shadows_closed = 0, open_shadows = 0;
  for (auto _ : state) {
    const BarClosePath::Times t = path.Close();
    double seconds = t.features;
    if (reported == Reported::kFeaturesTheories) seconds += t.theories;
    if (reported == Reported::kFeaturesEngine) seconds += t.engine;
    state.SetIterationTime(seconds);
    closes.push_back(seconds);
    sum.features += t.features;
    sum.theories += t.theories;
    sum.engine += t.engine;
    evaluated += path.counts().evaluated;
    emitted += path.counts().emitted;
    rejected += path.counts().rejected;
    by_confidence += path.counts().rejected_by_confidence;
    by_volume += path.counts().rejected_by_volume;
    by_reward_risk += path.counts().rejected_by_reward_risk;
    blocked += path.counts().blocked_by_open_signal + path.counts().blocked_by_cooldown;
    const signal::BarCloseOutput& out = path.output();
    records += static_cast<double>(out.emitted.size() + out.rejected.size());
    rejected_records += static_cast<double>(out.rejected.size());
    while_shadow_open += path.counts().rejected_while_shadow_open;
    shadows_closed += t.shadows_closed;
    open_shadows += path.open_shadows();
  }
  const double n = static_cast<double>(state.iterations());
  double total = 0;
  for (double c : closes) total += c;
  state.counters["symbols"] = symbols;
  state.counters["us_per_close"] = total / n * 1e6;
  state.counters["ns_per_symbol"] = total / n / symbols * 1e9;
  state.counters["p50_ns_per_symbol"] = Percentile(closes, 0.50) / symbols * 1e9;
  state.counters["p99_ns_per_symbol"] = Percentile(closes, 0.99) / symbols * 1e9;
  state.counters["features_us"] = sum.features / n * 1e6;
  state.counters["theories_us"] = sum.theories / n * 1e6;
  state.counters["engine_us"] = sum.engine / n * 1e6;
  state.counters["model_us"] = (sum.engine - sum.theories) / n * 1e6;
  state.counters["engine_over_features"] = sum.engine / sum.features;
  state.counters["evaluated"] = evaluated / n;
  state.counters["emitted"] = emitted / n;
  state.counters["rejected"] = rejected / n;
  state.counters["records"] = records / n;
  state.counters["rejected_records"] = rejected_records / n;
  state.counters["rejected_while_shadow_open"] = while_shadow_open / n;
  state.counters["shadows_closed"] = shadows_closed / n;
  state.counters["open_shadows"] = open_shadows / n;
  state.counters["rejected_by_confidence"] = by_confidence / n;
  state.counters["rejected_by_volume"] = by_volume / n;
  state.counters["rejected_by_reward_risk"] = by_reward_risk / n;
  state.counters["blocked"] = blocked / n;
}

void BM_SignalBarClose_Features(benchmark::State& state) {
  RunBarClose(state, Reported::kFeatures);
}
void BM_SignalBarClose_FeaturesTheories(benchmark::State& state) {
  RunBarClose(state, Reported::kFeaturesTheories);
}
void BM_SignalBarClose_FeaturesEngine(benchmark::State& state) {
  RunBarClose(state, Reported::kFeaturesEngine);
}

BENCHMARK(BM_SignalBarClose_Features)
    ->UseManualTime()
    ->Unit(benchmark::kMicrosecond)
    ->Iterations(200);
BENCHMARK(BM_SignalBarClose_FeaturesTheories)
    ->UseManualTime()
    ->Unit(benchmark::kMicrosecond)
    ->Iterations(200);
BENCHMARK(BM_SignalBarClose_FeaturesEngine)
    ->UseManualTime()
    ->Unit(benchmark::kMicrosecond)
    ->Iterations(200);

}  // namespace
}  // namespace pulse
