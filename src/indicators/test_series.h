// Test helpers: price series for the brute-force tests of the indicators — TA-Lib's 252
// reference bars, real Binance 5m candles from the shared data, seeded random walks — and a
// relative comparison. Test-only; nothing here is shared with the implementations.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "indicators/oracle_test_util.h"
#include "model/bar.h"

namespace pulse::indicators::testing {

// TA-Lib's 252 daily reference bars (open_time = bar index).
inline std::vector<Bar> ReferenceBars() {
  const nlohmann::json doc = LoadOracle("talib_regtest_tables.json");
  if (doc.is_null()) return {};
  return BarsFromColumns(doc["input_data"]);
}

// Up to `max_rows` candles of shared/data/candles/<relative> (timestamp_ms,o,h,l,c,v CSV with a
// header). A missing file is a test failure.
inline std::vector<Bar> SharedCandles(const std::string& relative, size_t max_rows) {
  const std::string path = SharedDataDir() + "/candles/" + relative;
  std::ifstream in(path);
  std::vector<Bar> bars;
  if (!in) {
    ADD_FAILURE() << "candle file missing: " << path;
    return bars;
  }
  std::string line;
  std::getline(in, line);  // header
  while (bars.size() < max_rows && std::getline(in, line)) {
    Bar b;
    long long ms = 0;
    if (std::sscanf(line.c_str(), "%lld,%lf,%lf,%lf,%lf,%lf", &ms, &b.open, &b.high, &b.low,
                    &b.close, &b.volume) != 6) {
      ADD_FAILURE() << "bad candle line in " << path << ": " << line;
      break;
    }
    b.open_time = FromMillis(ms);
    bars.push_back(b);
  }
  return bars;
}

// Binance BTC/USDT 5m candles (real data, December 2020 onwards).
inline std::vector<Bar> BtcFiveMinuteBars(size_t max_rows = 3000) {
  return SharedCandles("binance_nfi_2021/BTC_USDT-5m.csv", max_rows);
}

// A seeded geometric random walk of `n` 5-minute bars starting at `start`, with consistent OHLC,
// random volumes and, when `zero_volume_every` > 0, zero volume on every that-many-th bar, and
// flat bars (high = low) now and then.
inline std::vector<Bar> RandomWalkBars(size_t n, std::uint64_t seed, UnixNanos start = 0,
                                       int zero_volume_every = 0) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> step(-0.01, 0.01);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  std::vector<Bar> bars;
  bars.reserve(n);
  double price = 100.0;
  for (size_t i = 0; i < n; ++i) {
    Bar b;
    b.open_time = start + static_cast<UnixNanos>(i) * 5 * kNanosPerMinute;
    b.open = price;
    price *= 1.0 + step(rng);
    b.close = price;
    const bool flat = unit(rng) < 0.03;
    b.high = flat ? b.open : std::max(b.open, b.close) * (1.0 + 0.004 * unit(rng));
    b.low = flat ? b.open : std::min(b.open, b.close) * (1.0 - 0.004 * unit(rng));
    if (flat) b.close = b.open;
    b.volume = 1000.0 * (0.2 + unit(rng));
    if (zero_volume_every > 0 && i % zero_volume_every == 0) b.volume = 0.0;
    bars.push_back(b);
  }
  return bars;
}

// A geometric random walk of `n` bars from 100 with per-bar log-return sd `sigma` and a drift,
// AR(1) coefficient `phi` on the returns (0 = independent), high/low spread around open/close.
// open_time = bar index.
inline std::vector<Bar> ReturnProcessBars(unsigned seed, int n, double sigma = 0.01,
                                          double phi = 0.0, double drift = 0.0) {
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

// |got - want| <= rel * max(|want|, floor): relative, with an absolute floor for values near zero
// (floor 1 suits prices and dimensionless statistics; floor 0 is purely relative). NaN fails.
inline ::testing::AssertionResult Near(double got, double want, double rel = 1e-9,
                                       double floor = 1.0) {
  const double tol = rel * std::max(std::fabs(want), floor);
  if (!std::isnan(got) && !std::isnan(want) && std::fabs(got - want) <= tol) {
    return ::testing::AssertionSuccess();
  }
  return ::testing::AssertionFailure()
         << "got " << got << ", want " << want << " (diff " << got - want << ", tol " << tol << ")";
}

}  // namespace pulse::indicators::testing
