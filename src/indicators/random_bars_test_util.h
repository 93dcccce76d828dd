// Test helper: seeded random OHLCV bars (a random walk with flat stretches and open = close
// bars, so the zero-range and zero-move branches are exercised) for brute-force indicator tests.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <random>
#include <vector>

#include "model/bar.h"

namespace pulse::indicators::testing {

inline std::vector<Bar> RandomBars(int n, uint32_t seed) {
  std::mt19937 rng(seed);
  std::normal_distribution<double> step(0.0, 1.0);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  std::vector<Bar> bars(n);
  double close = 100;
  for (int i = 0; i < n; ++i) {
    Bar& b = bars[i];
    b.open_time = static_cast<UnixNanos>(i);
    if (i % 50 >= 45) {
      // A flat stretch: every price equal.
      b.open = b.high = b.low = b.close = close;
      b.volume = 0;
      continue;
    }
    b.open = close + 0.3 * step(rng);
    close = std::max(1.0, close + step(rng));
    b.close = unit(rng) < 0.1 ? b.open : close;
    close = b.close;
    b.high = std::max(b.open, b.close) + std::fabs(step(rng));
    b.low = std::min(b.open, b.close) - std::fabs(step(rng));
    b.volume = 1000 * unit(rng);
  }
  return bars;
}

inline std::vector<double> Closes(const std::vector<Bar>& bars) {
  std::vector<double> out;
  for (const Bar& b : bars) out.push_back(b.close);
  return out;
}

}  // namespace pulse::indicators::testing
