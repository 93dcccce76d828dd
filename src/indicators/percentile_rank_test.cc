// Percentile rank against a count over every window (TA-Lib's reference candles, a seeded random
// walk and a coarse-rounded one full of ties) and hand-computed cases.
#include "indicators/percentile_rank.h"

#include <cmath>
#include <vector>

#include <gtest/gtest.h>

#include "indicators/registry.h"
#include "indicators/test_series.h"

namespace pulse::indicators {
namespace {

using testing::Near;

void CheckAgainstCounting(const std::vector<double>& closes, int period) {
  SCOPED_TRACE(period);
  std::vector<double> params = {static_cast<double>(period)};
  auto ind = CreateIndicator("percentile_rank", params);
  ASSERT_TRUE(ind.ok());
  const auto out = RunBatch(**ind, closes)[0];
  for (size_t i = 0; i < closes.size(); ++i) {
    if (i < static_cast<size_t>(period)) {
      EXPECT_TRUE(std::isnan(out[i])) << i;
      continue;
    }
    double score = 0;
    for (size_t j = i - period; j < i; ++j) {
      if (closes[j] < closes[i]) score += 1;
      if (closes[j] == closes[i]) score += 0.5;
    }
    EXPECT_TRUE(Near(out[i], 100 * score / period)) << "bar " << i;
  }
}

TEST(PercentileRank, MatchesCountingOnEveryWindow) {
  const auto talib = testing::Closes(testing::ReferenceBars());
  ASSERT_EQ(talib.size(), 252u);
  auto walk = testing::Closes(testing::ReturnProcessBars(11, 1000));
  auto ties = walk;
  for (double& c : ties) c = std::round(c);  // many equal closes
  for (int period : {1, 2, 5, 20, 100}) {
    CheckAgainstCounting(talib, period);
    CheckAgainstCounting(walk, period);
    CheckAgainstCounting(ties, period);
  }
}

TEST(PercentileRank, HandComputed) {
  PercentileRank rank(4);
  for (double x : {1.0, 2.0, 3.0, 3.0}) rank.Add(x);
  EXPECT_FALSE(rank.Ready());
  rank.Add(3);  // previous 1, 2, 3, 3: two below, two equal -> (2 + 1) / 4
  ASSERT_TRUE(rank.Ready());
  EXPECT_DOUBLE_EQ(rank.Value(), 75);
  rank.Add(0.5);  // previous 2, 3, 3, 3: none below
  EXPECT_DOUBLE_EQ(rank.Value(), 0);
  rank.Add(9);  // previous 3, 3, 3, 0.5: all below
  EXPECT_DOUBLE_EQ(rank.Value(), 100);
  PercentileRank flat(3);
  for (int i = 0; i < 5; ++i) flat.Add(7);
  EXPECT_DOUBLE_EQ(flat.Value(), 50);
}

}  // namespace
}  // namespace pulse::indicators
