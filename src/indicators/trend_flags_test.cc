// Price/SMA ratio and trend flags against SMAs recomputed per window and an ADX recomputed in the
// test from TA-Lib's definition (Wilder sums of +DM, -DM and true range seeded with the sum of the
// first period - 1 bars, DX, ADX = mean of the first period DX values then Wilder), on TA-Lib's
// reference candles and seeded random walks; plus steady up- and downtrends.
#include "indicators/trend_flags.h"

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

double WindowMean(const std::vector<double>& x, size_t end, int n) {
  double sum = 0;
  for (size_t j = end + 1 - n; j <= end; ++j) sum += x[j];
  return sum / n;
}

// ADX(n) per bar, NaN before bar 2n - 1.
std::vector<double> TextbookAdx(const std::vector<Bar>& bars, int n) {
  std::vector<double> adx(bars.size(), std::nan(""));
  double plus = 0;
  double minus = 0;
  double tr = 0;
  double sum_dx = 0;
  double value = 0;
  for (size_t i = 1; i < bars.size(); ++i) {
    const double up = bars[i].high - bars[i - 1].high;
    const double down = bars[i - 1].low - bars[i].low;
    const double pdm = up > down && up > 0 ? up : 0;
    const double mdm = down > up && down > 0 ? down : 0;
    const double c = bars[i - 1].close;
    const double t = std::max(
        {bars[i].high - bars[i].low, std::abs(bars[i].high - c), std::abs(bars[i].low - c)});
    if (i < static_cast<size_t>(n)) {
      plus += pdm;
      minus += mdm;
      tr += t;
      continue;
    }
    plus += pdm - plus / n;
    minus += mdm - minus / n;
    tr += t - tr / n;
    const double pdi = 100 * plus / tr;
    const double mdi = 100 * minus / tr;
    const bool defined = tr > 1e-14 && pdi + mdi > 1e-14;
    const double dx = defined ? 100 * std::abs(pdi - mdi) / (pdi + mdi) : 0;
    if (i < static_cast<size_t>(2 * n)) {
      sum_dx += dx;
      if (i == static_cast<size_t>(2 * n - 1)) value = sum_dx / n;
    } else if (defined) {
      value = (value * (n - 1) + dx) / n;
    }
    if (i >= static_cast<size_t>(2 * n - 1)) adx[i] = value;
  }
  return adx;
}

TEST(PriceSmaRatio, MatchesWindowMeans) {
  const auto talib = testing::Closes(testing::ReferenceBars());
  ASSERT_EQ(talib.size(), 252u);
  const auto walk = testing::Closes(testing::ReturnProcessBars(8, 1000));
  for (const auto* closes : {&talib, &walk}) {
    for (int period : {2, 20, 100}) {
      std::vector<double> params = {static_cast<double>(period)};
      auto ind = CreateIndicator("price_sma_ratio", params);
      ASSERT_TRUE(ind.ok());
      const auto out = RunBatch(**ind, *closes)[0];
      for (size_t i = 0; i < closes->size(); ++i) {
        if (i + 1 < static_cast<size_t>(period)) {
          EXPECT_TRUE(std::isnan(out[i]));
          continue;
        }
        const double want = (*closes)[i] / WindowMean(*closes, i, period) - 1;
        EXPECT_TRUE(Near(out[i], want, 1e-9, 1e-6)) << period << " bar " << i;
      }
    }
  }
  PriceSmaRatio ratio(2);
  ratio.Add(100);
  ratio.Add(104);  // SMA 102
  EXPECT_DOUBLE_EQ(ratio.Value(), 104.0 / 102 - 1);
}

void CheckFlags(const std::vector<Bar>& bars, int fast, int slow, int adx_period,
                double threshold) {
  SCOPED_TRACE(std::to_string(fast) + "/" + std::to_string(slow) + "/" +
               std::to_string(adx_period) + "/" + std::to_string(threshold));
  std::vector<double> params = {static_cast<double>(fast), static_cast<double>(slow),
                                static_cast<double>(adx_period), threshold};
  auto ind = CreateIndicator("trend_flags", params);
  ASSERT_TRUE(ind.ok());
  const auto out = RunBatch(**ind, bars);
  const auto closes = testing::Closes(bars);
  const auto adx = TextbookAdx(bars, adx_period);
  const size_t first = std::max({fast - 1, slow - 1, 2 * adx_period - 1});
  int trending_bars = 0;
  for (size_t i = 0; i < bars.size(); ++i) {
    if (i < first) {
      for (int k = 0; k < 4; ++k) EXPECT_TRUE(std::isnan(out[k][i])) << i;
      continue;
    }
    const double c = closes[i];
    const double f = WindowMean(closes, i, fast);
    const double s = WindowMean(closes, i, slow);
    // Skip comparisons closer than rounding can decide.
    const bool clear = std::abs(c - s) > 1e-9 * s && std::abs(f - s) > 1e-9 * s &&
                       std::abs(c - f) > 1e-9 * s && std::abs(adx[i] - threshold) > 1e-9;
    if (!clear) continue;
    const bool trending = adx[i] > threshold;
    trending_bars += trending;
    EXPECT_EQ(out[0][i], c > s ? 1 : 0) << i;
    EXPECT_EQ(out[1][i], f > s ? 1 : 0) << i;
    EXPECT_EQ(out[2][i], trending ? 1 : 0) << i << " adx " << adx[i];
    const int direction = !trending ? 0 : c > f && f > s ? 1 : c < f && f < s ? -1 : 0;
    EXPECT_EQ(out[3][i], direction) << i;
  }
  EXPECT_GT(trending_bars, 0);
}

TEST(TrendFlags, MatchRecomputedSmasAndAdx) {
  const auto talib = testing::ReferenceBars();
  ASSERT_EQ(talib.size(), 252u);
  CheckFlags(talib, 20, 50, 14, 25);
  CheckFlags(talib, 5, 10, 7, 20);
  CheckFlags(testing::ReturnProcessBars(12, 2000, 0.01, 0.3), 20, 50, 14, 25);
  CheckFlags(testing::ReturnProcessBars(13, 2000, 0.01, 0.0, 0.002), 10, 30, 10, 30);
}

TEST(TrendFlags, SteadyTrends) {
  for (double step : {1.0, -1.0}) {
    SCOPED_TRACE(step);
    TrendFlags flags(3, 6, 3, 25);
    EXPECT_EQ(flags.WarmUp(), 5);
    for (int i = 0; i < 20; ++i) {
      Bar bar;
      bar.close = 100 + step * i;
      bar.high = bar.close + 0.5;
      bar.low = bar.close - 0.5;
      bar.open = bar.close - step;
      flags.Update(bar);
    }
    ASSERT_TRUE(flags.Ready());
    // Only one directional movement: DX 100 on every bar, so ADX 100.
    EXPECT_EQ(flags.Value(0), step > 0 ? 1 : 0);
    EXPECT_EQ(flags.Value(1), step > 0 ? 1 : 0);
    EXPECT_EQ(flags.Value(2), 1);
    EXPECT_EQ(flags.Value(3), step);
  }
}

}  // namespace
}  // namespace pulse::indicators
