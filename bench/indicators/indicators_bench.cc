// Batch indicators, Pulse against TA-Lib on the same long series: time per bar for each of the
// 13 indicators of the set, and for the whole set. Both libraries run in this binary, so
// read the ratios (scripts/bench-summary prints them), not the absolute numbers.
//   BM_Batch_TaLib/<name>, BM_Batch_TaLibSet    TA-Lib's C functions
//   BM_Batch_Pulse/<name>, BM_Batch_PulseSet    Pulse's batch path: ComputeBatchInto over columns
//                                               into preallocated arrays (the kernels)
//   BM_Stream_Pulse/<name>, BM_Stream_PulseSet  Pulse's streaming classes through RunBatch
// Each Pulse batch benchmark also reports the largest relative difference from TA-Lib after
// warm-up, over every output TA-Lib has.
//
// The series is the bundled Binance BTCUSDT 5m candles played forward and backward until it is
// PULSE_BENCH_BARS long (default 10,000,000), so prices stay real and continuous.
#include <benchmark/benchmark.h>
#include <ta_libc.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "adapters/replay/candle_file_reader.h"
#include "indicators/batch/batch.h"
#include "indicators/registry.h"

namespace pulse {
namespace {

struct Series {
  std::vector<Bar> bars;
  std::vector<double> open, high, low, close, volume;

  indicators::BarColumns Columns() const { return {open, high, low, close, volume, {}}; }
};

const Series& LongSeries() {
  static const Series series = [] {
    const char* src = std::getenv("PULSE_SOURCE_DIR");
    const std::string dir = src ? src : PULSE_DEFAULT_SOURCE_DIR;
    Result<std::vector<Bar>> base = replay::ReadCandleFile(dir + "/data/sample/BTCUSDT-5m.csv.gz");
    if (!base.ok() || base->empty()) {
      std::fprintf(stderr, "cannot load sample candles: %s\n", base.status().ToString().c_str());
      std::exit(1);
    }
    const char* n_env = std::getenv("PULSE_BENCH_BARS");
    const size_t n = n_env ? std::strtoull(n_env, nullptr, 10) : 10'000'000;
    Series s;
    s.bars.reserve(n);
    const size_t m = base->size();
    for (size_t i = 0; s.bars.size() < n; ++i) {
      const size_t cycle = i / m, k = i % m;
      Bar b = cycle % 2 == 0 ? (*base)[k] : (*base)[m - 1 - k];
      if (cycle % 2 == 1) std::swap(b.open, b.close);  // played backward
      b.open_time = static_cast<UnixNanos>(i) * 300 * kNanosPerSecond;
      s.bars.push_back(b);
    }
    for (const Bar& b : s.bars) {
      s.open.push_back(b.open);
      s.high.push_back(b.high);
      s.low.push_back(b.low);
      s.close.push_back(b.close);
      s.volume.push_back(b.volume);
    }
    return s;
  }();
  return series;
}

// One indicator of the set: Pulse's registry call and the TA-Lib call filling `out`.
struct Case {
  const char* name;
  std::vector<double> params;
  int outputs;
  std::function<void(const Series&, int* beg, int* nb, std::vector<std::vector<double>>& out)>
      talib;
};

const std::vector<Case>& Cases() {
  static const std::vector<Case> cases = {
      {"sma",
       {20},
       1,
       [](const Series& s, int* b, int* n, auto& o) {
         TA_SMA(0, int(s.close.size()) - 1, s.close.data(), 20, b, n, o[0].data());
       }},
      {"ema",
       {20},
       1,
       [](const Series& s, int* b, int* n, auto& o) {
         TA_EMA(0, int(s.close.size()) - 1, s.close.data(), 20, b, n, o[0].data());
       }},
      {"rsi",
       {14},
       1,
       [](const Series& s, int* b, int* n, auto& o) {
         TA_RSI(0, int(s.close.size()) - 1, s.close.data(), 14, b, n, o[0].data());
       }},
      {"macd",
       {12, 26, 9},
       3,
       [](const Series& s, int* b, int* n, auto& o) {
         TA_MACD(0, int(s.close.size()) - 1, s.close.data(), 12, 26, 9, b, n, o[0].data(),
                 o[1].data(), o[2].data());
       }},
      {"bbands",
       {20, 2, 2},
       3,
       [](const Series& s, int* b, int* n, auto& o) {
         TA_BBANDS(0, int(s.close.size()) - 1, s.close.data(), 20, 2, 2, TA_MAType_SMA, b, n,
                   o[0].data(), o[1].data(), o[2].data());
       }},
      {"atr",
       {14},
       1,
       [](const Series& s, int* b, int* n, auto& o) {
         TA_ATR(0, int(s.close.size()) - 1, s.high.data(), s.low.data(), s.close.data(), 14, b, n,
                o[0].data());
       }},
      {"stoch",
       {14, 3, 3},
       2,
       [](const Series& s, int* b, int* n, auto& o) {
         TA_STOCH(0, int(s.close.size()) - 1, s.high.data(), s.low.data(), s.close.data(), 14, 3,
                  TA_MAType_SMA, 3, TA_MAType_SMA, b, n, o[0].data(), o[1].data());
       }},
      {"obv",
       {},
       1,
       [](const Series& s, int* b, int* n, auto& o) {
         TA_OBV(0, int(s.close.size()) - 1, s.close.data(), s.volume.data(), b, n, o[0].data());
       }},
      {"adx",
       {14},
       1,
       [](const Series& s, int* b, int* n, auto& o) {
         TA_ADX(0, int(s.close.size()) - 1, s.high.data(), s.low.data(), s.close.data(), 14, b, n,
                o[0].data());
       }},
      {"willr",
       {14},
       1,
       [](const Series& s, int* b, int* n, auto& o) {
         TA_WILLR(0, int(s.close.size()) - 1, s.high.data(), s.low.data(), s.close.data(), 14, b, n,
                  o[0].data());
       }},
      {"roc",
       {10},
       1,
       [](const Series& s, int* b, int* n, auto& o) {
         TA_ROC(0, int(s.close.size()) - 1, s.close.data(), 10, b, n, o[0].data());
       }},
      {"mom",
       {10},
       1,
       [](const Series& s, int* b, int* n, auto& o) {
         TA_MOM(0, int(s.close.size()) - 1, s.close.data(), 10, b, n, o[0].data());
       }},
      {"sar",
       {0.02, 0.2},
       1,
       [](const Series& s, int* b, int* n, auto& o) {
         TA_SAR(0, int(s.close.size()) - 1, s.high.data(), s.low.data(), 0.02, 0.2, b, n,
                o[0].data());
       }},
  };
  return cases;
}

void SetNsPerBar(benchmark::State& state, size_t bars) {
  // Seconds per bar (shown with an SI prefix, e.g. "8.6n" = 8.6 ns).
  state.counters["time_per_bar"] =
      benchmark::Counter(static_cast<double>(bars), benchmark::Counter::kIsIterationInvariantRate |
                                                        benchmark::Counter::kInvert);
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * bars));
}

