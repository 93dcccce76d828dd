// End-to-end replay: app::Pipeline (features -> signal engine -> controller -> paper engine ->
// outcome tracker -> store) with the default configuration (app::Config{}), driven close by
// close as app::RunBacktest drives it, in bars per second.
//
// Two universes:
//   Sample     the three bundled 5m series (data/sample/{BTC,ETH,SOL}USDT-5m.csv.gz, about
//              7 months each), read once;
//   Synthetic  --symbols (default 100) seeded random walks of 5m bars over --days (default 7, as
//              many bars as the sample; env PULSE_BENCH_PIPELINE_SYMBOLS / _DAYS), generated while
//              replaying so the input costs no memory (SyntheticMarket).
// Rows per universe (one iteration = one whole replay):
//   BM_Replay_<U>_MergeLoop              the bars grouped by close and nothing else (baseline)
//   BM_Replay_<U>_Features               the streaming features alone (baseline)
//   BM_Replay_<U>_PipelineNoStore        the pipeline without a store
//   BM_Replay_<U>_PipelineSqliteMemory   with the SQLite store in memory (`pulse backtest`)
//   BM_Replay_<U>_PipelineSqliteFile     with the SQLite store in a temporary file, WAL (`pulse
//   run`)
//   BM_Replay_Sample_PipelineSqliteMemoryLean/no_shadows:S/no_snapshots:N  the SQLite-in-memory
//                                        replay with the settings that store the fewest rows:
//                                        S = 1 signal.shadows none, N = 1 snapshots off
// The store rows write performance snapshots and save the account after every close, and
// commit every run.commit_every closes, as `pulse run` does; BM_Replay_Sample_
// PipelineSqliteFileBatched/N commits every N closes instead (1: a live run's one per close).
//   BM_Run_Sample_SqliteFile             `pulse run` itself (app::RunPipeline) over the three
//                                        sample files into a fresh SQLite file: reading and
//                                        parsing the files, checkpoints and commits included.
//   BM_Replay_<U>_StoreFloor<Kind>/N   the store's floor: the rows the SQLite-in-memory replay
//                                        left in its store, written again into an empty
//                                        store of <Kind> (Memory, File), N rows per INSERT,
//                                        with nothing else running, in bars of the replay per
//                                        second; and
//                                        bound_bars_per_s, the replay's ceiling if every engine
//                                        between the features and the store cost nothing (the
//                                        features then the floor, both measured in the run).
// Every pipeline row also replays both baselines once per iteration, untimed, and reports
// x_features and x_merge: its CPU time over theirs in the same run. Counters: bars_per_s (CPU
// time), wall_bars_per_s, emitted / rejected / denied / resolved / shadows_resolved / fills,
// stored_signals, stored_contributions, and for Synthetic the memory: rss_before_mb (resident
// size before the replay, after malloc_trim), peak_rss_mb (ru_maxrss of the replay alone: the
// peak is reset before it, peak_is_the_run = 1 when the system allowed that), rss_after_mb.
//   BM_Replay_Synthetic_Repeats  the Synthetic replay over --repeat_days (default 2, so ten
//                                fit in about two minutes here) with the SQLite file store,
//                                --repeats times (default 10) in one process, each with a fresh
//                                pipeline and store: the resident size still in use after each
//                                repeat (rss_*, after malloc_trim) and each repeat's own peak
//                                (peak_*): *_first_mb / *_last_mb / *_max_mb, *_growth_mb =
//                                last - first, *_growth_max_mb = max - first.
// Goal: >= 2 M bars/s per core; peak RSS < 500 MB for 100 symbols; flat over repeats.
#include <benchmark/benchmark.h>
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "app/config/config.h"
#include "app/config/features_config.h"
#include "app/feature_input.h"
#include "bench/pipeline/bench_store.h"
#include "bench/pipeline/cpu_time.h"
#include "bench/pipeline/process_memory.h"
#include "bench/pipeline/replay_runs.h"
#include "bench/pipeline/series_replay.h"
#include "bench/pipeline/stored_rows.h"
#include "bench/pipeline/synthetic_market.h"

