#include "indicators/hma.h"

#include <cmath>
#include <vector>

#include <gtest/gtest.h>

#include "indicators/registry.h"
#include "indicators/test_series.h"

namespace pulse::indicators {
namespace {

// Textbook WMA of x[end - n + 1 .. end], weight n on the newest.
double WmaAt(const std::vector<double>& x, int end, int n) {
  double sum = 0;
  for (int j = 0; j < n; ++j) sum += (n - j) * x[end - j];
  return sum / (n * (n + 1) / 2.0);
}

// Hull from scratch at bar t: every WMA recomputed over its own window.
double HmaAt(const std::vector<double>& x, int t, int n) {
  const int half = n / 2;
  const int root = static_cast<int>(std::floor(std::sqrt(n)));
  double sum = 0;
  for (int j = 0; j < root; ++j) {
    const int i = t - j;
    sum += (root - j) * (2 * WmaAt(x, i, half) - WmaAt(x, i, n));
  }
  return sum / (root * (root + 1) / 2.0);
}

void CheckAgainstBruteForce(const std::vector<double>& closes, int n) {
  Hma hma(n);
  const int root = static_cast<int>(std::floor(std::sqrt(n)));
  const int warm_up = n - 1 + root - 1;
  ASSERT_EQ(hma.WarmUp(), warm_up);
  for (int t = 0; t < static_cast<int>(closes.size()); ++t) {
    hma.Add(closes[t]);
    ASSERT_EQ(hma.Ready(), t >= warm_up) << t;
    if (t < warm_up) {
      EXPECT_TRUE(std::isnan(hma.Value()));
      continue;
    }
    EXPECT_TRUE(testing::Near(hma.Value(), HmaAt(closes, t, n))) << "n " << n << " bar " << t;
  }
}

TEST(Hma, MatchesBruteForceOnRealAndRandomSeries) {
  std::vector<double> real;
  for (const Bar& b : testing::ReferenceBars()) real.push_back(b.close);
  ASSERT_EQ(real.size(), 252u);
  std::vector<double> walk;
  for (const Bar& b : testing::RandomWalkBars(400, 7)) walk.push_back(b.close);
  for (int n : {2, 3, 4, 5, 9, 16, 20, 49}) {
    CheckAgainstBruteForce(real, n);
    CheckAgainstBruteForce(walk, n);
  }
}

// Period 4 over 1..5: WMA4 = 3 then 4, WMA2 = 11/3 then 14/3, inner 13/3 then 16/3, and the
// outer WMA2 (13/3 + 2 * 16/3) / 3 = 5: no lag on a straight line.
TEST(Hma, HandComputedLine) {
  Hma hma(4);
  EXPECT_EQ(hma.WarmUp(), 4);
  for (double x : {1.0, 2.0, 3.0, 4.0}) hma.Add(x);
  EXPECT_FALSE(hma.Ready());
  hma.Add(5);
  ASSERT_TRUE(hma.Ready());
  EXPECT_NEAR(hma.Value(), 5.0, 1e-12);
}

TEST(Hma, RegistryDefaultsAndReset) {
  auto ind = CreateIndicator("hma");
  ASSERT_TRUE(ind.ok());
  EXPECT_EQ((*ind)->WarmUp(), 9 - 1 + 3 - 1);
  const std::vector<Bar> bars = testing::RandomWalkBars(50, 3);
  const auto first = RunBatch(**ind, bars);
  const auto second = RunBatch(**ind, bars);  // RunBatch resets first
  EXPECT_EQ(first[0][49], second[0][49]);
  EXPECT_FALSE(std::isnan(first[0][49]));
}

}  // namespace
}  // namespace pulse::indicators
