#include "indicators/bbands.h"

#include <cmath>
#include <vector>

#include <gtest/gtest.h>

namespace pulse::indicators {
namespace {

// 1..5 with period 5: mean 3, population stddev sqrt(2).
TEST(BBands, WidthAndPercentBFollowTheBands) {
  BBands bb(5, 2, 2);
  for (double x : {1.0, 2.0, 3.0, 4.0}) {
    bb.Add(x);
    EXPECT_FALSE(bb.Ready());
    EXPECT_TRUE(std::isnan(bb.Value(3)));
  }
  bb.Add(5);
  ASSERT_TRUE(bb.Ready());
  const double sd = std::sqrt(2.0);
  EXPECT_DOUBLE_EQ(bb.Value(0), 3 + 2 * sd);
  EXPECT_DOUBLE_EQ(bb.Value(1), 3);
  EXPECT_DOUBLE_EQ(bb.Value(2), 3 - 2 * sd);
  EXPECT_DOUBLE_EQ(bb.Value(3), 4 * sd / 3);
  EXPECT_DOUBLE_EQ(bb.Value(4), (5 - (3 - 2 * sd)) / (4 * sd));
}

TEST(BBands, FlatSeriesHasZeroWidthAndMiddlePercentB) {
  BBands bb(3, 2, 2);
  for (int i = 0; i < 4; ++i) bb.Add(7);
  ASSERT_TRUE(bb.Ready());
  EXPECT_EQ(bb.Value(3), 0.0);
  EXPECT_EQ(bb.Value(4), 0.5);
}

}  // namespace
}  // namespace pulse::indicators
