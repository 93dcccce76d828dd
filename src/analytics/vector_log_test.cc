#include "analytics/vector_log.h"

#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <vector>

#include <gtest/gtest.h>

namespace pulse::analytics {
namespace {

// Distance in units in the last place between two finite doubles of the same sign.
std::int64_t UlpDistance(double a, double b) {
  const auto ia = std::bit_cast<std::int64_t>(a);
  const auto ib = std::bit_cast<std::int64_t>(b);
  return ia > ib ? ia - ib : ib - ia;
}

TEST(VectorLogTest, WithinOneUlpOfStdLogAcrossTheNormalRange) {
  std::mt19937_64 rng(11);
  std::uniform_real_distribution<double> exponent(-700, 700), near_one(0.9, 1.1), wide(0.5, 2);
  std::int64_t worst = 0;
  int differing = 0;
  for (int i = 0; i < 300000; ++i) {
    const double x = i % 3 == 0 ? std::exp(exponent(rng)) : i % 3 == 1 ? near_one(rng) : wide(rng);
    const double got = LogOfNormal(x);
    const double want = std::log(x);
    if (got == want) continue;
    ++differing;
    // Near 1 the result is tiny and a sign change would make the distance meaningless.
    ASSERT_EQ(std::signbit(got), std::signbit(want)) << "x=" << x;
    worst = std::max(worst, UlpDistance(got, want));
  }
  EXPECT_LE(worst, 1);
  // Most results are the correctly rounded ones.
  EXPECT_LT(differing, 300000 / 10);
}

TEST(VectorLogTest, ExactValuesAndTheEndsOfTheRange) {
  EXPECT_EQ(LogOfNormal(1.0), 0.0);
  EXPECT_EQ(LogOfNormal(2.0), std::log(2.0));
  EXPECT_EQ(LogOfNormal(0.5), std::log(0.5));
  EXPECT_EQ(LogOfNormal(std::sqrt(2.0)), std::log(std::sqrt(2.0)));
  const double smallest = std::numeric_limits<double>::min();
  const double largest = std::numeric_limits<double>::max();
  EXPECT_LE(UlpDistance(LogOfNormal(smallest), std::log(smallest)), 1);
  EXPECT_LE(UlpDistance(LogOfNormal(largest), std::log(largest)), 1);
  EXPECT_LE(UlpDistance(LogOfNormal(1e-150), std::log(1e-150)), 1);
  EXPECT_LE(UlpDistance(LogOfNormal(1e150), std::log(1e150)), 1);
}

TEST(VectorLogTest, VectorLanesGiveTheScalarResultBitForBit) {
  using Vec2 = double __attribute__((vector_size(16)));
  using Vec2Bits = std::uint64_t __attribute__((vector_size(16)));
  std::mt19937_64 rng(5);
  std::uniform_real_distribution<double> exponent(-300, 300);
  for (int i = 0; i < 10000; ++i) {
    const Vec2 x = {std::exp(exponent(rng)), std::exp(exponent(rng))};
    const Vec2 y = LogOfNormalKernel<Vec2, Vec2Bits>(x);
    EXPECT_EQ(y[0], LogOfNormal(x[0]));
    EXPECT_EQ(y[1], LogOfNormal(x[1]));
  }
}

}  // namespace
}  // namespace pulse::analytics
