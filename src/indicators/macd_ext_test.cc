#include "indicators/macd_ext.h"

#include <cmath>
#include <vector>

#include <gtest/gtest.h>

#include "indicators/macd.h"
#include "indicators/random_bars_test_util.h"
#include "indicators/registry.h"

namespace pulse::indicators {
namespace {

std::vector<double> SmaSeries(const std::vector<double>& xs, int n) {
  std::vector<double> out(xs.size(), NAN);
  for (size_t i = n - 1; i < xs.size(); ++i) {
    double s = 0;
    for (int j = 0; j < n; ++j) s += xs[i - j];
    out[i] = s / n;
  }
  return out;
}

// MACDEXT with SMAs, from scratch: line = SMA(fast) - SMA(slow), signal = SMA of the line.
TEST(IndicatorsMacdExt, SmaVersionMatchesBruteForce) {
  const auto closes = testing::Closes(testing::RandomBars(300, 31));
  std::vector<double> p = {26, 0, 12, 0, 9, 0};  // slow < fast: swapped as TA-Lib
  auto ind = CreateIndicator("macdext", p);
  ASSERT_TRUE(ind.ok());
  EXPECT_EQ((*ind)->WarmUp(), 25 + 8);
  const auto out = RunBatch(**ind, closes);
  const auto fast = SmaSeries(closes, 12), slow = SmaSeries(closes, 26);
  std::vector<double> line(closes.size(), NAN);
  for (size_t i = 25; i < closes.size(); ++i) line[i] = fast[i] - slow[i];
  for (size_t i = 33; i < closes.size(); ++i) {
    double signal = 0;
    for (int j = 0; j < 9; ++j) signal += line[i - j] / 9;
    EXPECT_NEAR(out[0][i], line[i], 1e-9);
    EXPECT_NEAR(out[1][i], signal, 1e-9);
    EXPECT_NEAR(out[2][i], line[i] - signal, 1e-9);
  }
  EXPECT_TRUE(std::isnan(out[0][32]));
}

// With EMAs for all three averages MACDEXT is TA-Lib's MACD.
TEST(IndicatorsMacdExt, EmaVersionIsMacd) {
  const auto closes = testing::Closes(testing::RandomBars(300, 37));
  MacdExt ext(12, MaOfType::Type::kEma, 26, MaOfType::Type::kEma, 9, MaOfType::Type::kEma);
  Macd macd(12, 26, 9);
  const auto a = RunBatch(ext, closes);
  const auto b = RunBatch(macd, closes);
  for (int k = 0; k < 3; ++k) {
    for (size_t i = 0; i < closes.size(); ++i) {
      if (std::isnan(b[k][i])) {
        EXPECT_TRUE(std::isnan(a[k][i]));
      } else {
        EXPECT_DOUBLE_EQ(a[k][i], b[k][i]);
      }
    }
  }
}

// Different lookbacks (KAMA 10 has 10, SMA 20 has 19): both averages first output on bar 19.
TEST(IndicatorsMacdExt, AveragesWithDifferentLookbacksStartTogether) {
  MacdExt ext(10, MaOfType::Type::kKama, 20, MaOfType::Type::kSma, 1, MaOfType::Type::kSma);
  EXPECT_EQ(ext.WarmUp(), 19);
  const auto closes = testing::Closes(testing::RandomBars(60, 41));
  const auto out = RunBatch(ext, closes);
  EXPECT_TRUE(std::isnan(out[0][18]));
  EXPECT_FALSE(std::isnan(out[0][19]));
}

// MACDFIX from scratch: SMA-seeded EMAs with k = 0.15 (12) and 0.075 (26), the 12 starting on
// bar 14.
TEST(IndicatorsMacdFix, MatchesBruteForce) {
  const auto closes = testing::Closes(testing::RandomBars(200, 43));
  auto ema = [&](size_t start, int n, double k) {
    std::vector<double> out(closes.size(), NAN);
    double v = 0;
    for (size_t i = start; i < start + n; ++i) v += closes[i] / n;
    out[start + n - 1] = v;
    for (size_t i = start + n; i < closes.size(); ++i) out[i] = v = (closes[i] - v) * k + v;
    return out;
  };
  const auto fast = ema(14, 12, 0.15), slow = ema(0, 26, 0.075);
  std::vector<double> p = {9};
  auto ind = CreateIndicator("macdfix", p);
  ASSERT_TRUE(ind.ok());
  EXPECT_EQ((*ind)->WarmUp(), 33);
  const auto out = RunBatch(**ind, closes);
  double signal = 0;
  for (size_t i = 25; i < 34; ++i) signal += (fast[i] - slow[i]) / 9;
  for (size_t i = 33; i < closes.size(); ++i) {
    const double line = fast[i] - slow[i];
    if (i > 33) signal = (line - signal) * 0.2 + signal;
    EXPECT_NEAR(out[0][i], line, 1e-9);
    EXPECT_NEAR(out[1][i], signal, 1e-9);
  }
}

}  // namespace
}  // namespace pulse::indicators