namespace pulse::bench {
namespace {

constexpr double kMiB = 1024.0 * 1024.0;

struct Settings {
  int symbols = 100;
  int days = 7;
  int repeats = 10;
  int repeat_days = 2;
};

Settings& GetSettings() {
  static Settings settings;
  return settings;
}

double WallSeconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

// The bundled sample candle files.
std::vector<std::string> SampleFiles() {
  const char* src = std::getenv("PULSE_SOURCE_DIR");
  const std::string dir = std::string(src ? src : PULSE_DEFAULT_SOURCE_DIR) + "/data/sample/";
  return {dir + "BTCUSDT-5m.csv.gz", dir + "ETHUSDT-5m.csv.gz", dir + "SOLUSDT-5m.csv.gz"};
}

// The bundled sample series, read once; null (and the reason in `error`) when unreadable.
SeriesReplay* Sample(std::string& error) {
  static std::string load_error;
  static std::unique_ptr<SeriesReplay> sample = []() -> std::unique_ptr<SeriesReplay> {
    auto spec = app::FeatureSetSpecFromConfig(app::FeaturesConfig{});
    if (!spec.ok()) {
      load_error = std::string(spec.status().message());
      return nullptr;
    }
    auto series = app::ReadSymbolSeries(SampleFiles(), {}, "binance", *spec);
    if (!series.ok()) {
      load_error = std::string(series.status().message());
      return nullptr;
    }
    return std::make_unique<SeriesReplay>(std::move(*series));
  }();
  error = load_error;
  return sample.get();
}

std::unique_ptr<SyntheticMarket> Synthetic() {
  const Settings& s = GetSettings();
  return std::make_unique<SyntheticMarket>(s.symbols, std::int64_t{s.days} * 288);
}

const indicators::FeatureSetSpec& Spec() {
  static const indicators::FeatureSetSpec spec =
      *app::FeatureSetSpecFromConfig(app::FeaturesConfig{});
  return spec;
}

void BaselineRow(benchmark::State& state, BarSource& source, bool features) {
  ReplayResult r;
  for (auto _ : state) {
    if (features) {
      auto done = ReplayFeatures(source, Spec());
      if (!done.ok()) {
        state.SkipWithError(std::string(done.status().message()).c_str());
        return;
      }
      r = *done;
    } else {
      r = ReplayMergeOnly(source);
    }
    benchmark::DoNotOptimize(r.sink);
  }
  state.SetItemsProcessed(state.iterations() * r.bars);
  state.counters["bars_per_s"] = benchmark::Counter(
      static_cast<double>(state.iterations() * r.bars), benchmark::Counter::kIsRate);
  state.counters["bars"] = static_cast<double>(r.bars);
}

// The rates of a replay row (CPU and wall seconds summed over its iterations, against the
// features replay's CPU seconds) and what the replay counted.
void ReportReplay(benchmark::State& state, const ReplayResult& r, double cpu, double wall,
                  double features_cpu) {
  const double bars = static_cast<double>(r.bars) * static_cast<double>(state.iterations());
  state.SetItemsProcessed(state.iterations() * r.bars);
  state.counters["bars_per_s"] = bars / cpu;
  state.counters["wall_bars_per_s"] = bars / wall;
  state.counters["x_features"] = cpu / features_cpu;
  state.counters["features_bars_per_s"] = bars / features_cpu;
  state.counters["bars"] = static_cast<double>(r.bars);
  state.counters["emitted"] = static_cast<double>(r.counts.emitted);
  state.counters["rejected"] = static_cast<double>(r.counts.rejected);
  state.counters["denied"] = static_cast<double>(r.counts.denied);
  state.counters["resolved"] = static_cast<double>(r.counts.resolved);
  state.counters["shadows_resolved"] = static_cast<double>(r.counts.shadows_resolved);
  state.counters["fills"] = static_cast<double>(r.counts.fills);
  state.counters["stored_signals"] = static_cast<double>(r.stored_signals);
  state.counters["stored_contributions"] = static_cast<double>(r.stored_contributions);
}

// The embedded defaults (app::Config{}).
const app::Config& DefaultConfig() {
  static const app::Config config;
  return config;
}

// `closes_per_transaction` < 0: as `pulse run` commits (run.commit_every).
void PipelineRow(benchmark::State& state, BarSource& source, StoreKind store, bool track_rss,
                 int closes_per_transaction = -1, const app::Config& config = DefaultConfig()) {
  if (closes_per_transaction < 0) closes_per_transaction = config.run.commit_every;
  ReplayResult r;
  double pipeline_cpu = 0, pipeline_wall = 0, features_cpu = 0, merge_cpu = 0;
  std::int64_t rss_before = 0, run_peak = 0;
  bool peak_is_the_run = true;
  for (auto _ : state) {
    state.PauseTiming();
    double t0 = ThreadCpuSeconds();
    auto features = ReplayFeatures(source, Spec());
    double t1 = ThreadCpuSeconds();
    const ReplayResult merge = ReplayMergeOnly(source);
    double t2 = ThreadCpuSeconds();
    if (!features.ok()) {
      state.SkipWithError(std::string(features.status().message()).c_str());
      return;
    }
    benchmark::DoNotOptimize(features->sink + merge.sink);
    features_cpu += t1 - t0;
    merge_cpu += t2 - t1;
    if (track_rss) {
      // Start from what is in use, so the peak is this replay's.
      rss_before = std::max(rss_before, TrimmedRssBytes());
      peak_is_the_run = ResetPeakRss() && peak_is_the_run;
    }
    state.ResumeTiming();

    const double w0 = WallSeconds();
    t0 = ThreadCpuSeconds();
    auto done = ReplayPipeline(source, config, store, closes_per_transaction);
    t1 = ThreadCpuSeconds();
    pipeline_wall += WallSeconds() - w0;
    if (!done.ok()) {
      state.SkipWithError(std::string(done.status().message()).c_str());
      return;
    }
    pipeline_cpu += t1 - t0;
    r = *done;
    if (track_rss) run_peak = std::max(run_peak, PeakRssBytes());
  }
  ReportReplay(state, r, pipeline_cpu, pipeline_wall, features_cpu);
  const double bars = static_cast<double>(r.bars) * static_cast<double>(state.iterations());
  state.counters["x_merge"] = pipeline_cpu / merge_cpu;
  state.counters["merge_bars_per_s"] = bars / merge_cpu;
  if (track_rss) {
    state.counters["rss_before_mb"] = static_cast<double>(rss_before) / kMiB;
    state.counters["peak_rss_mb"] = static_cast<double>(run_peak) / kMiB;
    state.counters["peak_is_the_run"] = peak_is_the_run ? 1 : 0;
    state.counters["rss_after_mb"] = static_cast<double>(CurrentRssBytes()) / kMiB;
  }
}

// The store's floor against the features of the same bars (see the file comment). The replay
// that leaves the rows runs once per repetition, untimed; opening and migrating the empty
// store is not timed either.
void StoreFloorRow(benchmark::State& state, BarSource& source, StoreKind kind,
                   int rows_per_insert) {
  const app::Config config;
  StoredRows stored;
  std::int64_t bars = 0;
  double write_cpu = 0, write_wall = 0, features_cpu = 0;
  std::vector<double> table_cpu;
  for (auto _ : state) {
    state.PauseTiming();
    const double f0 = ThreadCpuSeconds();
    auto features = ReplayFeatures(source, Spec());
    features_cpu += ThreadCpuSeconds() - f0;
    if (!features.ok()) {
      return state.SkipWithError(std::string(features.status().message()).c_str());
    }
    benchmark::DoNotOptimize(features->sink);
    if (stored.tables.empty()) {
      auto replay = ReplayPipeline(source, config, StoreKind::kSqliteMemory,
                                   config.run.commit_every, &stored);
      if (!replay.ok()) {
        return state.SkipWithError(std::string(replay.status().message()).c_str());
      }
      bars = replay->bars;
    }
    SimulatedClock clock(0);
    auto store = BenchStore::Open(kind, clock);
    if (!store.ok()) return state.SkipWithError(std::string(store.status().message()).c_str());
    state.ResumeTiming();

    const double w0 = WallSeconds();
    const double t0 = ThreadCpuSeconds();
    auto written = WriteStoredRows(*(*store)->db(), stored, rows_per_insert);
    write_cpu += ThreadCpuSeconds() - t0;
    write_wall += WallSeconds() - w0;
    if (!written.ok()) {
      return state.SkipWithError(std::string(written.status().message()).c_str());
    }
    if (written->rows != stored.rows) {
      const std::string error =
          fmt::format("wrote {} rows of the {} stored", written->rows, stored.rows);
      return state.SkipWithError(error.c_str());
    }
    table_cpu.resize(written->table_cpu_s.size());
    for (std::size_t i = 0; i < table_cpu.size(); ++i) table_cpu[i] += written->table_cpu_s[i];
    state.PauseTiming();
    store->reset();
    state.ResumeTiming();
  }
  const double replayed = static_cast<double>(bars) * static_cast<double>(state.iterations());
  state.SetItemsProcessed(state.iterations() * bars);
  state.counters["bars_per_s"] = replayed / write_cpu;
  state.counters["wall_bars_per_s"] = replayed / write_wall;
  state.counters["features_bars_per_s"] = replayed / features_cpu;
  state.counters["x_features"] = write_cpu / features_cpu;
  state.counters["bound_bars_per_s"] = replayed / (features_cpu + write_cpu);
  state.counters["bars"] = static_cast<double>(bars);
  state.counters["rows"] = static_cast<double>(stored.rows);
  state.counters["rows_per_s"] =
      static_cast<double>(stored.rows) * static_cast<double>(state.iterations()) / write_cpu;
  state.counters["text_mb"] = static_cast<double>(stored.text_bytes) / kMiB;
  state.counters["rows_per_insert"] = rows_per_insert;
  // Each table: its rows and its share of the write time.
  for (std::size_t i = 0; i < stored.tables.size() && i < table_cpu.size(); ++i) {
    state.counters["rows_" + stored.tables[i].name] =
        static_cast<double>(stored.tables[i].rows.size());
    state.counters["pct_" + stored.tables[i].name] = 100.0 * table_cpu[i] / write_cpu;
  }
}

void BM_Replay_Sample_MergeLoop(benchmark::State& state) {
  std::string error;
  SeriesReplay* sample = Sample(error);
  if (sample == nullptr) return state.SkipWithError(error.c_str());
  BaselineRow(state, *sample, /*features=*/false);
}

void BM_Replay_Sample_Features(benchmark::State& state) {
  std::string error;
  SeriesReplay* sample = Sample(error);
  if (sample == nullptr) return state.SkipWithError(error.c_str());
  BaselineRow(state, *sample, /*features=*/true);
}

template <StoreKind kStore>
void BM_Replay_Sample_Pipeline(benchmark::State& state) {
  std::string error;
  SeriesReplay* sample = Sample(error);
  if (sample == nullptr) return state.SkipWithError(error.c_str());
  PipelineRow(state, *sample, kStore, /*track_rss=*/false);
}

// The SQLite-in-memory replay with the settings that store the least today: range(0) = 1 keeps
// no shadows (signal.shadows: none), range(1) = 1 takes no snapshots (snapshots.enabled: false).
void BM_Replay_Sample_PipelineSqliteMemoryLean(benchmark::State& state) {
  std::string error;
  SeriesReplay* sample = Sample(error);
  if (sample == nullptr) return state.SkipWithError(error.c_str());
  app::Config config;
  if (state.range(0) != 0) config.signal.engine.shadows = signal::ShadowPolicy::kNone;
  if (state.range(1) != 0) config.snapshots.enabled = false;
  PipelineRow(state, *sample, StoreKind::kSqliteMemory, /*track_rss=*/false, -1, config);
}

// `pulse run` over the sample files, against the features replay of the same run.
void BM_Run_Sample_SqliteFile(benchmark::State& state) {
  std::string error;
  SeriesReplay* sample = Sample(error);
  if (sample == nullptr) return state.SkipWithError(error.c_str());
  const app::Config config;
  ReplayResult r;
  double run_cpu = 0, run_wall = 0, features_cpu = 0;
  for (auto _ : state) {
    state.PauseTiming();
    const double f0 = ThreadCpuSeconds();
    auto features = ReplayFeatures(*sample, Spec());
    features_cpu += ThreadCpuSeconds() - f0;
    if (!features.ok())
      return state.SkipWithError(std::string(features.status().message()).c_str());
    state.ResumeTiming();
    const double w0 = WallSeconds();
    const double t0 = ThreadCpuSeconds();
    auto done = ReplayRunCommand(SampleFiles(), config);
    run_cpu += ThreadCpuSeconds() - t0;
    run_wall += WallSeconds() - w0;
    if (!done.ok()) return state.SkipWithError(std::string(done.status().message()).c_str());
    r = *done;
  }
  ReportReplay(state, r, run_cpu, run_wall, features_cpu);
}

void BM_Replay_Sample_PipelineSqliteFileBatched(benchmark::State& state) {
  std::string error;
  SeriesReplay* sample = Sample(error);
  if (sample == nullptr) return state.SkipWithError(error.c_str());
  PipelineRow(state, *sample, StoreKind::kSqliteFile, /*track_rss=*/false,
              static_cast<int>(state.range(0)));
}

template <StoreKind kStore>
void BM_Replay_Sample_StoreFloor(benchmark::State& state) {
  std::string error;
  SeriesReplay* sample = Sample(error);
  if (sample == nullptr) return state.SkipWithError(error.c_str());
  StoreFloorRow(state, *sample, kStore, static_cast<int>(state.range(0)));
}

void BM_Replay_Synthetic_MergeLoop(benchmark::State& state) {
  auto market = Synthetic();
  BaselineRow(state, *market, /*features=*/false);
  state.counters["symbols"] = market->symbols();
}

void BM_Replay_Synthetic_Features(benchmark::State& state) {
  auto market = Synthetic();
  BaselineRow(state, *market, /*features=*/true);
  state.counters["symbols"] = market->symbols();
}

template <StoreKind kStore>
void BM_Replay_Synthetic_Pipeline(benchmark::State& state) {
  auto market = Synthetic();
  PipelineRow(state, *market, kStore, /*track_rss=*/true);
  state.counters["symbols"] = market->symbols();
  state.counters["days"] = GetSettings().days;
}

template <StoreKind kStore>
void BM_Replay_Synthetic_StoreFloor(benchmark::State& state) {
  auto market = Synthetic();
  StoreFloorRow(state, *market, kStore, static_cast<int>(state.range(0)));
  state.counters["symbols"] = market->symbols();
  state.counters["days"] = GetSettings().days;
}

void BM_Replay_Synthetic_Repeats(benchmark::State& state) {
  const app::Config config;
  const Settings& settings = GetSettings();
  SyntheticMarket market(settings.symbols, std::int64_t{settings.repeat_days} * 288);
  std::vector<double> live_mb, peak_mb;
  std::int64_t bars = 0;
  for (auto _ : state) {
    live_mb.clear();
    peak_mb.clear();
    for (int i = 0; i < settings.repeats; ++i) {
      TrimmedRssBytes();
      ResetPeakRss();
      auto done = ReplayPipeline(market, config, StoreKind::kSqliteFile, config.run.commit_every);
      if (!done.ok()) {
        state.SkipWithError(std::string(done.status().message()).c_str());
        return;
      }
      bars += done->bars;
      peak_mb.push_back(static_cast<double>(PeakRssBytes()) / kMiB);
      live_mb.push_back(static_cast<double>(TrimmedRssBytes()) / kMiB);
    }
  }
  if (live_mb.empty()) return;
  state.SetItemsProcessed(bars);
  auto report = [&](const std::string& prefix, const std::vector<double>& mb) {
    const double max = *std::max_element(mb.begin(), mb.end());
    state.counters[prefix + "first_mb"] = mb.front();
    state.counters[prefix + "last_mb"] = mb.back();
    state.counters[prefix + "max_mb"] = max;
    state.counters[prefix + "growth_mb"] = mb.back() - mb.front();
    state.counters[prefix + "growth_max_mb"] = max - mb.front();
  };
  report("rss_", live_mb);
  report("peak_", peak_mb);
  state.counters["repeats"] = static_cast<double>(live_mb.size());
  state.counters["symbols"] = market.symbols();
  state.counters["days"] = settings.repeat_days;
}

// --symbols=N, --days=N, --repeats=N, --repeat_days=N (also PULSE_BENCH_PIPELINE_SYMBOLS /
// _DAYS / _REPEATS / _REPEAT_DAYS);
// removes what it reads from argv so Google Benchmark sees only its own flags.
void ReadSettings(int* argc, char** argv) {
  Settings& s = GetSettings();
  auto from_env = [](const char* name, int& value) {
    if (const char* v = std::getenv(name); v != nullptr && std::atoi(v) > 0) value = std::atoi(v);
  };
  from_env("PULSE_BENCH_PIPELINE_SYMBOLS", s.symbols);
  from_env("PULSE_BENCH_PIPELINE_DAYS", s.days);
  from_env("PULSE_BENCH_PIPELINE_REPEATS", s.repeats);
  from_env("PULSE_BENCH_PIPELINE_REPEAT_DAYS", s.repeat_days);
  int kept = 1;
  for (int i = 1; i < *argc; ++i) {
    bool mine = false;
    for (auto [flag, value] :
         {std::pair{"--symbols=", &s.symbols}, std::pair{"--days=", &s.days},
          std::pair{"--repeats=", &s.repeats}, std::pair{"--repeat_days=", &s.repeat_days}}) {
      const std::size_t len = std::strlen(flag);
      if (std::strncmp(argv[i], flag, len) == 0 && std::atoi(argv[i] + len) > 0) {
        *value = std::atoi(argv[i] + len);
        mine = true;
      }
    }
    if (!mine) argv[kept++] = argv[i];
  }
  *argc = kept;
}

// Registered inside the namespace so the rows carry their plain names (BM_<Unit>_<Case>).
BENCHMARK(BM_Replay_Sample_MergeLoop)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Replay_Sample_Features)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Replay_Sample_Pipeline<StoreKind::kNone>)
    ->Name("BM_Replay_Sample_PipelineNoStore")
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1);
BENCHMARK(BM_Replay_Sample_Pipeline<StoreKind::kSqliteMemory>)
    ->Name("BM_Replay_Sample_PipelineSqliteMemory")
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1);
BENCHMARK(BM_Replay_Sample_Pipeline<StoreKind::kSqliteFile>)
    ->Name("BM_Replay_Sample_PipelineSqliteFile")
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1);
BENCHMARK(BM_Replay_Sample_PipelineSqliteMemoryLean)
    ->ArgNames({"no_shadows", "no_snapshots"})
    ->Args({1, 0})
    ->Args({0, 1})
    ->Args({1, 1})
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1);
BENCHMARK(BM_Replay_Sample_PipelineSqliteFileBatched)
    ->Arg(1)
    ->Arg(64)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1);
