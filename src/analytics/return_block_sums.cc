#include "analytics/return_block_sums.h"

#include <algorithm>
#include <cstdint>
#include <cstring>

#include "analytics/vector_log.h"

namespace pulse::analytics {

namespace {

// Every vector below lives inside always-inlined code, so the ABI note about passing 32-byte
// vectors without AVX does not apply.
#pragma GCC diagnostic ignored "-Wpsabi"

// GCC / Clang vector extensions: 2 doubles (SSE2, NEON) or 4 (AVX2).
using Vec2 = double __attribute__((vector_size(16)));
using Vec2Bits = std::uint64_t __attribute__((vector_size(16)));
using Vec4 = double __attribute__((vector_size(32)));
using Vec4Bits = std::uint64_t __attribute__((vector_size(32)));

constexpr double kRescaleAbove = 1e150;
constexpr double kRescaleBelow = 1e-150;

template <typename V>
[[gnu::always_inline]] inline V Load(const double* p) {
  V v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

template <typename V>
[[gnu::always_inline]] inline void Store(double* p, const V& v) {
  std::memcpy(p, &v, sizeof v);
}

// The sums with vectors of type V (kWidth lanes): each of the kSumLanes lanes of a sum lives in
// group g = lane / kWidth, position lane % kWidth.
template <typename V, typename Bits>
[[gnu::always_inline]] inline bool Sums(const BlockInput& in, LaneSums& out, BlockScan& scan) {
  constexpr std::size_t kWidth = sizeof(V) / sizeof(double);
  constexpr std::size_t kGroups = kSumLanes / kWidth;
  using Mask = decltype(V{} < V{});
  const V zero = {};

  // Drawdowns first: the same loop tells whether the block belongs on this path.
  const V above = zero + kRescaleAbove, below_range = zero + kRescaleBelow;
  V dd2[kGroups];
  for (std::size_t g = 0; g < kGroups; ++g) dd2[g] = Load<V>(out.dd2 + g * kWidth);
  V deepest = zero;
  Mask in_range = ~Mask{}, at_high = Mask{};
  for (std::size_t k = 0; k < kSumBlock; k += kSumLanes) {
    for (std::size_t g = 0; g < kGroups; ++g) {
      const std::size_t i = k + g * kWidth;
      const V e = Load<V>(in.equity + i), h = Load<V>(in.highs + i);
      in_range &= (e <= above) & (e >= below_range);
      at_high |= e == h;
      const V draw = e / h - 1.0;  // 0 at a new high
      dd2[g] += draw * draw;
      deepest = draw < deepest ? draw : deepest;
    }
  }
  scan = BlockScan{};
  for (std::size_t j = 0; j < kWidth; ++j) {
    if (in_range[j] == 0) return false;
    scan.at_high = scan.at_high || at_high[j] != 0;
    scan.deepest = std::min(scan.deepest, deepest[j]);
  }
  for (std::size_t g = 0; g < kGroups; ++g) Store(out.dd2 + g * kWidth, dd2[g]);

  // Moments of x = r - rf around the shift, downside squares, omega's gains and losses.
  V s1[kGroups], s2[kGroups], down2[kGroups], gains[kGroups], losses[kGroups];
  for (std::size_t g = 0; g < kGroups; ++g) {
    s1[g] = Load<V>(out.s1 + g * kWidth);
    s2[g] = Load<V>(out.s2 + g * kWidth);
    down2[g] = Load<V>(out.down2 + g * kWidth);
    gains[g] = Load<V>(out.gains + g * kWidth);
    losses[g] = Load<V>(out.losses + g * kWidth);
  }
  for (std::size_t k = 0; k < kSumBlock; k += kSumLanes) {
    for (std::size_t g = 0; g < kGroups; ++g) {
      const V x = Load<V>(in.returns + k + g * kWidth) - in.risk_free;
      const V d = x - in.shift;
      s1[g] += d;
      s2[g] += d * d;
      const V below = x < zero ? x : zero;
      down2[g] += below * below;
      const V o = x - in.omega_threshold;
      gains[g] += o > zero ? o : zero;
      losses[g] += o < zero ? -o : zero;
    }
  }
  for (std::size_t g = 0; g < kGroups; ++g) {
    Store(out.s1 + g * kWidth, s1[g]);
    Store(out.s2 + g * kWidth, s2[g]);
    Store(out.down2 + g * kWidth, down2[g]);
    Store(out.gains + g * kWidth, gains[g]);
    Store(out.losses + g * kWidth, losses[g]);
  }

  // Regression of log equity on the centred observation index (exact half-integers).
  V sx[kGroups], sy[kGroups], syy[kGroups], sxy[kGroups], xc[kGroups];
  for (std::size_t g = 0; g < kGroups; ++g) {
    sx[g] = Load<V>(out.sx + g * kWidth);
    sy[g] = Load<V>(out.sy + g * kWidth);
    syy[g] = Load<V>(out.syy + g * kWidth);
    sxy[g] = Load<V>(out.sxy + g * kWidth);
    for (std::size_t j = 0; j < kWidth; ++j) {
      xc[g][j] = in.first_x + static_cast<double>(g * kWidth + j);
    }
  }
  for (std::size_t k = 0; k < kSumBlock; k += kSumLanes) {
    for (std::size_t g = 0; g < kGroups; ++g) {
      const V e = Load<V>(in.equity + k + g * kWidth);
      const V y = in.log_offset + LogOfNormalKernel<V, Bits>(e);
      sx[g] += xc[g];
      sy[g] += y;
      syy[g] += y * y;
      sxy[g] += xc[g] * y;
      xc[g] += static_cast<double>(kSumLanes);
    }
  }
  for (std::size_t g = 0; g < kGroups; ++g) {
    Store(out.sx + g * kWidth, sx[g]);
    Store(out.sy + g * kWidth, sy[g]);
    Store(out.syy + g * kWidth, syy[g]);
    Store(out.sxy + g * kWidth, sxy[g]);
  }
  return true;
}

using SumsFunction = bool (*)(const BlockInput&, LaneSums&, BlockScan&);

SumsFunction ChooseSums() { return Avx2SumsAvailable() ? AddBlockSumsAvx2 : AddBlockSumsBaseline; }

}  // namespace

bool AddBlockSumsBaseline(const BlockInput& in, LaneSums& sums, BlockScan& scan) {
  return Sums<Vec2, Vec2Bits>(in, sums, scan);
}

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
__attribute__((target("avx2"))) bool AddBlockSumsAvx2(const BlockInput& in, LaneSums& sums,
                                                      BlockScan& scan) {
  return Sums<Vec4, Vec4Bits>(in, sums, scan);
}

bool Avx2SumsAvailable() { return __builtin_cpu_supports("avx2"); }
#else
bool AddBlockSumsAvx2(const BlockInput& in, LaneSums& sums, BlockScan& scan) {
  return AddBlockSumsBaseline(in, sums, scan);
}

bool Avx2SumsAvailable() { return false; }
#endif

bool AddBlockSums(const BlockInput& in, LaneSums& sums, BlockScan& scan) {
  static const SumsFunction sums_function = ChooseSums();
  return sums_function(in, sums, scan);
}

}  // namespace pulse::analytics
