// Test helpers for the price-feature and rolling-statistics tests: the TA-Lib reference candles,
// a seeded random walk, and a relative comparison. Test-only.
#pragma once

#include <algorithm>
#include <cmath>
#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "indicators/oracle_test_util.h"
#include "model/bar.h"

namespace pulse::indicators::testing {

// The 252 daily candles of TA-Lib's regression tests (open, high, low, close, volume).
inline std::vector<Bar> ReferenceBars() {
  const auto doc = LoadOracle("talib_regtest_tables.json");
  if (doc.is_null()) return {};
  return BarsFromColumns(doc["input_data"]);
}

// A geometric random walk of `n` bars from 100 with per-bar log-return sd `sigma` and a drift,
// AR(1) coefficient `phi` on the returns (0 = independent), high/low spread around open/close.
inline std::vector<Bar> RandomWalkBars(unsigned seed, int n, double sigma = 0.01, double phi = 0.0,
                                       double drift = 0.0) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> normal(0.0, 1.0);
  std::vector<Bar> bars(n);
  double close = 100;
  double prev_return = 0;
  for (int i = 0; i < n; ++i) {
    const double r = drift + phi * prev_return + sigma * normal(rng);
    prev_return = r;
    Bar& b = bars[i];
    b.open_time = static_cast<UnixNanos>(i);
    b.open = close;
    close *= std::exp(r);
    b.close = close;
    b.high = std::max(b.open, b.close) * (1 + sigma * std::abs(normal(rng)) / 2);
    b.low = std::min(b.open, b.close) * (1 - sigma * std::abs(normal(rng)) / 2);
    b.volume = 1000 + 100 * std::abs(normal(rng));
  }
  return bars;
}

inline std::vector<double> Closes(const std::vector<Bar>& bars) {
  std::vector<double> out;
  for (const Bar& b : bars) out.push_back(b.close);
  return out;
}

// ln(c[i] / c[i - 1]) for i = 1..n-1: element j is bar j + 1's log return.
inline std::vector<double> LogReturns(const std::vector<double>& closes) {
  std::vector<double> r;
  for (size_t i = 1; i < closes.size(); ++i) r.push_back(std::log(closes[i] / closes[i - 1]));
  return r;
}

// The log returns in bar `i`'s window of `period` returns (bars i - period + 1 .. i).
inline std::vector<double> ReturnWindow(const std::vector<double>& returns, size_t i, int period) {
  return std::vector<double>(returns.begin() + i - period, returns.begin() + i);
}

// |got - want| <= 1e-9 * max(|want|, floor): relative, with an absolute floor for values near
// zero (floor 1 for dimensionless statistics).
inline ::testing::AssertionResult Near(double got, double want, double floor = 1.0) {
  const double tol = 1e-9 * std::max(std::abs(want), floor);
  if (std::abs(got - want) <= tol) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure()
         << "got " << got << ", want " << want << " (diff " << got - want << ", tol " << tol << ")";
}

}  // namespace pulse::indicators::testing
