// ComputeReturnStats on 10M per-period returns (PULSE_BENCH_RETURNS to change) against a plain
// C loop over the same series computing five figures: Sharpe, Sortino, max drawdown, annual
// volatility and the historical 5 % VaR (one pass for the moments and the drawdown, then a
// hand-written quickselect for the quantile, as a C programmer would write it). Pulse computes
// every figure of ReturnStats (also Calmar, omega, tail ratio, stability, CVaR, 1 % VaR / CVaR,
// ulcer index, drawdown indices) in that time. The ratio (Pulse / plain loop) is a counter on
// the BM_ReturnStats_Ratio row; goal <= 1.0. BM_SelectNth_* compare the selection behind the
// quantiles with std::nth_element.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <vector>

#include <benchmark/benchmark.h>

#include "analytics/return_stats.h"
#include "analytics/select_nth.h"

namespace {

std::size_t ReturnCount() {
  const char* env = std::getenv("PULSE_BENCH_RETURNS");
  return env != nullptr ? static_cast<std::size_t>(std::atoll(env)) : 10'000'000;
}

// Deterministic pseudo-random returns: xorshift64*, sum of four uniforms (roughly normal), mean
// 0.0003, deviation about 0.01.
const std::vector<double>& Returns() {
  static const std::vector<double> r = [] {
    std::vector<double> v(ReturnCount());
    std::uint64_t s = 0x9E3779B97F4A7C15ull;
    for (double& x : v) {
      double sum = 0;
      for (int k = 0; k < 4; ++k) {
        s ^= s >> 12;
        s ^= s << 25;
        s ^= s >> 27;
        sum += static_cast<double>((s * 0x2545F4914F6CDD1Dull) >> 11) * 0x1.0p-53;
      }
      x = 0.0003 + (sum - 2.0) * 0.0173;
    }
    return v;
  }();
  return r;
}

struct FiveFigures {
  double sharpe, sortino, max_drawdown, annual_volatility, var_95;
};

double QuickSelect(double* a, long n, long k) {
  long lo = 0, hi = n - 1;
  while (lo < hi) {
    const double pivot = a[(lo + hi) / 2];
    long i = lo, j = hi;
    while (i <= j) {
      while (a[i] < pivot) ++i;
      while (a[j] > pivot) --j;
      if (i <= j) {
        const double t = a[i];
        a[i] = a[j];
        a[j] = t;
        ++i;
        --j;
      }
    }
    if (k <= j) {
      hi = j;
    } else if (k >= i) {
      lo = i;
    } else {
      return a[k];
    }
  }
  return a[k];
}

FiveFigures PlainLoop(const double* r, long n, double ppy, double* scratch) {
  double sum = 0, sum_sq = 0, down_sq = 0, equity = 1, peak = 1, mdd = 0;
  long m = 0;
  for (long i = 0; i < n; ++i) {
    const double x = r[i];
    if (x != x) continue;  // NaN
    sum += x;
    sum_sq += x * x;
    if (x < 0) down_sq += x * x;
    equity *= 1 + x;
    if (equity > peak) peak = equity;
    const double dd = equity / peak - 1;
    if (dd < mdd) mdd = dd;
    scratch[m++] = x;
  }
  const double mean = sum / m;
  const double sd = std::sqrt((sum_sq - sum * sum / m) / (m - 1));
  const double downside = std::sqrt(down_sq / m) * std::sqrt(ppy);
  const double pos = 0.05 * (m - 1);
  const long k = static_cast<long>(pos);
  const double lo = QuickSelect(scratch, m, k);
  double next = lo;
  if (k + 1 < m) {
    next = scratch[k + 1];
    for (long i = k + 2; i < m; ++i)
      if (scratch[i] < next) next = scratch[i];
  }
  FiveFigures f;
  f.sharpe = mean / sd * std::sqrt(ppy);
  f.sortino = mean * ppy / downside;
  f.max_drawdown = mdd;
  f.annual_volatility = sd * std::sqrt(ppy);
  f.var_95 = lo + (next - lo) * (pos - k);
  return f;
}

void BM_ReturnStats_PlainLoop(benchmark::State& state) {
  const std::vector<double>& r = Returns();
  std::vector<double> scratch(r.size());
  FiveFigures f{};
  for (auto _ : state) {
    f = PlainLoop(r.data(), static_cast<long>(r.size()), 252, scratch.data());
    benchmark::DoNotOptimize(f);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * r.size()));
  state.counters["sharpe"] = f.sharpe;
  state.counters["var_95"] = f.var_95;
}

void BM_ReturnStats_Pulse(benchmark::State& state) {
  const std::vector<double>& r = Returns();
  pulse::analytics::ReturnStats s;
  for (auto _ : state) {
    auto result = pulse::analytics::ComputeReturnStats(r);
    if (!result.ok()) {
      state.SkipWithError("ComputeReturnStats failed");
      return;
    }
    s = *result;
    benchmark::DoNotOptimize(s);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * r.size()));
  state.counters["sharpe"] = s.sharpe;
  state.counters["var_95"] = s.var_95;
}

// Times the plain loop once more outside the framework's loop so the Pulse row can carry the
// ratio even when run alone.
void BM_ReturnStats_Ratio(benchmark::State& state) {
  const std::vector<double>& r = Returns();
  std::vector<double> scratch(r.size());
  double plain = 0, pulse_time = 0;
  for (auto _ : state) {
    state.PauseTiming();
    auto t0 = std::chrono::steady_clock::now();
    FiveFigures f = PlainLoop(r.data(), static_cast<long>(r.size()), 252, scratch.data());
    benchmark::DoNotOptimize(f);
    auto t1 = std::chrono::steady_clock::now();
    auto s = pulse::analytics::ComputeReturnStats(r);
    benchmark::DoNotOptimize(s);
    auto t2 = std::chrono::steady_clock::now();
    plain += std::chrono::duration<double>(t1 - t0).count();
    pulse_time += std::chrono::duration<double>(t2 - t1).count();
    state.ResumeTiming();
  }
  state.counters["plain_ms"] = plain / static_cast<double>(state.iterations()) * 1e3;
  state.counters["pulse_ms"] = pulse_time / static_cast<double>(state.iterations()) * 1e3;
  state.counters["ratio"] = pulse_time / plain;
}

// The selection behind the quantiles: the 5 % order statistic of 1M returns, SelectNth against
// std::nth_element on the same copies.
template <bool kPulse>
void BM_SelectNth(benchmark::State& state) {
  const std::vector<double>& r = Returns();
  const std::vector<double> values(r.begin(), r.begin() + std::min<std::size_t>(r.size(), 1 << 20));
  std::vector<double> work;
  const std::size_t k = values.size() / 20;
  for (auto _ : state) {
    state.PauseTiming();
    work = values;
    state.ResumeTiming();
    if constexpr (kPulse) {
      pulse::analytics::SelectNth(work.data(), work.data() + k, work.data() + work.size());
    } else {
      std::nth_element(work.begin(), work.begin() + static_cast<std::ptrdiff_t>(k), work.end());
    }
    benchmark::DoNotOptimize(work[k]);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * values.size()));
}

}  // namespace

BENCHMARK(BM_ReturnStats_PlainLoop)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ReturnStats_Pulse)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ReturnStats_Ratio)->Unit(benchmark::kMillisecond)->Iterations(5);
BENCHMARK(BM_SelectNth<true>)->Name("BM_SelectNth_Pulse")->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SelectNth<false>)->Name("BM_SelectNth_StdNthElement")->Unit(benchmark::kMillisecond);