void BM_Batch_TaLib(benchmark::State& state, const Case& c) {
  const Series& s = LongSeries();
  std::vector<std::vector<double>> out(c.outputs, std::vector<double>(s.close.size()));
  int beg = 0, nb = 0;
  for (auto _ : state) {
    c.talib(s, &beg, &nb, out);
    benchmark::DoNotOptimize(out[0].data());
  }
  SetNsPerBar(state, s.bars.size());
}

// Output arrays for every output of `name`, as long as the series.
std::vector<std::vector<double>> PulseOutputs(std::string_view name, size_t n) {
  const indicators::IndicatorSpec* spec = indicators::FindIndicator(name);
  return std::vector<std::vector<double>>(spec ? spec->outputs.size() : 0, std::vector<double>(n));
}

std::vector<std::span<double>> Spans(std::vector<std::vector<double>>& columns) {
  return {columns.begin(), columns.end()};
}

// Largest relative difference between Pulse and TA-Lib over TA-Lib's outputs after warm-up.
double MaxRelDiffVsTaLib(const Case& c, const Series& s,
                         const std::vector<std::vector<double>>& pulse_out) {
  std::vector<std::vector<double>> ta(c.outputs, std::vector<double>(s.close.size()));
  int beg = 0, nb = 0;
  c.talib(s, &beg, &nb, ta);
  double max_rel = 0;
  for (int o = 0; o < c.outputs; ++o) {
    for (int k = 0; k < nb; ++k) {
      const double want = ta[o][k];
      const double got = pulse_out[o][beg + k];
      const double rel = std::fabs(got - want) / std::max(1e-12, std::fabs(want));
      max_rel = std::max(max_rel, std::isnan(got) ? 1.0 : rel);
    }
  }
  return max_rel;
}

void BM_Batch_Pulse(benchmark::State& state, const Case& c) {
  const Series& s = LongSeries();
  const indicators::BarColumns columns = s.Columns();
  std::vector<std::vector<double>> out = PulseOutputs(c.name, s.close.size());
  const std::vector<std::span<double>> spans = Spans(out);
  for (auto _ : state) {
    const Status status = indicators::ComputeBatchInto(c.name, c.params, columns, spans);
    if (!status.ok()) {
      state.SkipWithError(status.ToString().c_str());
      return;
    }
    benchmark::DoNotOptimize(out[0].data());
    benchmark::ClobberMemory();
  }
  SetNsPerBar(state, s.bars.size());
  state.counters["max_rel_diff_vs_talib"] = MaxRelDiffVsTaLib(c, s, out);
}

