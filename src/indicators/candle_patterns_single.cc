#include "indicators/candle_patterns_single.h"

#include <algorithm>

namespace pulse::indicators {

using T = CandleSettingType;
using candle::Color;
using candle::LowerShadow;
using candle::RealBody;
using candle::RealBodyGapDown;
using candle::RealBodyGapUp;
using candle::UpperShadow;

// ---- CdlDoji ----

CdlDoji::CdlDoji(const CandleSettings& settings) : CandlePattern(settings) {
  SetLookback(Period(T::kBodyDoji));
  doji_ = AddAverage(T::kBodyDoji, 0);
}

double CdlDoji::Detect() const { return RealBody(Candle(0)) <= Average(doji_) ? 100 : 0; }

// ---- CdlHammer (and hanging man) ----

CdlHammer::CdlHammer(bool hanging_man, const CandleSettings& settings)
    : CandlePattern(settings), hanging_man_(hanging_man) {
  SetLookback(std::max({Period(T::kBodyShort), Period(T::kShadowLong), Period(T::kShadowVeryShort),
                        Period(T::kNear)}) +
              1);
  body_ = AddAverage(T::kBodyShort, 0);
  shadow_long_ = AddAverage(T::kShadowLong, 0);
  shadow_very_short_ = AddAverage(T::kShadowVeryShort, 0);
  near_ = AddAverage(T::kNear, 1);
}

double CdlHammer::Detect() const {
  const Bar& c = Candle(0);
  const Bar& p = Candle(1);
  if (!(RealBody(c) < Average(body_) && LowerShadow(c) > Average(shadow_long_) &&
        UpperShadow(c) < Average(shadow_very_short_))) {
    return 0;
  }
  const double bottom = std::min(c.close, c.open);
  if (hanging_man_) return bottom >= p.high - Average(near_) ? -100 : 0;
  return bottom <= p.low + Average(near_) ? 100 : 0;
}

// ---- CdlInvertedHammer (and shooting star) ----

CdlInvertedHammer::CdlInvertedHammer(bool shooting_star, const CandleSettings& settings)
    : CandlePattern(settings), shooting_star_(shooting_star) {
  SetLookback(
      std::max({Period(T::kBodyShort), Period(T::kShadowLong), Period(T::kShadowVeryShort)}) + 1);
  body_ = AddAverage(T::kBodyShort, 0);
  shadow_long_ = AddAverage(T::kShadowLong, 0);
  shadow_very_short_ = AddAverage(T::kShadowVeryShort, 0);
}

double CdlInvertedHammer::Detect() const {
  const Bar& c = Candle(0);
  if (!(RealBody(c) < Average(body_) && UpperShadow(c) > Average(shadow_long_) &&
        LowerShadow(c) < Average(shadow_very_short_))) {
    return 0;
  }
  if (shooting_star_) return RealBodyGapUp(c, Candle(1)) ? -100 : 0;
  return RealBodyGapDown(c, Candle(1)) ? 100 : 0;
}

// ---- CdlMarubozu ----

CdlMarubozu::CdlMarubozu(const CandleSettings& settings) : CandlePattern(settings) {
  SetLookback(std::max(Period(T::kBodyLong), Period(T::kShadowVeryShort)));
  body_long_ = AddAverage(T::kBodyLong, 0);
  shadow_very_short_ = AddAverage(T::kShadowVeryShort, 0);
}

double CdlMarubozu::Detect() const {
  const Bar& c = Candle(0);
  if (RealBody(c) > Average(body_long_) && UpperShadow(c) < Average(shadow_very_short_) &&
      LowerShadow(c) < Average(shadow_very_short_)) {
    return Color(c) * 100;
  }
  return 0;
}

// ---- CdlSpinningTop ----

CdlSpinningTop::CdlSpinningTop(const CandleSettings& settings) : CandlePattern(settings) {
  SetLookback(Period(T::kBodyShort));
  body_short_ = AddAverage(T::kBodyShort, 0);
}

double CdlSpinningTop::Detect() const {
  const Bar& c = Candle(0);
  const double body = RealBody(c);
  if (body < Average(body_short_) && UpperShadow(c) > body && LowerShadow(c) > body) {
    return Color(c) * 100;
  }
  return 0;
}

// ---- CdlDragonflyDoji (and gravestone doji) ----

CdlDragonflyDoji::CdlDragonflyDoji(bool gravestone, const CandleSettings& settings)
    : CandlePattern(settings), gravestone_(gravestone) {
  SetLookback(std::max(Period(T::kBodyDoji), Period(T::kShadowVeryShort)));
  doji_ = AddAverage(T::kBodyDoji, 0);
  shadow_very_short_ = AddAverage(T::kShadowVeryShort, 0);
}

double CdlDragonflyDoji::Detect() const {
  const Bar& c = Candle(0);
  const double very_short = Average(shadow_very_short_);
  const double short_side = gravestone_ ? LowerShadow(c) : UpperShadow(c);
  const double long_side = gravestone_ ? UpperShadow(c) : LowerShadow(c);
  return RealBody(c) <= Average(doji_) && short_side < very_short && long_side > very_short ? 100
                                                                                            : 0;
}

}  // namespace pulse::indicators
