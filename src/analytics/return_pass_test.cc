#include "analytics/return_pass.h"

#include <cmath>
#include <limits>
#include <random>
#include <vector>

#include <gtest/gtest.h>

#include "analytics/drawdown.h"
#include "analytics/return_stats.h"

namespace pulse::analytics {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

ReturnPass::Params ParamsFor(std::size_t n, double low_bound, double high_bound) {
  ReturnPass::Params p;
  p.periods = n;
  p.low_bound = low_bound;
  p.high_bound = high_bound;
  p.tail_capacity = 16;  // small on purpose: the buffers must grow
  return p;
}

bool Near(double a, double b) { return std::fabs(a - b) <= 1e-9 * std::max(1.0, std::fabs(b)); }

// Whatever path each block takes, the drawdown indices are ComputeDrawdown's and the sums give
// the standalone figures.
void ExpectAgreesWithTheStandaloneFigures(const std::vector<double>& r) {
  ReturnPass pass(ParamsFor(r.size(), 0, 0));
  pass.Run(r);
  const ReturnSums& s = pass.sums();
  const DrawdownInfo want = ComputeDrawdown(r);
  EXPECT_EQ(s.drawdown.max_drawdown, want.max_drawdown);
  EXPECT_EQ(s.drawdown.peak, want.peak);
  EXPECT_EQ(s.drawdown.trough, want.trough);
  EXPECT_EQ(s.drawdown.recovery, want.recovery);
  const double n = static_cast<double>(r.size());
  EXPECT_TRUE(Near(std::sqrt(s.dd2 / n), UlcerIndex(r)));
  const double m = static_cast<double>(s.observations);
  const double stdev = std::sqrt((s.s2 - s.s1 * s.s1 / m) / (m - 1));
  EXPECT_TRUE(Near(stdev, AnnualVolatility(r, 1)));
  EXPECT_TRUE(Near(std::exp(s.log_offset) * s.scaled - 1, CumReturnsFinal(r)));
}

TEST(ReturnPassTest, TiedHighsAndRecoveriesInsideBlocks) {
  // Flat periods at the high move the peak to their index; a drawdown recovered two blocks
  // after its trough; all inside blocks that take the fast path.
  std::vector<double> r;
  for (int i = 0; i < 700; ++i) r.push_back(0.001);
  for (int i = 0; i < 5; ++i) r.push_back(0.0);  // ties with the high: peak = index 704
  for (int i = 0; i < 100; ++i) r.push_back(-0.003);
  for (int i = 0; i < 1000; ++i) r.push_back(0.0005);
  for (int i = 0; i < 300; ++i) r.push_back(-0.0005);
  const DrawdownInfo want = ComputeDrawdown(r);
  ASSERT_EQ(want.peak, 704);
  ASSERT_EQ(want.trough, 804);
  ASSERT_GT(want.recovery, 804 + 2 * static_cast<std::int64_t>(kSumBlock));
  ExpectAgreesWithTheStandaloneFigures(r);
}

TEST(ReturnPassTest, NaNGapsRescalingAndRuinTakeTheScalarPath) {
  std::mt19937_64 rng(23);
  std::normal_distribution<double> wild(0.05, 0.4);
  std::vector<double> r(20000);
  for (double& x : r) x = std::max(-0.9, wild(rng));  // equity crosses 1e150 many times
  for (std::size_t i = 300; i < r.size(); i += 1777) r[i] = kNaN;
  ExpectAgreesWithTheStandaloneFigures(r);

  std::vector<double> ruin(3000, 0.01);
  ruin[2000] = -1;  // equity 0 from here on
  ReturnPass pass(ParamsFor(ruin.size(), 0, 0));
  pass.Run(ruin);
  EXPECT_EQ(pass.sums().scaled, 0.0);
  EXPECT_EQ(pass.sums().drawdown.max_drawdown, -1.0);
  EXPECT_EQ(pass.sums().drawdown.trough, 2000);
  EXPECT_TRUE(std::isinf(pass.sums().sy));  // log of zero equity
}

TEST(ReturnPassTest, CollectsExactlyTheTailsInSeriesOrder) {
  std::mt19937_64 rng(31);
  std::normal_distribution<double> noise(0, 0.01);
  std::vector<double> r(5000);
  for (double& x : r) x = noise(rng);
  r[17] = kNaN;
  ReturnPass pass(ParamsFor(r.size(), -0.012, 0.015));
  pass.Run(r);
  std::vector<double> low, high;
  for (double x : r) {
    if (x <= -0.012) low.push_back(x);
    if (x >= 0.015) high.push_back(x);
  }
  ASSERT_GT(low.size(), 100u);
  EXPECT_EQ(std::vector<double>(pass.low_tail().begin(), pass.low_tail().end()), low);
  EXPECT_EQ(std::vector<double>(pass.high_tail().begin(), pass.high_tail().end()), high);

  // +inf and NaN bounds: every value in the low tail, none in the high one.
  ReturnPass all(ParamsFor(r.size(), std::numeric_limits<double>::infinity(), kNaN));
  all.Run(r);
  EXPECT_EQ(all.low_tail().size(), r.size() - 1);
  EXPECT_TRUE(all.high_tail().empty());
}

}  // namespace
}  // namespace pulse::analytics