BENCHMARK(BM_Run_Sample_SqliteFile)->Unit(benchmark::kMillisecond)->Iterations(1);
BENCHMARK(BM_Replay_Sample_StoreFloor<StoreKind::kSqliteMemory>)
    ->Name("BM_Replay_Sample_StoreFloorMemory")
    ->Arg(1)
    ->Arg(64)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1);
BENCHMARK(BM_Replay_Sample_StoreFloor<StoreKind::kSqliteFile>)
    ->Name("BM_Replay_Sample_StoreFloorFile")
    ->Arg(1)
    ->Arg(64)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1);
BENCHMARK(BM_Replay_Synthetic_MergeLoop)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Replay_Synthetic_Features)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Replay_Synthetic_Pipeline<StoreKind::kNone>)
    ->Name("BM_Replay_Synthetic_PipelineNoStore")
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1);
BENCHMARK(BM_Replay_Synthetic_Pipeline<StoreKind::kSqliteMemory>)
    ->Name("BM_Replay_Synthetic_PipelineSqliteMemory")
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1);
BENCHMARK(BM_Replay_Synthetic_Pipeline<StoreKind::kSqliteFile>)
    ->Name("BM_Replay_Synthetic_PipelineSqliteFile")
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1);
BENCHMARK(BM_Replay_Synthetic_StoreFloor<StoreKind::kSqliteMemory>)
    ->Name("BM_Replay_Synthetic_StoreFloorMemory")
    ->Arg(1)
    ->Arg(64)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1);
BENCHMARK(BM_Replay_Synthetic_StoreFloor<StoreKind::kSqliteFile>)
    ->Name("BM_Replay_Synthetic_StoreFloorFile")
    ->Arg(1)
    ->Arg(64)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1);
BENCHMARK(BM_Replay_Synthetic_Repeats)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1)
    ->Repetitions(1);

}  // namespace
}  // namespace pulse::bench

int main(int argc, char** argv) {
  pulse::bench::ReadSettings(&argc, argv);
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
