// The Monte Carlo of the reports (analytics/trade_monte_carlo.h) on 1,000 trades, 1,000 paths
// of each method, against a baseline in the same run: the same paths drawn with the standard
// library (std::shuffle and std::uniform_int_distribution, whose draws differ between standard
// libraries) and measured alike, without the shares, spreads and histograms' values.
#include <algorithm>
#include <random>
#include <vector>

#include <benchmark/benchmark.h>

#include "analytics/trade_monte_carlo.h"

namespace pulse::analytics {
namespace {

constexpr int kTrades = 1000;
constexpr int kPaths = 1000;

// Trades winning 2 % of the account 40 % of the time and losing 1 % otherwise.
std::vector<AccountTrade> Trades() {
  std::mt19937_64 rng(7);
  std::bernoulli_distribution win(0.4);
  std::vector<AccountTrade> trades(kTrades);
  for (AccountTrade& t : trades) {
    const bool w = win(rng);
    t = {w ? 0.02 : -0.01, !w};
  }
  return trades;
}

void BM_TradeMonteCarlo_Pulse(benchmark::State& state) {
  const std::vector<AccountTrade> trades = Trades();
  MonteCarloOptions options;
  options.simulations = kPaths;
  options.drawdown_limits = {0.15};
  options.streak_limits = {5};
  for (auto _ : state) {
    Result<TradeMonteCarlo> mc = RunTradeMonteCarlo(trades, options);
    benchmark::DoNotOptimize(mc);
  }
  state.counters["path_steps_per_s"] =
      benchmark::Counter(2.0 * kTrades * kPaths * static_cast<double>(state.iterations()),
                         benchmark::Counter::kIsRate);
}

void BM_TradeMonteCarlo_StdLibrary(benchmark::State& state) {
  const std::vector<AccountTrade> trades = Trades();
  for (auto _ : state) {
    std::mt19937_64 rng(1);
    std::vector<AccountTrade> path = trades;
    double sum = 0;
    for (int s = 0; s < kPaths; ++s) {
      std::copy(trades.begin(), trades.end(), path.begin());
      std::shuffle(path.begin(), path.end(), rng);
      sum += MeasurePath(path).max_drawdown;
    }
    std::uniform_int_distribution<std::size_t> pick(0, trades.size() - 1);
    for (int s = 0; s < kPaths; ++s) {
      for (AccountTrade& t : path) t = trades[pick(rng)];
      sum += MeasurePath(path).total_return;
    }
    benchmark::DoNotOptimize(sum);
  }
  state.counters["path_steps_per_s"] =
      benchmark::Counter(2.0 * kTrades * kPaths * static_cast<double>(state.iterations()),
                         benchmark::Counter::kIsRate);
}

BENCHMARK(BM_TradeMonteCarlo_StdLibrary)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_TradeMonteCarlo_Pulse)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace pulse::analytics
