#include "indicators/candle_patterns_double.h"

#include <algorithm>

namespace pulse::indicators {

using T = CandleSettingType;
using candle::BodyBottom;
using candle::BodyTop;
using candle::Color;
using candle::RealBody;
using candle::RealBodyGapDown;
using candle::RealBodyGapUp;

// ---- CdlEngulfing ----

CdlEngulfing::CdlEngulfing(const CandleSettings& settings) : CandlePattern(settings) {
  SetLookback(2);
}

double CdlEngulfing::Detect() const {
  const Bar& c = Candle(0);
  const Bar& p = Candle(1);
  const bool white_engulfs_black =
      Color(c) == 1 && Color(p) == -1 &&
      ((c.close >= p.open && c.open < p.close) || (c.close > p.open && c.open <= p.close));
  const bool black_engulfs_white =
      Color(c) == -1 && Color(p) == 1 &&
      ((c.open >= p.close && c.close < p.open) || (c.open > p.close && c.close <= p.open));
  if (!white_engulfs_black && !black_engulfs_white) return 0;
  return Color(c) * (c.open != p.close && c.close != p.open ? 100 : 80);
}

// ---- CdlHarami (and harami cross) ----

CdlHarami::CdlHarami(bool cross, const CandleSettings& settings) : CandlePattern(settings) {
  const T small = cross ? T::kBodyDoji : T::kBodyShort;
  SetLookback(std::max(Period(small), Period(T::kBodyLong)) + 1);
  body_long_ = AddAverage(T::kBodyLong, 1);
  body_small_ = AddAverage(small, 0);
}

double CdlHarami::Detect() const {
  const Bar& c = Candle(0);
  const Bar& p = Candle(1);
  if (!(RealBody(p) > Average(body_long_) && RealBody(c) <= Average(body_small_))) return 0;
  if (BodyTop(c) < BodyTop(p) && BodyBottom(c) > BodyBottom(p)) return -Color(p) * 100;
  if (BodyTop(c) <= BodyTop(p) && BodyBottom(c) >= BodyBottom(p)) return -Color(p) * 80;
  return 0;
}

// ---- CdlPiercing ----

CdlPiercing::CdlPiercing(const CandleSettings& settings) : CandlePattern(settings) {
  SetLookback(Period(T::kBodyLong) + 1);
  body_long_1_ = AddAverage(T::kBodyLong, 1);
  body_long_0_ = AddAverage(T::kBodyLong, 0);
}

double CdlPiercing::Detect() const {
  const Bar& c = Candle(0);
  const Bar& p = Candle(1);
  return Color(p) == -1 && RealBody(p) > Average(body_long_1_) && Color(c) == 1 &&
                 RealBody(c) > Average(body_long_0_) && c.open < p.low && c.close < p.open &&
                 c.close > p.close + RealBody(p) * 0.5
             ? 100
             : 0;
}

// ---- CdlDarkCloudCover ----

CdlDarkCloudCover::CdlDarkCloudCover(double penetration, const CandleSettings& settings)
    : CandlePattern(settings), penetration_(penetration) {
  SetLookback(Period(T::kBodyLong) + 1);
  body_long_ = AddAverage(T::kBodyLong, 1);
}

double CdlDarkCloudCover::Detect() const {
  const Bar& c = Candle(0);
  const Bar& p = Candle(1);
  return Color(p) == 1 && RealBody(p) > Average(body_long_) && Color(c) == -1 && c.open > p.high &&
                 c.close > p.open && c.close < p.close - RealBody(p) * penetration_
             ? -100
             : 0;
}

// ---- CdlDojiStar ----

CdlDojiStar::CdlDojiStar(const CandleSettings& settings) : CandlePattern(settings) {
  SetLookback(std::max(Period(T::kBodyDoji), Period(T::kBodyLong)) + 1);
  body_long_ = AddAverage(T::kBodyLong, 1);
  doji_ = AddAverage(T::kBodyDoji, 0);
}

double CdlDojiStar::Detect() const {
  const Bar& c = Candle(0);
  const Bar& p = Candle(1);
  if (RealBody(p) > Average(body_long_) && RealBody(c) <= Average(doji_) &&
      ((Color(p) == 1 && RealBodyGapUp(c, p)) || (Color(p) == -1 && RealBodyGapDown(c, p)))) {
    return -Color(p) * 100;
  }
  return 0;
}

}  // namespace pulse::indicators
