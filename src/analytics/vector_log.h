// LogOfNormal: the natural logarithm of a positive, finite, normal double without branches or
// table look-ups, written once for scalars and for vectors of doubles (GCC/Clang vector
// extensions; SSE2 or NEON is enough), with the same operations lane by lane, so a vector lane
// gives exactly the scalar's result. The kernel is fdlibm's e_log.c (argument reduced to
// [sqrt(2)/2, sqrt(2)), a degree-14 polynomial in s = f / (2 + f)) and stays within 1 ulp of
// std::log. Zero, negative, subnormal, infinite and NaN arguments are the caller's to route to
// std::log. Pure; thread-safe.
#pragma once

#include <bit>
#include <cstdint>

namespace pulse::analytics {

// The kernel is always inlined (also into functions built for a wider instruction set than the
// rest of the program); the ABI note about returning 32-byte vectors without AVX does not
// apply to them.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wpsabi"

// log(x) for 2^-1022 <= x < +inf, anything else gives an unspecified value. Real is double or a
// vector of doubles, Bits the unsigned 64-bit integer type (or vector) of the same size.
template <typename Real, typename Bits>
[[gnu::always_inline]] inline Real LogOfNormalKernel(const Real& x) {
  constexpr double kLg1 = 6.666666666666735130e-01;
  constexpr double kLg2 = 3.999999999940941908e-01;
  constexpr double kLg3 = 2.857142874366239149e-01;
  constexpr double kLg4 = 2.222219843214978396e-01;
  constexpr double kLg5 = 1.818357216161805012e-01;
  constexpr double kLg6 = 1.531383769920937332e-01;
  constexpr double kLg7 = 1.479819860511658591e-01;
  constexpr double kLn2Hi = 6.93147180369123816490e-01;
  constexpr double kLn2Lo = 1.90821492927058770002e-10;
  constexpr std::uint64_t kHalfSqrt2 = 0x3fe6a09e667f3bcdULL;  // the bits of sqrt(2) / 2
  constexpr double kMagic = 0x1.8p52;  // adding a small integer to its bits adds it to its value

  // x = 2^k * m with m in [sqrt(2)/2, sqrt(2)): k is the exponent field of bits - kHalfSqrt2,
  // read as a signed 12-bit number (logical shifts only: SSE2 has no 64-bit arithmetic shift).
  constexpr std::uint64_t kExponentMask = 0xfff0000000000000ULL;
  constexpr std::uint64_t kSignBit12 = 0x800;
  constexpr std::uint64_t kMagicBits = std::bit_cast<std::uint64_t>(kMagic);
  // __builtin_bit_cast, not std::bit_cast: a function call that is not inlined (-O0) would pass
  // 32-byte vectors between code built for AVX2 and code built without it.
  const auto bits = __builtin_bit_cast(Bits, x);
  const Bits tmp = bits - kHalfSqrt2;
  const Bits k_field = tmp >> 52;
  const Bits k = (k_field ^ kSignBit12) - kSignBit12;  // sign-extended, modulo 2^64
  const Real m = __builtin_bit_cast(Real, bits - (tmp & kExponentMask));
  const Real dk = __builtin_bit_cast(Real, kMagicBits + k) - kMagic;

  const Real f = m - 1.0;
  const Real hfsq = 0.5 * f * f;
  const Real s = f / (2.0 + f);
  const Real z = s * s;
  const Real w = z * z;
  const Real t1 = w * (kLg2 + w * (kLg4 + w * kLg6));
  const Real t2 = z * (kLg1 + w * (kLg3 + w * (kLg5 + w * kLg7)));
  const Real r = t2 + t1;
  return dk * kLn2Hi - ((hfsq - (s * (hfsq + r) + dk * kLn2Lo)) - f);
}

#pragma GCC diagnostic pop

// The scalar form.
inline double LogOfNormal(double x) { return LogOfNormalKernel<double, std::uint64_t>(x); }

}  // namespace pulse::analytics
