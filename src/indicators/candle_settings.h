// Candle settings and candle geometry: how TA-Lib's candlestick functions measure a candle (real
// body, shadows, high-low range) and judge it against the average of recent candles.
#pragma once

#include <algorithm>
#include <array>
#include <cmath>

#include "model/bar.h"

namespace pulse::indicators {

// What a candle setting averages: the real body, the whole high-low range, or both shadows.
enum class CandleRangeType { kRealBody, kHighLow, kShadows };

// TA-Lib's candle settings, in TA-Lib's order (TA_CandleSettingType).
enum class CandleSettingType {
  kBodyLong,
  kBodyVeryLong,
  kBodyShort,
  kBodyDoji,
  kShadowLong,
  kShadowVeryLong,
  kShadowShort,
  kShadowVeryShort,
  kNear,
  kFar,
  kEqual,
};
inline constexpr int kNumCandleSettings = 11;

// One setting: a part of a candle is "long" (or "short", "near", ...) when compared with `factor`
// times the average of `range_type` over the `avg_period` previous candles (the candle itself
// when avg_period is 0); shadow averages are halved, as TA-Lib does.
struct CandleSetting {
  CandleRangeType range_type = CandleRangeType::kRealBody;
  int avg_period = 0;
  double factor = 1.0;
};

// The full table of settings. Defaults() is TA-Lib 0.6's TA_CandleDefaultSettings. A plain value
// type; patterns copy what they need at construction.
struct CandleSettings {
  std::array<CandleSetting, kNumCandleSettings> settings;

  const CandleSetting& operator[](CandleSettingType type) const {
    return settings[static_cast<int>(type)];
  }
  CandleSetting& operator[](CandleSettingType type) { return settings[static_cast<int>(type)]; }

  static CandleSettings Defaults() {
    using R = CandleRangeType;
    return CandleSettings{{{
        {R::kRealBody, 10, 1.0},  // BodyLong: body longer than the average body
        {R::kRealBody, 10, 3.0},  // BodyVeryLong: 3 times the average body
        {R::kRealBody, 10, 1.0},  // BodyShort: body shorter than the average body
        {R::kHighLow, 10, 0.1},   // BodyDoji: body within 10% of the average range
        {R::kRealBody, 0, 1.0},   // ShadowLong: shadow longer than the body
        {R::kRealBody, 0, 2.0},   // ShadowVeryLong: shadow longer than 2 bodies
        {R::kShadows, 10, 1.0},   // ShadowShort: shorter than half the average shadow sum
        {R::kHighLow, 10, 0.1},   // ShadowVeryShort: within 10% of the average range
        {R::kHighLow, 5, 0.2},    // Near: within 20% of the average range
        {R::kHighLow, 5, 0.6},    // Far: at least 60% of the average range
        {R::kHighLow, 5, 0.05},   // Equal: within 5% of the average range
    }}};
  }
};

// Candle geometry with TA-Lib's exact arithmetic (ta_utility.h).
namespace candle {

inline double RealBody(const Bar& b) { return std::fabs(b.close - b.open); }
inline double UpperShadow(const Bar& b) { return b.high - (b.close >= b.open ? b.close : b.open); }
inline double LowerShadow(const Bar& b) { return (b.close >= b.open ? b.open : b.close) - b.low; }
inline double HighLowRange(const Bar& b) { return b.high - b.low; }
// 1 for a white (close >= open) candle, -1 for a black one.
inline int Color(const Bar& b) { return b.close >= b.open ? 1 : -1; }
inline double BodyTop(const Bar& b) { return std::max(b.open, b.close); }
inline double BodyBottom(const Bar& b) { return std::min(b.open, b.close); }
// `later`'s real body entirely above / below `earlier`'s.
inline bool RealBodyGapUp(const Bar& later, const Bar& earlier) {
  return BodyBottom(later) > BodyTop(earlier);
}
inline bool RealBodyGapDown(const Bar& later, const Bar& earlier) {
  return BodyTop(later) < BodyBottom(earlier);
}
// The quantity a setting averages, measured on one candle.
inline double Range(CandleRangeType type, const Bar& b) {
  switch (type) {
    case CandleRangeType::kRealBody:
      return RealBody(b);
    case CandleRangeType::kHighLow:
      return HighLowRange(b);
    case CandleRangeType::kShadows:
      return UpperShadow(b) + LowerShadow(b);
  }
  return 0;
}

}  // namespace candle

}  // namespace pulse::indicators
