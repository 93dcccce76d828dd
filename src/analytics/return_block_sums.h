// AddBlockSums: the vector part of ReturnPass's fast path. Over one block of returns whose
// equity and running high are already known, it adds the moments of the excess returns, the
// downside squares, omega's gains and losses, the squared drawdowns and the regression sums of
// log equity into kSumLanes interleaved accumulators (element k of the block goes to lane
// k % kSumLanes), and reports the block's deepest drawdown and whether it touched the high.
//
// The lanes are fixed at 4 whatever the machine: the AVX2 path (chosen at run time on x86-64)
// holds them in one register, the baseline path (SSE2, NEON) in two, with the same operations
// lane by lane and no fused multiply-add, so both give bit-identical sums.
// Pure; thread-safe.
#pragma once

#include <cstddef>

namespace pulse::analytics {

inline constexpr std::size_t kSumLanes = 4;
inline constexpr std::size_t kSumBlock = 256;  // returns per block, a multiple of kSumLanes

// One block: kSumBlock returns, the equity after each and its running high.
struct BlockInput {
  const double* returns = nullptr;
  const double* equity = nullptr;
  const double* highs = nullptr;
  double risk_free = 0;
  double omega_threshold = 0;
  double shift = 0;       // subtracted from every excess return before the moments
  double log_offset = 0;  // log equity = log_offset + log(equity)
  double first_x = 0;     // centred observation index of the block's first return
};

// The running sums, lane by lane.
struct LaneSums {
  double s1[kSumLanes] = {}, s2[kSumLanes] = {}, down2[kSumLanes] = {};
  double gains[kSumLanes] = {}, losses[kSumLanes] = {}, dd2[kSumLanes] = {};
  double sx[kSumLanes] = {}, sy[kSumLanes] = {}, syy[kSumLanes] = {}, sxy[kSumLanes] = {};
};

// What the block showed about its equity.
struct BlockScan {
  double deepest = 0;    // lowest equity / high - 1 (<= 0)
  bool at_high = false;  // some equity equals its running high (a new or tied high)
};

// Adds the block to `sums` and fills `scan`. Returns false, adding nothing, when some equity
// is NaN or outside [1e-150, 1e150] (the scalar path handles such blocks).
bool AddBlockSums(const BlockInput& in, LaneSums& sums, BlockScan& scan);

// The two implementations AddBlockSums chooses between, for tests. Where Avx2SumsAvailable() is
// false, AddBlockSumsAvx2 is the baseline.
bool AddBlockSumsBaseline(const BlockInput& in, LaneSums& sums, BlockScan& scan);
bool AddBlockSumsAvx2(const BlockInput& in, LaneSums& sums, BlockScan& scan);
bool Avx2SumsAvailable();

}  // namespace pulse::analytics
