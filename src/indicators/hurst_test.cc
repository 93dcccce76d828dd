// Hurst exponent against an independent R/S recomputation of every window (chunks copied out of
// the return series, textbook mean/deviation/cumulative-sum per chunk, ordinary least squares),
// on TA-Lib's reference candles and seeded random walks; a hand-computed window; and sanity
// checks: independent returns near 0.5, persistent ones above, mean-reverting ones below.
#include "indicators/hurst.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "indicators/registry.h"
#include "indicators/test_series.h"

namespace pulse::indicators {
namespace {

using testing::Near;

// R/S of one chunk, or -1 when its variance is at most 1e-14.
double RescaledRange(const std::vector<double>& chunk) {
  double mean = 0;
  for (double x : chunk) mean += x;
  mean /= chunk.size();
  std::vector<double> cumulative;
  double total = 0;
  double ss = 0;
  for (double x : chunk) {
    total += x - mean;
    ss += (x - mean) * (x - mean);
    cumulative.push_back(total);
  }
  const double variance = ss / chunk.size();
  if (variance <= 1e-14) return -1;
  const auto [lo, hi] = std::minmax_element(cumulative.begin(), cumulative.end());
  return (*hi - *lo) / std::sqrt(variance);
}

double BruteHurst(const std::vector<double>& w) {
  const int n = w.size();
  std::vector<double> xs;
  std::vector<double> ys;
  for (int size = n; size >= 8; size /= 2) {
    double sum = 0;
    int used = 0;
    // Chunks end at the newest return; the oldest n % size returns are left out.
    for (int end = n; end - size >= 0; end -= size) {
      const double rs = RescaledRange(std::vector<double>(w.begin() + end - size, w.begin() + end));
      if (rs < 0) continue;
      sum += rs;
      ++used;
    }
    if (used == 0) continue;
    xs.push_back(std::log(static_cast<double>(size)));
    ys.push_back(std::log(sum / used));
  }
  if (xs.size() < 2) return 0.5;
  double mx = 0;
  double my = 0;
  for (size_t i = 0; i < xs.size(); ++i) {
    mx += xs[i] / xs.size();
    my += ys[i] / ys.size();
  }
  double sxy = 0;
  double sxx = 0;
  for (size_t i = 0; i < xs.size(); ++i) {
    sxy += (xs[i] - mx) * (ys[i] - my);
    sxx += (xs[i] - mx) * (xs[i] - mx);
  }
  return sxy / sxx;
}

std::vector<double> RunHurst(int period, const std::vector<double>& closes) {
  std::vector<double> params = {static_cast<double>(period)};
  auto ind = CreateIndicator("hurst", params);
  EXPECT_TRUE(ind.ok()) << ind.status();
  return RunBatch(**ind, closes)[0];
}

void CheckAgainstBruteForce(const std::vector<double>& closes, int period) {
  SCOPED_TRACE("period " + std::to_string(period));
  const auto out = RunHurst(period, closes);
  const auto returns = testing::LogReturns(closes);
  for (size_t i = 0; i < closes.size(); ++i) {
    if (i < static_cast<size_t>(period)) {
      EXPECT_TRUE(std::isnan(out[i])) << i;
      continue;
    }
    EXPECT_TRUE(Near(out[i], BruteHurst(testing::ReturnWindow(returns, i, period)))) << i;
  }
}

TEST(Hurst, MatchesRescaledRangeRecomputationOnEveryWindow) {
  const auto talib = testing::Closes(testing::ReferenceBars());
  ASSERT_EQ(talib.size(), 252u);
  const auto walk = testing::Closes(testing::ReturnProcessBars(21, 800));
  for (int period : {16, 17, 31, 100, 128}) {
    CheckAgainstBruteForce(talib, period);
    CheckAgainstBruteForce(walk, period);
  }
}

TEST(Hurst, HandComputedWindow) {
  // Returns in units a: older chunk +-+-+-+- (R = a, S = a: R/S 1), newer chunk ++++---- (running
  // sums 1 2 3 4 3 2 1 0: R/S 4), mean 2.5 for size 8; the whole 16 (sums 1 0 1 0 ... 4 ... 0):
  // R/S 4. H = (ln 4 - ln 2.5) / (ln 16 - ln 8) = log2(1.6).
  Hurst hurst(16);
  double log_close = std::log(100.0);
  hurst.Add(100);
  const double a = 0.01;
  for (double r : {a, -a, a, -a, a, -a, a, -a, a, a, a, a, -a, -a, -a, -a}) {
    log_close += r;
    hurst.Add(std::exp(log_close));
  }
  ASSERT_TRUE(hurst.Ready());
  EXPECT_NEAR(hurst.Value(), std::log2(1.6), 1e-9);
  // Flat prices: no chunk has any variance.
  Hurst flat(16);
  for (int i = 0; i < 20; ++i) flat.Add(10);
  EXPECT_EQ(flat.Value(), 0.5);
}

double MeanHurst(double phi) {
  const auto closes = testing::Closes(testing::ReturnProcessBars(33, 6000, 0.01, phi));
  const auto out = RunHurst(256, closes);
  double sum = 0;
  int n = 0;
  for (double h : out) {
    if (std::isnan(h)) continue;
    sum += h;
    ++n;
  }
  return sum / n;
}

TEST(Hurst, RandomWalkNearHalfTrendingAboveMeanRevertingBelow) {
  const double random_walk = MeanHurst(0.0);
  const double trending = MeanHurst(0.6);
  const double reverting = MeanHurst(-0.6);
  std::printf("mean Hurst(256): random walk %.3f, AR(1) 0.6 %.3f, AR(1) -0.6 %.3f\n", random_walk,
              trending, reverting);
  // R/S reads independent returns a little above 0.5 on short windows (small-sample bias).
  EXPECT_NEAR(random_walk, 0.55, 0.06);
  EXPECT_GT(trending, random_walk + 0.1);
  EXPECT_LT(reverting, random_walk - 0.05);
}

}  // namespace
}  // namespace pulse::indicators
