#include "indicators/stoch_fast.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include <gtest/gtest.h>

#include "indicators/random_bars_test_util.h"
#include "indicators/registry.h"

namespace pulse::indicators {
namespace {

TEST(IndicatorsStochF, HandComputed) {
  StochF s(3, 2, MaOfType::Type::kSma);
  EXPECT_EQ(s.WarmUp(), 3);
  Bar b;
  const double hlc[][3] = {{10, 8, 9}, {12, 9, 11}, {11, 7, 10}, {13, 10, 13}};
  for (const auto& v : hlc) {
    b.high = v[0];
    b.low = v[1];
    b.close = v[2];
    s.Update(b);
  }
  // %K bar 2: (10 - 7) / (12 - 7) = 60; bar 3: (13 - 7) / (13 - 7) = 100; %D = 80.
  EXPECT_NEAR(s.Value(0), 100, 1e-12);
  EXPECT_NEAR(s.Value(1), 80, 1e-12);
}

// %K from a fresh scan of every window, %D as the plain mean of the last fastd %K values.
TEST(IndicatorsStochF, MatchesBruteForce) {
  const auto bars = testing::RandomBars(400, 23);
  for (auto [k, d] : {std::pair{5, 3}, std::pair{14, 1}, std::pair{1, 4}}) {
    std::vector<double> p = {static_cast<double>(k), static_cast<double>(d), 0};
    const auto out = RunBatch(**CreateIndicator("stochf", p), bars);
    std::vector<double> fastk(bars.size(), NAN);
    for (size_t i = k - 1; i < bars.size(); ++i) {
      double hh = -INFINITY, ll = INFINITY;
      for (size_t j = i + 1 - k; j <= i; ++j) {
        hh = std::max(hh, bars[j].high);
        ll = std::min(ll, bars[j].low);
      }
      fastk[i] = hh > ll ? 100 * (bars[i].close - ll) / (hh - ll) : 0.0;
    }
    for (size_t i = k + d - 2; i < bars.size(); ++i) {
      double mean = 0;
      for (int j = 0; j < d; ++j) mean += fastk[i - j] / d;
      EXPECT_NEAR(out[0][i], fastk[i], 1e-9) << k << "," << d << " bar " << i;
      EXPECT_NEAR(out[1][i], mean, 1e-9);
    }
    EXPECT_TRUE(std::isnan(out[1][k + d - 3]));
  }
}

// STOCHRSI = the fast stochastic of a Wilder RSI computed here from scratch.
TEST(IndicatorsStochRsi, IsTheFastStochasticOfTheRsi) {
  const auto closes = testing::Closes(testing::RandomBars(400, 29));
  const int n = 14, k = 5, d = 3;
  std::vector<double> rsi(closes.size(), NAN);
  double gain = 0, loss = 0;
  for (size_t i = 1; i < closes.size(); ++i) {
    const double diff = closes[i] - closes[i - 1];
    const double g = diff > 0 ? diff : 0, l = diff < 0 ? -diff : 0;
    if (i < static_cast<size_t>(n)) {
      gain += g;
      loss += l;
    } else if (i == static_cast<size_t>(n)) {
      gain = (gain + g) / n;
      loss = (loss + l) / n;
    } else {
      gain = (gain * (n - 1) + g) / n;
      loss = (loss * (n - 1) + l) / n;
    }
    if (i >= static_cast<size_t>(n)) rsi[i] = gain + loss > 0 ? 100 * gain / (gain + loss) : 0;
  }
  std::vector<double> p = {n, k, d, 0};
  auto ind = CreateIndicator("stochrsi", p);
  ASSERT_TRUE(ind.ok());
  EXPECT_EQ((*ind)->WarmUp(), n + k - 1 + d - 1);
  const auto out = RunBatch(**ind, closes);
  // Where the RSI is flat over the window (the flat price stretches) %K divides rounding noise
  // by rounding noise: those bars are not compared.
  std::vector<double> fastk(closes.size(), NAN);
  std::vector<bool> flat(closes.size(), true);
  for (size_t i = n + k - 1; i < closes.size(); ++i) {
    const auto first = rsi.begin() + (i + 1 - k), last = rsi.begin() + i + 1;
    const double hh = *std::max_element(first, last), ll = *std::min_element(first, last);
    fastk[i] = hh > ll ? 100 * (rsi[i] - ll) / (hh - ll) : 0.0;
    flat[i] = hh - ll < 1e-6;
  }
  int compared = 0;
  for (size_t i = n + k + d - 2; i < closes.size(); ++i) {
    if (flat[i] || flat[i - 1] || flat[i - 2]) continue;
    EXPECT_NEAR(out[0][i], fastk[i], 1e-6) << "bar " << i;
    EXPECT_NEAR(out[1][i], (fastk[i] + fastk[i - 1] + fastk[i - 2]) / 3, 1e-6);
    ++compared;
  }
  EXPECT_GT(compared, 250);
}

}  // namespace
}  // namespace pulse::indicators
