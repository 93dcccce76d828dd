#include "indicators/candle_patterns_triple.h"

#include <algorithm>

namespace pulse::indicators {

using T = CandleSettingType;
using candle::Color;
using candle::LowerShadow;
using candle::RealBody;
using candle::RealBodyGapDown;
using candle::RealBodyGapUp;
using candle::UpperShadow;

// ---- CdlMorningStar (evening star, doji forms) ----

CdlMorningStar::CdlMorningStar(bool bearish, bool doji, double penetration,
                               const CandleSettings& settings)
    : CandlePattern(settings), bearish_(bearish), penetration_(penetration) {
  const T star = doji ? T::kBodyDoji : T::kBodyShort;
  SetLookback(std::max({Period(star), Period(T::kBodyLong), Period(T::kBodyShort)}) + 2);
  body_long_ = AddAverage(T::kBodyLong, 2);
  body_star_ = AddAverage(star, 1);
  body_third_ = AddAverage(T::kBodyShort, 0);
}

double CdlMorningStar::Detect() const {
  const Bar& c = Candle(0);
  const Bar& star = Candle(1);
  const Bar& first = Candle(2);
  const int first_color = bearish_ ? 1 : -1;
  if (!(RealBody(first) > Average(body_long_) && Color(first) == first_color &&
        RealBody(star) <= Average(body_star_) && RealBody(c) > Average(body_third_) &&
        Color(c) == -first_color)) {
    return 0;
  }
  if (bearish_) {
    return RealBodyGapUp(star, first) && c.close < first.close - RealBody(first) * penetration_
               ? -100
               : 0;
  }
  return RealBodyGapDown(star, first) && c.close > first.close + RealBody(first) * penetration_
             ? 100
             : 0;
}

// ---- Cdl3WhiteSoldiers ----

Cdl3WhiteSoldiers::Cdl3WhiteSoldiers(const CandleSettings& settings) : CandlePattern(settings) {
  SetLookback(std::max({Period(T::kShadowVeryShort), Period(T::kBodyShort), Period(T::kFar),
                        Period(T::kNear)}) +
              2);
  for (int k = 0; k < 3; ++k) very_short_[k] = AddAverage(T::kShadowVeryShort, k);
  near_[0] = far_[0] = -1;  // not used: only the 1st and 2nd candles are judged for these
  for (int k = 1; k < 3; ++k) {
    near_[k] = AddAverage(T::kNear, k);
    far_[k] = AddAverage(T::kFar, k);
  }
  body_short_ = AddAverage(T::kBodyShort, 0);
}

double Cdl3WhiteSoldiers::Detect() const {
  const Bar& c = Candle(0);
  const Bar& b = Candle(1);
  const Bar& a = Candle(2);
  return Color(a) == 1 && UpperShadow(a) < Average(very_short_[2]) && Color(b) == 1 &&
                 UpperShadow(b) < Average(very_short_[1]) && Color(c) == 1 &&
                 UpperShadow(c) < Average(very_short_[0]) && c.close > b.close &&
                 b.close > a.close && b.open > a.open && b.open <= a.close + Average(near_[2]) &&
                 c.open > b.open && c.open <= b.close + Average(near_[1]) &&
                 RealBody(b) > RealBody(a) - Average(far_[2]) &&
                 RealBody(c) > RealBody(b) - Average(far_[1]) && RealBody(c) > Average(body_short_)
             ? 100
             : 0;
}

// ---- Cdl3BlackCrows ----

Cdl3BlackCrows::Cdl3BlackCrows(const CandleSettings& settings) : CandlePattern(settings) {
  SetLookback(Period(T::kShadowVeryShort) + 3);
  for (int k = 0; k < 3; ++k) very_short_[k] = AddAverage(T::kShadowVeryShort, k);
}

double Cdl3BlackCrows::Detect() const {
  const Bar& c = Candle(0);
  const Bar& b = Candle(1);
  const Bar& a = Candle(2);
  const Bar& w = Candle(3);
  return Color(w) == 1 && Color(a) == -1 && LowerShadow(a) < Average(very_short_[2]) &&
                 Color(b) == -1 && LowerShadow(b) < Average(very_short_[1]) && Color(c) == -1 &&
                 LowerShadow(c) < Average(very_short_[0]) && b.open < a.open && b.open > a.close &&
                 c.open < b.open && c.open > b.close && w.high > a.close && a.close > b.close &&
                 b.close > c.close
             ? -100
             : 0;
}

}  // namespace pulse::indicators
