#include "analytics/return_block_sums.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <random>
#include <vector>

#include <gtest/gtest.h>

#include "analytics/vector_log.h"

namespace pulse::analytics {
namespace {

// One block of returns with the equity and running high the serial loop would give them.
struct Block {
  std::vector<double> returns, equity, highs;
  BlockInput input;
};

Block MakeBlock(std::mt19937_64& rng, double start_equity, double start_high) {
  std::normal_distribution<double> noise(0.0002, 0.02);
  Block b;
  double equity = start_equity, high = start_high;
  for (std::size_t k = 0; k < kSumBlock; ++k) {
    const double r = noise(rng);
    equity *= 1 + r;
    high = std::max(high, equity);
    b.returns.push_back(r);
    b.equity.push_back(equity);
    b.highs.push_back(high);
  }
  b.input.returns = b.returns.data();
  b.input.equity = b.equity.data();
  b.input.highs = b.highs.data();
  b.input.risk_free = 0.0001;
  b.input.omega_threshold = 0.0003;
  b.input.shift = 0.001;
  b.input.log_offset = 2.5;
  b.input.first_x = -1000.5;
  return b;
}

// The definition: lane j adds the terms of elements j, j + 4, ... in order.
void AddReference(const Block& b, LaneSums& s) {
  const BlockInput& in = b.input;
  for (std::size_t k = 0; k < kSumBlock; ++k) {
    const std::size_t j = k % kSumLanes;
    const double x = b.returns[k] - in.risk_free;
    const double d = x - in.shift;
    s.s1[j] += d;
    s.s2[j] += d * d;
    const double below = x < 0 ? x : 0;
    s.down2[j] += below * below;
    const double o = x - in.omega_threshold;
    s.gains[j] += o > 0 ? o : 0;
    s.losses[j] += o < 0 ? -o : 0;
    const double draw = b.equity[k] / b.highs[k] - 1;
    s.dd2[j] += draw * draw;
    const double xc = in.first_x + static_cast<double>(k);
    const double y = in.log_offset + LogOfNormal(b.equity[k]);
    s.sx[j] += xc;
    s.sy[j] += y;
    s.syy[j] += y * y;
    s.sxy[j] += xc * y;
  }
}

bool SameBits(const LaneSums& a, const LaneSums& b) { return std::memcmp(&a, &b, sizeof a) == 0; }

TEST(ReturnBlockSumsTest, EveryPathGivesTheReferenceSumsBitForBit) {
  std::mt19937_64 rng(17);
  LaneSums reference, baseline, wide;
  double equity = 1, high = 1;
  for (int block = 0; block < 40; ++block) {
    const Block b = MakeBlock(rng, equity, high);
    equity = b.equity.back();
    high = b.highs.back();
    AddReference(b, reference);
    BlockScan scan_baseline, scan_wide;
    ASSERT_TRUE(AddBlockSumsBaseline(b.input, baseline, scan_baseline));
    ASSERT_TRUE(AddBlockSumsAvx2(b.input, wide, scan_wide));
    ASSERT_TRUE(SameBits(reference, baseline)) << "block " << block;
    ASSERT_TRUE(SameBits(baseline, wide)) << "block " << block;
    double deepest = 0;
    bool at_high = false;
    for (std::size_t k = 0; k < kSumBlock; ++k) {
      deepest = std::min(deepest, b.equity[k] / b.highs[k] - 1);
      at_high = at_high || b.equity[k] == b.highs[k];
    }
    EXPECT_EQ(scan_baseline.deepest, deepest);
    EXPECT_EQ(scan_baseline.at_high, at_high);
    EXPECT_EQ(scan_wide.deepest, deepest);
    EXPECT_EQ(scan_wide.at_high, at_high);
  }
  EXPECT_GT(reference.s2[0], 0.0);
  LaneSums via_dispatch;
  std::mt19937_64 again(17);
  const Block b = MakeBlock(again, 1, 1);
  BlockScan scan;
  ASSERT_TRUE(AddBlockSums(b.input, via_dispatch, scan));
  LaneSums first;
  AddReference(b, first);
  EXPECT_TRUE(SameBits(first, via_dispatch));
}

TEST(ReturnBlockSumsTest, BlocksBelowTheHighAreNotAtTheHigh) {
  std::mt19937_64 rng(3);
  const Block b = MakeBlock(rng, 1, 1e6);  // the high is far above the whole block
  LaneSums sums;
  BlockScan scan;
  ASSERT_TRUE(AddBlockSums(b.input, sums, scan));
  EXPECT_FALSE(scan.at_high);
  EXPECT_LT(scan.deepest, -0.99);
}

TEST(ReturnBlockSumsTest, RefusesNaNAndExtremeEquityWithoutAddingAnything) {
  std::mt19937_64 rng(9);
  for (double bad : {std::numeric_limits<double>::quiet_NaN(), 2e150, 1e-151, 0.0, -1.0,
                     std::numeric_limits<double>::infinity()}) {
    Block b = MakeBlock(rng, 1, 1);
    LaneSums sums;
    BlockScan scan;
    ASSERT_TRUE(AddBlockSums(b.input, sums, scan));
    const LaneSums before = sums;
    b.equity[kSumBlock / 2 + 1] = bad;
    EXPECT_FALSE(AddBlockSumsBaseline(b.input, sums, scan)) << bad;
    EXPECT_FALSE(AddBlockSumsAvx2(b.input, sums, scan)) << bad;
    EXPECT_TRUE(SameBits(before, sums)) << bad;
  }
}

}  // namespace
}  // namespace pulse::analytics
