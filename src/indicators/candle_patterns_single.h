// One-candle patterns with TA-Lib 0.6's definitions: doji, hammer, inverted hammer, shooting star,
// hanging man, marubozu, spinning top, dragonfly and gravestone doji. The hammer family also
// looks at the previous candle (gap or nearness), as TA-Lib does.
#pragma once

#include "indicators/candle_pattern.h"

namespace pulse::indicators {

// Every class below is a CandlePattern (streaming, O(1), single-threaded value object) built
// from the candle settings, TA-Lib's defaults unless given. "Average(X)" is the candle setting X
// averaged over the previous candles (see candle_settings.h).

// CDLDOJI: body <= Average(BodyDoji) -> 100. Lookback: BodyDoji period (10).
class CdlDoji final : public CandlePattern {
 public:
  explicit CdlDoji(const CandleSettings& settings = CandleSettings::Defaults());

 private:
  double Detect() const override;
  int doji_;
};

// CDLHAMMER: small body, lower shadow > Average(ShadowLong), upper shadow <
// Average(ShadowVeryShort), body bottom <= previous low + Average(Near) of the previous candle
// -> 100. Lookback: max(BodyShort, ShadowLong, ShadowVeryShort, Near) + 1 (11).
// CDLHANGINGMAN: the same shape with the body bottom >= previous high - Average(Near) -> -100.
class CdlHammer final : public CandlePattern {
 public:
  explicit CdlHammer(bool hanging_man = false,
                     const CandleSettings& settings = CandleSettings::Defaults());

 private:
  double Detect() const override;
  bool hanging_man_;
  int body_, shadow_long_, shadow_very_short_, near_;
};

// CDLINVERTEDHAMMER: small body, upper shadow > Average(ShadowLong), lower shadow <
// Average(ShadowVeryShort), body gapping down from the previous body -> 100.
// CDLSHOOTINGSTAR: the same shape gapping up -> -100.
// Lookback: max(BodyShort, ShadowLong, ShadowVeryShort) + 1 (11).
class CdlInvertedHammer final : public CandlePattern {
 public:
  explicit CdlInvertedHammer(bool shooting_star = false,
                             const CandleSettings& settings = CandleSettings::Defaults());

 private:
  double Detect() const override;
  bool shooting_star_;
  int body_, shadow_long_, shadow_very_short_;
};

// CDLMARUBOZU: body > Average(BodyLong), both shadows < Average(ShadowVeryShort) -> 100 white,
// -100 black. Lookback: max(BodyLong, ShadowVeryShort) (10).
class CdlMarubozu final : public CandlePattern {
 public:
  explicit CdlMarubozu(const CandleSettings& settings = CandleSettings::Defaults());

 private:
  double Detect() const override;
  int body_long_, shadow_very_short_;
};

// CDLSPINNINGTOP: body < Average(BodyShort), both shadows longer than the body -> 100 white,
// -100 black. Lookback: BodyShort period (10).
class CdlSpinningTop final : public CandlePattern {
 public:
  explicit CdlSpinningTop(const CandleSettings& settings = CandleSettings::Defaults());

 private:
  double Detect() const override;
  int body_short_;
};

// CDLDRAGONFLYDOJI: doji body, upper shadow < Average(ShadowVeryShort), lower shadow longer
// -> 100. CDLGRAVESTONEDOJI: the mirror (short lower, long upper shadow) -> 100.
// Lookback: max(BodyDoji, ShadowVeryShort) (10).
class CdlDragonflyDoji final : public CandlePattern {
 public:
  explicit CdlDragonflyDoji(bool gravestone = false,
                            const CandleSettings& settings = CandleSettings::Defaults());

 private:
  double Detect() const override;
  bool gravestone_;
  int doji_, shadow_very_short_;
};

}  // namespace pulse::indicators
