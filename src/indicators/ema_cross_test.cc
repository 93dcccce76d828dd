// EMA crossover against EMAs recomputed in the test (SMA seed, k = 2 / (n + 1)) and a backwards
// scan for the bars since the state changed, on TA-Lib's reference candles and a seeded random
// walk; plus a hand-computed series.
#include "indicators/ema_cross.h"

#include <cmath>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "indicators/registry.h"
#include "indicators/test_series.h"

namespace pulse::indicators {
namespace {

// TA-Lib's EMA: NaN before bar n - 1, the mean of the first n closes there, then k-smoothing.
std::vector<double> TextbookEma(const std::vector<double>& x, int n) {
  std::vector<double> out(x.size(), std::nan(""));
  double sum = 0;
  for (int i = 0; i < n; ++i) sum += x[i];
  out[n - 1] = sum / n;
  const double k = 2.0 / (n + 1);
  for (size_t i = n; i < x.size(); ++i) out[i] = out[i - 1] + k * (x[i] - out[i - 1]);
  return out;
}

void CheckAgainstRecomputation(const std::vector<double>& closes, int fast, int slow) {
  SCOPED_TRACE(std::to_string(fast) + "/" + std::to_string(slow));
  std::vector<double> params = {static_cast<double>(fast), static_cast<double>(slow)};
  auto ind = CreateIndicator("ema_cross", params);
  ASSERT_TRUE(ind.ok());
  const auto out = RunBatch(**ind, closes);
  const auto ef = TextbookEma(closes, fast);
  const auto es = TextbookEma(closes, slow);
  const size_t first = std::max(fast, slow) - 1;
  std::vector<int> state(closes.size(), 0);
  int compared = 0;
  for (size_t i = 0; i < closes.size(); ++i) {
    if (i < first) {
      EXPECT_TRUE(std::isnan(out[0][i]) && std::isnan(out[1][i])) << i;
      continue;
    }
    ASSERT_GT(std::abs(ef[i] - es[i]), 1e-9 * es[i]) << "EMAs too close to call at " << i;
    state[i] = ef[i] > es[i] ? 1 : -1;
    size_t since = 0;
    while (i - since > first && state[i - since - 1] == state[i]) ++since;
    EXPECT_EQ(out[0][i], state[i]) << i;
    EXPECT_EQ(out[1][i], static_cast<double>(since)) << i;
    ++compared;
  }
  EXPECT_GT(compared, 0);
}

TEST(EmaCross, MatchesRecomputedEmasAndStateRuns) {
  const auto talib = testing::Closes(testing::ReferenceBars());
  ASSERT_EQ(talib.size(), 252u);
  const auto walk = testing::Closes(testing::ReturnProcessBars(4, 2000));
  for (auto [fast, slow] : {std::pair{9, 21}, {2, 3}, {5, 30}, {30, 5}}) {
    CheckAgainstRecomputation(talib, fast, slow);
    CheckAgainstRecomputation(walk, fast, slow);
  }
}

TEST(EmaCross, HandComputed) {
  // EMA(2), k = 2/3, seed (1 + 2) / 2 = 1.5; EMA(3), k = 1/2, seed (1 + 2 + 3) / 3 = 2.
  EmaCross cross(2, 3);
  EXPECT_EQ(cross.WarmUp(), 2);
  cross.Add(1);
  cross.Add(2);
  EXPECT_FALSE(cross.Ready());
  cross.Add(3);  // fast 2.5, slow 2
  ASSERT_TRUE(cross.Ready());
  EXPECT_EQ(cross.Value(0), 1);
  EXPECT_EQ(cross.Value(1), 0);
  cross.Add(4);  // fast 3.5, slow 3
  cross.Add(5);  // fast 4.5, slow 4
  EXPECT_EQ(cross.Value(0), 1);
  EXPECT_EQ(cross.Value(1), 2);
  cross.Add(1);  // fast 4.5 - 2/3 * 3.5 = 2.1667, slow 4 - 1.5 = 2.5
  EXPECT_EQ(cross.Value(0), -1);
  EXPECT_EQ(cross.Value(1), 0);
  cross.Add(2.5);  // fast 2.3889, slow 2.5
  EXPECT_EQ(cross.Value(0), -1);
  EXPECT_EQ(cross.Value(1), 1);
  // Equal EMAs (same period): state 0 from the first ready bar on.
  EmaCross same(4, 4);
  for (double x : {3.0, 1.0, 4.0, 1.0, 5.0, 9.0}) same.Add(x);
  EXPECT_EQ(same.Value(0), 0);
  EXPECT_EQ(same.Value(1), 2);
}

}  // namespace
}  // namespace pulse::indicators
