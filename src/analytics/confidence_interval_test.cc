#include "analytics/confidence_interval.h"

#include <cmath>

#include <gtest/gtest.h>

namespace pulse::analytics {
namespace {

constexpr double kZ = 1.959963985;  // the normal's 97.5 % quantile

TEST(ConfidenceIntervalTest, WilsonAtTheEdgesHasItsClosedForms) {
  // No successes: [0, z^2 / (n + z^2)]; all successes: [n / (n + z^2), 1].
  std::optional<Interval> none = WilsonInterval(0, 10);
  ASSERT_TRUE(none);
  EXPECT_NEAR(none->low, 0.0, 1e-15);
  EXPECT_NEAR(none->high, kZ * kZ / (10 + kZ * kZ), 1e-9);
  std::optional<Interval> all = WilsonInterval(25, 25);
  ASSERT_TRUE(all);
  EXPECT_NEAR(all->low, 25 / (25 + kZ * kZ), 1e-9);
  EXPECT_NEAR(all->high, 1.0, 1e-15);
  // Half the trials: centred on one half.
  std::optional<Interval> half = WilsonInterval(20, 40);
  ASSERT_TRUE(half);
  EXPECT_NEAR(half->low + half->high, 1.0, 1e-12);
  // Narrower with more trials at the same rate, and it holds the observed rate.
  std::optional<Interval> few = WilsonInterval(3, 7), many = WilsonInterval(300, 700);
  ASSERT_TRUE(few && many);
  EXPECT_LT(many->high - many->low, few->high - few->low);
  EXPECT_LT(few->low, 3.0 / 7);
  EXPECT_GT(few->high, 3.0 / 7);
  // A 99 % interval is wider than a 95 % one.
  std::optional<Interval> wide = WilsonInterval(3, 7, 0.99);
  EXPECT_LT(wide->low, few->low);
  EXPECT_GT(wide->high, few->high);
}

TEST(ConfidenceIntervalTest, OneSidedUpperBound) {
  // The normal's quantiles (tables): 95 % 1.6448536270, 97.5 % 1.9599639845.
  EXPECT_NEAR(*OneSidedZ(0.95), 1.6448536270, 1e-9);
  EXPECT_NEAR(*OneSidedZ(0.975), kZ, 1e-9);
  EXPECT_FALSE(OneSidedZ(1.0));
  EXPECT_FALSE(OneSidedZ(0.0));
  // z = 0 is the observed rate, exactly.
  for (int n = 1; n <= 40; ++n) {
    for (int s = 0; s <= n; ++s) EXPECT_EQ(WilsonUpper(s, n, 0), static_cast<double>(s) / n);
  }
  // No successes: z^2 / (n + z^2); all: 1.
  EXPECT_NEAR(WilsonUpper(0, 10, kZ), kZ * kZ / (10 + kZ * kZ), 1e-12);
  EXPECT_EQ(WilsonUpper(10, 10, kZ), 1.0);
  // The one-sided 97.5 % bound is the two-sided 95 % interval's upper end.
  const double z975 = *OneSidedZ(0.975);
  for (int s : {1, 7, 13}) {
    EXPECT_NEAR(WilsonUpper(s, 20, z975), WilsonInterval(s, 20)->high, 1e-12);
  }
  // 9 wins in 20 (45 %), one-sided 95 %: the textbook bound
  // (p + z^2/2n + z sqrt(p(1-p)/n + z^2/4n^2)) / (1 + z^2/n) with z = 1.6448536270 is 0.6278
  // (centre 0.4560, half 0.1718), below 65 %; 11 in 20 (55 %) give 0.7159, above it.
  EXPECT_NEAR(WilsonUpper(9, 20, 1.6448536270), 0.6278, 5e-5);
  EXPECT_NEAR(WilsonUpper(11, 20, 1.6448536270), 0.7159, 5e-5);
}

TEST(ConfidenceIntervalTest, MeanIntervalUsesStudentsTQuantiles) {
  // Textbook two-sided 95 % quantiles of Student's t (4 decimals): 1, 6 and 29 degrees.
  const struct {
    std::int64_t n;
    double t;
  } kTable[] = {{2, 12.7062}, {7, 2.4469}, {30, 2.0452}};
  for (const auto& row : kTable) {
    std::optional<Interval> i = MeanInterval(0.5, 2.0, row.n);
    ASSERT_TRUE(i) << row.n;
    const double se = 2.0 / std::sqrt(static_cast<double>(row.n));
    EXPECT_NEAR((i->high - i->low) / 2 / se, row.t, 1e-4) << row.n;
    EXPECT_NEAR((i->high + i->low) / 2, 0.5, 1e-12);
  }
}

TEST(ConfidenceIntervalTest, PValueOfAMeanAboveZero) {
  // A t statistic at the 97.5 % quantile (6 degrees) has a one-sided p-value of 2.5 %.
  const double se = 1.0 / std::sqrt(7.0);
  std::optional<double> p = MeanAboveZeroPValue(2.4469 * se, 1.0, 7);
  ASSERT_TRUE(p);
  EXPECT_NEAR(*p, 0.025, 1e-5);
  EXPECT_NEAR(*MeanAboveZeroPValue(0, 1, 7), 0.5, 1e-12);
  EXPECT_NEAR(*MeanAboveZeroPValue(-0.3, 1, 7) + *MeanAboveZeroPValue(0.3, 1, 7), 1.0, 1e-12);
  // Below 2.5 % exactly when the 95 % interval lies above zero.
  for (double mean : {0.1, 0.5, 0.9, 1.2}) {
    const bool significant = *MeanAboveZeroPValue(mean, 1.0, 7) < 0.025;
    EXPECT_EQ(significant, MeanInterval(mean, 1.0, 7)->low > 0) << mean;
  }
}

TEST(ConfidenceIntervalTest, UndefinedWithoutASample) {
  EXPECT_FALSE(WilsonInterval(0, 0));
  EXPECT_FALSE(WilsonInterval(8, 7));
  EXPECT_FALSE(WilsonInterval(-1, 7));
  EXPECT_FALSE(WilsonInterval(3, 7, 1.0));
  EXPECT_FALSE(MeanInterval(0.5, 1.0, 1));
  EXPECT_FALSE(MeanInterval(0.5, 0.0, 7));
  EXPECT_FALSE(MeanInterval(0.5, NAN, 7));
  EXPECT_FALSE(MeanAboveZeroPValue(0.5, 0.0, 7));
  EXPECT_FALSE(MeanAboveZeroPValue(0.5, 1.0, 1));
}

}  // namespace
}  // namespace pulse::analytics
