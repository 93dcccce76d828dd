// Return entropy against a from-scratch binning of every window (TA-Lib's reference candles and a
// seeded random walk) and hand-computed windows.
#include "indicators/return_entropy.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "indicators/registry.h"
#include "indicators/test_series.h"

namespace pulse::indicators {
namespace {

using testing::Near;

double BruteEntropy(const std::vector<double>& w, int bins) {
  const double lo = *std::min_element(w.begin(), w.end());
  const double hi = *std::max_element(w.begin(), w.end());
  if (hi == lo) return 0;
  std::map<int, int> counts;
  for (double r : w) {
    int bin = static_cast<int>(std::floor((r - lo) / (hi - lo) * bins));
    if (bin == bins) bin = bins - 1;  // the highest return
    ++counts[bin];
  }
  double h = 0;
  for (const auto& [bin, count] : counts) {
    const double p = static_cast<double>(count) / w.size();
    h -= p * std::log(p) / std::log(2.0);
  }
  return h / (std::log(bins) / std::log(2.0));
}

void CheckAgainstBruteForce(const std::vector<double>& closes, int period, int bins) {
  SCOPED_TRACE("period " + std::to_string(period) + " bins " + std::to_string(bins));
  std::vector<double> params = {static_cast<double>(period), static_cast<double>(bins)};
  auto ind = CreateIndicator("entropy", params);
  ASSERT_TRUE(ind.ok()) << ind.status();
  const auto out = RunBatch(**ind, closes)[0];
  const auto returns = testing::LogReturns(closes);
  for (size_t i = 0; i < closes.size(); ++i) {
    if (i < static_cast<size_t>(period)) {
      EXPECT_TRUE(std::isnan(out[i])) << i;
      continue;
    }
    const auto w = testing::ReturnWindow(returns, i, period);
    EXPECT_TRUE(Near(out[i], BruteEntropy(w, bins))) << "bar " << i;
  }
}

TEST(ReturnEntropy, MatchesBinningOnEveryWindow) {
  const auto talib = testing::Closes(testing::ReferenceBars());
  ASSERT_EQ(talib.size(), 252u);
  const auto walk = testing::Closes(testing::ReturnProcessBars(17, 1000));
  for (auto [period, bins] : {std::pair{2, 2}, {20, 10}, {20, 3}, {50, 7}, {100, 20}}) {
    CheckAgainstBruteForce(talib, period, bins);
    CheckAgainstBruteForce(walk, period, bins);
  }
}

// Closes whose log returns are exactly `returns` (percent) after a start at 100.
std::vector<double> ClosesFromReturns(const std::vector<double>& returns) {
  std::vector<double> closes = {100};
  for (double r : returns) closes.push_back(closes.back() * std::exp(r / 100));
  return closes;
}

TEST(ReturnEntropy, HandComputed) {
  // Returns 0, 1, 2, 3 in two bins over [0, 3]: 0 and 1 in the first, 2 and 3 in the second:
  // p = 1/2, 1/2 -> 1 bit, normalised 1.
  ReturnEntropy even(4, 2);
  for (double c : ClosesFromReturns({0, 1, 2, 3})) even.Add(c);
  ASSERT_TRUE(even.Ready());
  EXPECT_NEAR(even.Value(), 1.0, 1e-12);
  // Returns 0, 0, 0, 3: p = 3/4, 1/4 -> 0.811278... bits; in 4 bins normalised by 2 bits.
  ReturnEntropy skewed(4, 4);
  for (double c : ClosesFromReturns({0, 0, 0, 3})) skewed.Add(c);
  const double bits = -(0.75 * std::log2(0.75) + 0.25 * std::log2(0.25));
  EXPECT_NEAR(skewed.Value(), bits / 2, 1e-12);
  // Flat prices: every return in one bin.
  ReturnEntropy flat(4, 4);
  for (int i = 0; i < 6; ++i) flat.Add(10);
  EXPECT_EQ(flat.Value(), 0.0);
}

}  // namespace
}  // namespace pulse::indicators
