// The streaming feature set on one bar close for 1000 symbols, single thread: each symbol has
// its own FeatureSet of the embedded default configuration (40+ features over 5m, 15m, 1h,
// 4h) and its own BarAggregators, warmed up on the bundled real 5m candles (each symbol reads
// one of the three series from its own offset, relabelled onto a common 5m clock so every
// symbol closes its bars at the same moments).
//
//   BM_FeatureSet_Close5m                 an ordinary 5m close: only 5m features update
//   BM_FeatureSet_Close4h                 a 4h close (also 15m and 1h): the worst case
//   BM_FeatureSet_Close4hWithAggregation  the same, with the BarAggregator updates timed too
//
// Time per iteration = one close for all 1000 symbols (manual time, medians over repetitions);
// counters: us_per_close, ns_per_symbol_update, symbols, features.
//
// Under callgrind the timed closes alone are counted (repeatable on a noisy machine), e.g.
// valgrind --tool=callgrind --cache-sim=yes --collect-atstart=no pulse_features_bench
// --benchmark_filter='Close4h/'
#include <benchmark/benchmark.h>

#if __has_include(<valgrind/callgrind.h>)
#include <valgrind/callgrind.h>
#define PULSE_TOGGLE_CALLGRIND_COLLECT() CALLGRIND_TOGGLE_COLLECT
#else
#define PULSE_TOGGLE_CALLGRIND_COLLECT()
#endif

#include <chrono>
#include <cstdlib>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "adapters/replay/candle_file_reader.h"
#include "app/config/config.h"
#include "app/config/features_config.h"
#include "engines/data/bar_aggregator.h"
#include "indicators/feature_set.h"

namespace pulse {
namespace {

constexpr int kSymbols = 1000;
constexpr std::int64_t kWarmUpBars = 3000;               // > 50 closed 4h bars (4h EMA(50))
constexpr UnixNanos kStart = FromMillis(1609459200000);  // 2021-01-01 00:00 UTC
constexpr UnixNanos kStep = FromSeconds(300);

// One symbol: its feature set, aggregators and the higher bars completed by the current bar.
struct Symbol {
  indicators::FeatureSet features;
  std::vector<data::BarAggregator> aggregators;
  const std::vector<Bar>* source = nullptr;
  std::size_t offset = 0;
  Bar higher[4];
  Timeframe higher_tf[4];
  int pending = 0;
};

class Universe {
 public:
  static Universe& Get() {
    static Universe* universe = new Universe();
    return *universe;
  }

  bool ok() const { return error_.empty(); }
  const std::string& error() const { return error_; }
  std::size_t features() const { return symbols_.empty() ? 0 : symbols_[0].features.size(); }
  std::int64_t next() const { return next_; }

  // Bar `j` of a symbol on the common clock.
  Bar BarAt(const Symbol& s, std::int64_t j) const {
    Bar bar = (*s.source)[(s.offset + static_cast<std::size_t>(j)) % s.source->size()];
    bar.open_time = kStart + kStep * j;
    return bar;
  }

  // Aggregation of bar next() for every symbol: the higher bars it completes are kept.
  void Aggregate() {
    for (Symbol& s : symbols_) Aggregate(s);
  }
  void Aggregate(Symbol& s) {
    const Bar bar = BarAt(s, next_);
    s.pending = 0;
    for (data::BarAggregator& a : s.aggregators) {
      for (std::optional<Bar> done = a.Update(bar); done; done = a.PollCompleted()) {
        s.higher[s.pending] = *done;
        s.higher_tf[s.pending] = a.to();
        ++s.pending;
      }
    }
  }
  // The feature-set update of bar next() for every symbol; `aggregate` does Aggregate first.
  double Update(bool aggregate) {
    double sink = 0;
    for (Symbol& s : symbols_) {
      if (aggregate) Aggregate(s);
      for (int h = 0; h < s.pending; ++h) (void)s.features.OnBar(s.higher_tf[h], s.higher[h]);
      (void)s.features.OnBar(s.features.base(), BarAt(s, next_));
      sink += s.features.Values()[0];
    }
    ++next_;
    return sink;
  }
  // Untimed steps until bar next() is the one `is_target` wants.
  template <typename Pred>
  void SkipUntil(Pred is_target) {
    while (!is_target(next_)) {
      Aggregate();
      Update(false);
    }
  }