void BM_Stream_Pulse(benchmark::State& state, const Case& c) {
  const Series& s = LongSeries();
  Result<std::unique_ptr<indicators::Indicator>> ind =
      indicators::CreateIndicator(c.name, c.params);
  if (!ind.ok()) {
    state.SkipWithError(ind.status().ToString().c_str());
    return;
  }
  std::vector<std::vector<double>> pulse_out;
  for (auto _ : state) {
    (*ind)->Reset();
    pulse_out = indicators::RunBatch(**ind, s.bars);
    benchmark::DoNotOptimize(pulse_out[0].data());
  }
  SetNsPerBar(state, s.bars.size());
  state.counters["max_rel_diff_vs_talib"] = MaxRelDiffVsTaLib(c, s, pulse_out);
}

void BM_Batch_TaLibSet(benchmark::State& state) {
  const Series& s = LongSeries();
  std::vector<std::vector<double>> out(3, std::vector<double>(s.close.size()));
  int beg = 0, nb = 0;
  for (auto _ : state) {
    for (const Case& c : Cases()) c.talib(s, &beg, &nb, out);
    benchmark::DoNotOptimize(out[0].data());
  }
  SetNsPerBar(state, s.bars.size());
}

void BM_Batch_PulseSet(benchmark::State& state) {
  const Series& s = LongSeries();
  const indicators::BarColumns columns = s.Columns();
  // One set of arrays reused by every indicator, as the TA-Lib side does.
  std::vector<std::vector<double>> out(5, std::vector<double>(s.close.size()));
  std::vector<std::vector<std::span<double>>> spans;
  for (const Case& c : Cases()) {
    const indicators::IndicatorSpec* spec = indicators::FindIndicator(c.name);
    if (spec == nullptr || spec->outputs.size() > out.size()) {
      state.SkipWithError((std::string("set incomplete: ") + c.name).c_str());
      return;
    }
    spans.emplace_back(out.begin(), out.begin() + static_cast<long>(spec->outputs.size()));
  }
  for (auto _ : state) {
    for (size_t i = 0; i < Cases().size(); ++i) {
      const Case& c = Cases()[i];
      const Status status = indicators::ComputeBatchInto(c.name, c.params, columns, spans[i]);
      if (!status.ok()) {
        state.SkipWithError(status.ToString().c_str());
        return;
      }
    }
    benchmark::DoNotOptimize(out[0].data());
    benchmark::ClobberMemory();
  }
  SetNsPerBar(state, s.bars.size());
}

void BM_Stream_PulseSet(benchmark::State& state) {
  const Series& s = LongSeries();
  std::vector<std::unique_ptr<indicators::Indicator>> set;
  for (const Case& c : Cases()) {
    Result<std::unique_ptr<indicators::Indicator>> ind =
        indicators::CreateIndicator(c.name, c.params);
    if (!ind.ok()) {
      state.SkipWithError(("set incomplete: " + ind.status().ToString()).c_str());
      return;
    }
    set.push_back(std::move(*ind));
  }
  for (auto _ : state) {
    for (auto& ind : set) {
      ind->Reset();
      auto out = indicators::RunBatch(*ind, s.bars);
      benchmark::DoNotOptimize(out[0].data());
    }
  }
  SetNsPerBar(state, s.bars.size());
}

const bool kRegistered = [] {
  TA_Initialize();
  for (const Case& c : Cases()) {
    benchmark::RegisterBenchmark((std::string("BM_Batch_TaLib/") + c.name).c_str(), BM_Batch_TaLib,
                                 c)
        ->Unit(benchmark::kMillisecond);
    benchmark::RegisterBenchmark((std::string("BM_Batch_Pulse/") + c.name).c_str(), BM_Batch_Pulse,
                                 c)
        ->Unit(benchmark::kMillisecond);
    benchmark::RegisterBenchmark((std::string("BM_Stream_Pulse/") + c.name).c_str(),
                                 BM_Stream_Pulse, c)
        ->Unit(benchmark::kMillisecond);
  }
  benchmark::RegisterBenchmark("BM_Batch_TaLibSet", BM_Batch_TaLibSet)
      ->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("BM_Batch_PulseSet", BM_Batch_PulseSet)
      ->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("BM_Stream_PulseSet", BM_Stream_PulseSet)
      ->Unit(benchmark::kMillisecond);
  return true;
}();

}  // namespace
}  // namespace pulse

BENCHMARK_MAIN();
