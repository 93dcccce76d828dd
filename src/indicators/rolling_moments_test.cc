// Z-score, skewness and kurtosis against a from-scratch recomputation of every window with the
// textbook formulas (two-pass mean and deviations; adjusted Fisher-Pearson skewness and the
// sample excess kurtosis, which are what pandas' rolling skew()/kurt() compute), on TA-Lib's
// reference candles and seeded random walks, plus hand-computed windows.
#include "indicators/rolling_moments.h"

#include <cmath>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "indicators/registry.h"
#include "indicators/test_series.h"

namespace pulse::indicators {
namespace {

using testing::LogReturns;
using testing::Near;

double Mean(const std::vector<double>& w) {
  double sum = 0;
  for (double x : w) sum += x;
  return sum / w.size();
}

// Sample standard deviation (n - 1).
double SampleSd(const std::vector<double>& w) {
  const double mean = Mean(w);
  double ss = 0;
  for (double x : w) ss += (x - mean) * (x - mean);
  return std::sqrt(ss / (w.size() - 1));
}

double BruteZScore(const std::vector<double>& w) {
  const double sd = SampleSd(w);
  if (sd * sd <= 1e-14) return 0;
  return (w.back() - Mean(w)) / sd;
}

// G1 = n / ((n - 1)(n - 2)) * sum(((x - mean) / s)^3).
double BruteSkew(const std::vector<double>& w) {
  const double n = w.size();
  const double mean = Mean(w);
  const double s = SampleSd(w);
  if (s * s * (n - 1) / n <= 1e-14) return 0;
  double sum = 0;
  for (double x : w) sum += std::pow((x - mean) / s, 3);
  return n / ((n - 1) * (n - 2)) * sum;
}

// G2 = n (n + 1) / ((n - 1)(n - 2)(n - 3)) * sum(((x - mean) / s)^4)
//      - 3 (n - 1)^2 / ((n - 2)(n - 3)).
double BruteKurtosis(const std::vector<double>& w) {
  const double n = w.size();
  const double mean = Mean(w);
  const double s = SampleSd(w);
  if (s * s * (n - 1) / n <= 1e-14) return 0;
  double sum = 0;
  for (double x : w) sum += std::pow((x - mean) / s, 4);
  return n * (n + 1) / ((n - 1) * (n - 2) * (n - 3)) * sum -
         3 * (n - 1) * (n - 1) / ((n - 2) * (n - 3));
}

std::vector<double> Column(const std::string& name, double period, const std::vector<double>& x) {
  std::vector<double> params = {period};
  auto ind = CreateIndicator(name, params);
  EXPECT_TRUE(ind.ok()) << ind.status();
  if (!ind.ok()) return {};
  return RunBatch(**ind, x)[0];
}

// Every output against the brute force over the same window; NaN exactly during warm-up.
void CheckAgainstBruteForce(const std::vector<double>& closes, int period) {
  SCOPED_TRACE("period " + std::to_string(period));
  const auto zscore = Column("zscore", period, closes);
  for (size_t i = 0; i < closes.size(); ++i) {
    if (i + 1 < static_cast<size_t>(period)) {
      EXPECT_TRUE(std::isnan(zscore[i])) << i;
      continue;
    }
    const std::vector<double> w(closes.begin() + i + 1 - period, closes.begin() + i + 1);
    EXPECT_TRUE(Near(zscore[i], BruteZScore(w))) << "zscore bar " << i;
  }
  const std::vector<double> returns = LogReturns(closes);
  const auto skew = period >= 3 ? Column("skew", period, closes) : std::vector<double>();
  const auto kurt = period >= 4 ? Column("kurtosis", period, closes) : std::vector<double>();
  for (size_t i = 0; i < closes.size(); ++i) {
    // Bar i's window holds returns i - period + 1 .. i (return j is bar j + 1's).
    const bool ready = i >= static_cast<size_t>(period);
    std::vector<double> w;
    if (ready) w.assign(returns.begin() + i - period, returns.begin() + i);
    if (!skew.empty()) {
      if (!ready) {
        EXPECT_TRUE(std::isnan(skew[i])) << i;
      } else {
        EXPECT_TRUE(Near(skew[i], BruteSkew(w))) << "skew bar " << i;
      }
    }
    if (!kurt.empty()) {
      if (!ready) {
        EXPECT_TRUE(std::isnan(kurt[i])) << i;
      } else {
        EXPECT_TRUE(Near(kurt[i], BruteKurtosis(w))) << "kurtosis bar " << i;
      }
    }
  }
}

TEST(RollingMoments, MatchBruteForceOnTalibCandles) {
  const std::vector<Bar> bars = testing::ReferenceBars();
  ASSERT_EQ(bars.size(), 252u);
  for (int period : {2, 3, 4, 5, 20, 60}) CheckAgainstBruteForce(testing::Closes(bars), period);
}

TEST(RollingMoments, MatchBruteForceOnRandomWalks) {
  for (unsigned seed : {1u, 2u}) {
    SCOPED_TRACE(seed);
    const auto closes = testing::Closes(testing::ReturnProcessBars(seed, 1500, 0.02));
    for (int period : {3, 20, 101}) CheckAgainstBruteForce(closes, period);
  }
}

// A long series at a high price level: the running sums must not drift (they are rebased from
// the window once per period), so the last windows still match the brute force.
TEST(RollingMoments, NoDriftOverLongHighPricedSeries) {
  auto closes = testing::Closes(testing::ReturnProcessBars(3, 30000, 0.001));
  for (double& c : closes) c *= 1000;  // ~1e5, like BTC
  CheckAgainstBruteForce(std::vector<double>(closes.end() - 300, closes.end()), 20);
  const auto zscore = Column("zscore", 20, closes);
  const auto skew = Column("skew", 20, closes);
  const auto kurt = Column("kurtosis", 20, closes);
  const std::vector<double> returns = LogReturns(closes);
  for (size_t i = closes.size() - 50; i < closes.size(); ++i) {
    const std::vector<double> w(closes.begin() + i - 19, closes.begin() + i + 1);
    EXPECT_TRUE(Near(zscore[i], BruteZScore(w))) << i;
    const std::vector<double> r(returns.begin() + i - 20, returns.begin() + i);
    EXPECT_TRUE(Near(skew[i], BruteSkew(r))) << i;
    EXPECT_TRUE(Near(kurt[i], BruteKurtosis(r))) << i;
  }
}

// A jump to a quiet new level: the window's spread (1e-5 of the level, so the data themselves
// carry enough digits) is tiny next to the distance from the old level, which the running sums
// must not lose digits to.
TEST(RollingMoments, JumpToQuietLevel) {
  std::vector<double> closes;
  for (int i = 0; i < 300; ++i) {
    const double level = i < 100 ? 100 : i < 200 ? 100000 : 3;
    closes.push_back(level * (1 + 1e-5 * std::sin(i * 1.7)));
  }
  for (int period : {3, 20, 50}) CheckAgainstBruteForce(closes, period);
}

TEST(RollingMoments, HandComputedZScore) {
  // Window 1, 2, 3, 4, 10: mean 4, sample variance (9 + 4 + 1 + 0 + 36) / 4 = 12.5.
  ZScore z(5);
  for (double x : {1.0, 2.0, 3.0, 4.0}) z.Add(x);
  EXPECT_FALSE(z.Ready());
  z.Add(10);
  ASSERT_TRUE(z.Ready());
  EXPECT_NEAR(z.Value(), 6 / std::sqrt(12.5), 1e-15);
  z.Add(4);  // window 2, 3, 4, 10, 4: mean 4.6, variance (6.76 + 2.56 + 0.36 + 29.16 + 0.36) / 4
  EXPECT_NEAR(z.Value(), -0.6 / std::sqrt(9.8), 1e-14);
}

TEST(RollingMoments, HandComputedSkewAndKurtosis) {
  // Log returns 1, -2, 3, 0, 5 (percent): mean 1.4, deviations -0.4, -3.4, 1.6, -1.4, 3.6;
  // sums of their squares 29.2, cubes 8.64, fourth powers 312.016; s^2 = 7.3.
  // skew = 5 / (4 * 3) * 8.64 / 7.3^1.5 = 0.18252346...
  // kurt = 5 * 6 / (4 * 3 * 2) * 312.016 / 7.3^2 - 3 * 16 / (3 * 2) = -0.68117845...
  ReturnMoments skew(ReturnMoments::Kind::kSkew, 5);
  ReturnMoments kurt(ReturnMoments::Kind::kKurtosis, 5);
  double log_close = std::log(100.0);
  skew.Add(100);
  kurt.Add(100);
  for (double r : {0.01, -0.02, 0.03, 0.0, 0.05}) {
    log_close += r;
    skew.Add(std::exp(log_close));
    kurt.Add(std::exp(log_close));
  }
  ASSERT_TRUE(skew.Ready());
  EXPECT_NEAR(skew.Value(), 5.0 / 12 * 8.64 / std::pow(7.3, 1.5), 1e-9);
  EXPECT_NEAR(kurt.Value(), 1.25 * 312.016 / (7.3 * 7.3) - 8, 1e-9);
}

TEST(RollingMoments, FlatWindowsGiveZero) {
  ZScore z(4);
  ReturnMoments skew(ReturnMoments::Kind::kSkew, 4);
  ReturnMoments kurt(ReturnMoments::Kind::kKurtosis, 4);
  for (int i = 0; i < 10; ++i) {
    z.Add(42);
    skew.Add(42);
    kurt.Add(42);
  }
  EXPECT_EQ(z.Value(), 0.0);
  EXPECT_EQ(skew.Value(), 0.0);
  EXPECT_EQ(kurt.Value(), 0.0);
}

}  // namespace
}  // namespace pulse::indicators
