// SyntheticDataset: seeded random classification data for tests and benchmarks of the inference
// adapters. Labels follow a noisy linear rule over the first features so a model has something
// to learn; a share of the values is NaN (missing). Test-only; immutable after construction.
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <random>
#include <vector>

#include "adapters/inference/xgboost_trainer.h"

namespace pulse::inference {

struct SyntheticDataset {
  std::size_t columns = 0;
  std::vector<double> features;  // row-major
  std::vector<double> labels;
  std::vector<UnixNanos> times;  // one bar every 5 minutes from 2024-01-01

  // `positive_share` shifts the rule so roughly that share of rows is positive.
  SyntheticDataset(std::size_t rows, std::size_t cols, std::uint64_t seed,
                   double missing_share = 0.05, double positive_share = 0.5)
      : columns(cols) {
    std::mt19937_64 rng(seed);
    std::normal_distribution<double> normal(0.0, 1.0);
    std::uniform_real_distribution<double> uniform(0.0, 1.0);
    const double threshold = std::sqrt(2.0) * InverseNormalTail(positive_share);
    features.resize(rows * cols);
    labels.resize(rows);
    times.resize(rows);
    for (std::size_t r = 0; r < rows; ++r) {
      double score = 0;
      for (std::size_t c = 0; c < cols; ++c) {
        const double x = normal(rng);
        if (c < 3) score += (c == 1 ? -0.7 : 0.7) * x;
        features[r * cols + c] = uniform(rng) < missing_share ? NAN : x;
      }
      labels[r] = score + 0.6 * normal(rng) > threshold ? 1.0 : 0.0;
      times[r] = 1704067200000000000LL + static_cast<std::int64_t>(r) * 300000000000LL;
    }
  }

  TrainingSet View() const {
    TrainingSet set;
    set.features = features;
    set.columns = columns;
    set.labels = labels;
    set.times = times;
    return set;
  }

 private:
  // z with P(Z > z) = p for a standard normal Z, by bisection (precision is not important).
  static double InverseNormalTail(double p) {
    double lo = -10, hi = 10;
    for (int i = 0; i < 100; ++i) {
      const double mid = (lo + hi) / 2;
      (0.5 * std::erfc(mid / std::sqrt(2.0)) > p ? lo : hi) = mid;
    }
    return lo;
  }
};

}  // namespace pulse::inference