 private:
  Universe() {
    const char* src = std::getenv("PULSE_SOURCE_DIR");
    const std::string dir = std::string(src ? src : PULSE_DEFAULT_SOURCE_DIR) + "/data/sample/";
    for (const char* name : {"BTCUSDT", "ETHUSDT", "SOLUSDT"}) {
      auto bars = replay::ReadCandleFile(dir + name + "-5m.csv.gz");
      if (!bars.ok()) {
        error_ = std::string(bars.status().message());
        return;
      }
      sources_.push_back(std::move(*bars));
    }
    auto spec = app::FeatureSetSpecFromConfig(app::FeaturesConfig{});
    if (!spec.ok()) {
      error_ = std::string(spec.status().message());
      return;
    }
    symbols_.reserve(kSymbols);
    for (int i = 0; i < kSymbols; ++i) {
      auto set = indicators::FeatureSet::Create(*spec);
      if (!set.ok()) {
        error_ = std::string(set.status().message());
        return;
      }
      Symbol s{std::move(*set), {}, &sources_[i % 3], static_cast<std::size_t>(i) * 61, {}, {}, 0};
      for (Timeframe tf : s.features.HigherTimeframes()) {
        s.aggregators.push_back(*data::BarAggregator::Create(spec->base, tf));
      }
      symbols_.push_back(std::move(s));
    }
    SkipUntil([](std::int64_t j) { return j >= kWarmUpBars; });
    for (const Symbol& s : symbols_) {
      if (!s.features.Ready()) error_ = "a feature set is not warmed up";
    }
  }

  std::vector<std::vector<Bar>> sources_;
  std::vector<Symbol> symbols_;
  std::int64_t next_ = 0;
  std::string error_;
};

// Bar j closes at kStart + (j + 1) * 5m: a 15m close when (j + 1) % 3 == 0, a 4h one when
// (j + 1) % 48 == 0.
bool Ordinary5m(std::int64_t j) { return (j + 1) % 3 != 0; }
bool Close4h(std::int64_t j) { return (j + 1) % 48 == 0; }

void RunClose(benchmark::State& state, bool (*is_target)(std::int64_t), bool time_aggregation) {
  Universe& u = Universe::Get();
  if (!u.ok()) {
    state.SkipWithError(u.error().c_str());
    return;
  }
  double total_seconds = 0;
  for (auto _ : state) {
    u.SkipUntil(is_target);
    if (!time_aggregation) u.Aggregate();
    const auto start = std::chrono::steady_clock::now();
    PULSE_TOGGLE_CALLGRIND_COLLECT();
    benchmark::DoNotOptimize(u.Update(time_aggregation));
    PULSE_TOGGLE_CALLGRIND_COLLECT();
    const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
    state.SetIterationTime(elapsed.count());
    total_seconds += elapsed.count();
  }
  const double closes = static_cast<double>(state.iterations());
  state.counters["us_per_close"] = total_seconds / closes * 1e6;
  state.counters["ns_per_symbol_update"] = total_seconds / closes / kSymbols * 1e9;
  state.counters["symbols"] = kSymbols;
  state.counters["features"] = static_cast<double>(u.features());
}

void BM_FeatureSet_Close5m(benchmark::State& state) { RunClose(state, Ordinary5m, false); }
void BM_FeatureSet_Close4h(benchmark::State& state) { RunClose(state, Close4h, false); }
void BM_FeatureSet_Close4hWithAggregation(benchmark::State& state) {
  RunClose(state, Close4h, true);
}

BENCHMARK(BM_FeatureSet_Close5m)->UseManualTime()->Unit(benchmark::kMicrosecond)->Iterations(400);
BENCHMARK(BM_FeatureSet_Close4h)->UseManualTime()->Unit(benchmark::kMicrosecond)->Iterations(40);
BENCHMARK(BM_FeatureSet_Close4hWithAggregation)
    ->UseManualTime()
    ->Unit(benchmark::kMicrosecond)
    ->Iterations(40);

}  // namespace
}  // namespace pulse

BENCHMARK_MAIN();
