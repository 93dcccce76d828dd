// The specialised batch kernels, one per indicator, grouped by family in kernels_*.cc. Each
// repeats the floating-point operations of its streaming class in the same order (so the
// numbers are identical) in a tight loop over contiguous arrays. Contract: batch::Kernel in
// kernel_table.h. Internal to the batch path.
#pragma once

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <span>

#include "indicators/batch/bar_columns.h"
#include "indicators/indicator.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace pulse::indicators::batch {

using Outputs = std::span<const std::span<double>>;

// kernels_momentum.cc
void MomKernel(std::span<const double> params, const BarColumns& in, Outputs out);
void RocKernel(std::span<const double> params, const BarColumns& in, Outputs out);
void ObvKernel(std::span<const double> params, const BarColumns& in, Outputs out);

// kernels_averages.cc
void SmaKernel(std::span<const double> params, const BarColumns& in, Outputs out);
void EmaKernel(std::span<const double> params, const BarColumns& in, Outputs out);
void MacdKernel(std::span<const double> params, const BarColumns& in, Outputs out);
void BBandsKernel(std::span<const double> params, const BarColumns& in, Outputs out);
// Sma's outputs for x[0..n) into out[period - 1..n) (out[0..period - 1) untouched).
void SmaInto(const double* x, size_t n, int period, double* out);

// kernels_range.cc
void AtrKernel(std::span<const double> params, const BarColumns& in, Outputs out);
void StochKernel(std::span<const double> params, const BarColumns& in, Outputs out);
void WillRKernel(std::span<const double> params, const BarColumns& in, Outputs out);

// kernels_trend.cc
void RsiKernel(std::span<const double> params, const BarColumns& in, Outputs out);
void AdxKernel(std::span<const double> params, const BarColumns& in, Outputs out);
void SarKernel(std::span<const double> params, const BarColumns& in, Outputs out);

// Helpers shared by the kernels.

// Parameter `i` as a whole number (validated by the registry).
inline int IntParam(std::span<const double> params, size_t i) {
  return static_cast<int>(params[i]);
}

// c ? a : b through bit masks, so that the compiler cannot turn an unpredictable condition
// into a branch. Exact: the result is a or b bit for bit.
inline double Select(bool c, double a, double b) {
  const uint64_t mask = 0 - static_cast<uint64_t>(c);
  return std::bit_cast<double>((std::bit_cast<uint64_t>(a) & mask) |
                               (std::bit_cast<uint64_t>(b) & ~mask));
}

// Two doubles operated on together (GCC/Clang vector extension: SSE2 registers on x86-64,
// plain scalar code elsewhere). Each lane gets exactly the IEEE operation written, so pairing
// two independent computations changes no result; it halves the number of divisions issued.
using Double2 = double __attribute__((vector_size(16)));
using Mask2 = int64_t __attribute__((vector_size(16)));  // comparison results: all ones / zero

// mask ? a : b per lane, by bit masks.
inline Double2 Select2(Mask2 mask, Double2 a, Double2 b) {
  return reinterpret_cast<Double2>((reinterpret_cast<Mask2>(a) & mask) |
                                   (reinterpret_cast<Mask2>(b) & ~mask));
}

// Correctly rounded square root of both lanes (the same result as std::sqrt).
inline Double2 Sqrt2(Double2 v) {
#if defined(__SSE2__)
  return _mm_sqrt_pd(v);
#else
  return Double2{std::sqrt(v[0]), std::sqrt(v[1])};
#endif
}

// Writes NaN to out[from, min(to, out.size())).
inline void FillNaN(std::span<double> out, size_t from, size_t to) {
  to = std::min(to, out.size());
  for (size_t i = from; i < to; ++i) out[i] = kNaN;
}

}  // namespace pulse::indicators::batch
