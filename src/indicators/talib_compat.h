// TA-Lib's floating-point conventions, shared by every indicator that follows them.
//
// TA-Lib 0.6 (the C library inside the npm `talib` package the oracle tier runs) treats values
// within TA_EPSILON = 1e-14 of zero as zero (TA_IS_ZERO) and variances below it as zero
// (TA_IS_ZERO_OR_NEG). Older 0.4 releases used 1e-8; the ta_regtest tables pass with either.
#pragma once

namespace pulse::indicators {

inline constexpr double kTaLibEpsilon = 0.00000000000001;

// TA_IS_ZERO: |v| < 1e-14.
inline bool TaIsZero(double v) { return -kTaLibEpsilon < v && v < kTaLibEpsilon; }
// TA_IS_ZERO_OR_NEG: v < 1e-14.
inline bool TaIsZeroOrNeg(double v) { return v < kTaLibEpsilon; }

}  // namespace pulse::indicators
