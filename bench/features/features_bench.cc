// The streaming feature set on one bar close for 1000 symbols, single thread: each symbol has
// its own FeatureSet of the embedded default configuration (68 features over 5m, 15m, 1h,
// 4h), warmed up on the bundled real 5m candles (FeatureUniverse:
// each symbol reads one of the three series from its own offset, relabelled onto a common 5m
// clock so every symbol closes its bars at the same moments).
//
//   BM_FeatureSet_Close5m                 an ordinary 5m close: only 5m features update
//   BM_FeatureSet_Close4h                 a 4h close (also 15m and 1h): the worst case
//   BM_FeatureSet_Close4hWithAggregation  the same, with the aggregation to 15m, 1h and 4h
//                                         timed too: the production path, FeatureSet::OnBaseBar
//
// The first two feed the higher bars through FeatureSet::OnBar from each symbol's own
// BarAggregators, run untimed (FeatureUniverse::Feeding::kHigherBars); the third feeds base
// bars (kBaseBars, its own universe) and asks for the next symbol's set state and bar while it
// updates the current one (FeatureSet::Prefetch), as a caller over many symbols would.
//
// Time per iteration = one close for all 1000 symbols (manual time, medians over repetitions);
// counters: us_per_close, ns_per_symbol_update, symbols, features.
//
// Under callgrind the timed closes alone are counted (repeatable on a noisy machine), e.g.
// PULSE_BENCH_SYMBOLS=100 valgrind --tool=callgrind --collect-atstart=no pulse_features_bench
// --benchmark_filter='Close4h/' (fewer symbols: the untimed warm-up is most of the run).
#include <benchmark/benchmark.h>

#if __has_include(<valgrind/callgrind.h>)
#include <valgrind/callgrind.h>
#define PULSE_TOGGLE_CALLGRIND_COLLECT() CALLGRIND_TOGGLE_COLLECT
#else
#define PULSE_TOGGLE_CALLGRIND_COLLECT()
#endif

#include <chrono>

#include "bench/features/feature_universe.h"

namespace pulse {
namespace {

using bench::FeatureUniverse;
void RunClose(benchmark::State& state, bool (*is_target)(std::int64_t), bool time_aggregation) {
  FeatureUniverse& u =
      FeatureUniverse::Get(time_aggregation ? FeatureUniverse::Feeding::kBaseBars
                                            : FeatureUniverse::Feeding::kHigherBars);
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
  const double symbols = static_cast<double>(u.size());
  state.counters["us_per_close"] = total_seconds / closes * 1e6;
  state.counters["ns_per_symbol_update"] = total_seconds / closes / symbols * 1e9;
  state.counters["symbols"] = symbols;
  state.counters["features"] = static_cast<double>(u.features());
}

void BM_FeatureSet_Close5m(benchmark::State& state) {
  RunClose(state, FeatureUniverse::Ordinary5m, false);
}
void BM_FeatureSet_Close4h(benchmark::State& state) {
  RunClose(state, FeatureUniverse::Close4h, false);
}
void BM_FeatureSet_Close4hWithAggregation(benchmark::State& state) {
  RunClose(state, FeatureUniverse::Close4h, true);
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
