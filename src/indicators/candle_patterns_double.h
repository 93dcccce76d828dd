// Two-candle patterns with TA-Lib 0.6's definitions: engulfing, harami, harami cross, piercing
// line, dark cloud cover and doji star.
#pragma once

#include "indicators/candle_pattern.h"

namespace pulse::indicators {

// Every class below is a CandlePattern (streaming, O(1), single-threaded value object). "1st" is
// the previous candle, "2nd" the newest; "Average(X)" is candle setting X averaged over the
// candles before the one judged (candle_settings.h).

// CDLENGULFING: the 2nd body engulfs the 1st of the opposite colour -> 100 white engulfs black,
// -100 black engulfs white; 80 / -80 when one end of the bodies is equal (TA-Lib 0.6).
// Lookback 2 (TA-Lib's, although only two candles are read).
class CdlEngulfing final : public CandlePattern {
 public:
  explicit CdlEngulfing(const CandleSettings& settings = CandleSettings::Defaults());

 private:
  double Detect() const override;
};

// CDLHARAMI: long 1st body (> Average(BodyLong)), short 2nd body (<= Average(BodyShort)) inside
// it -> 100 after a black 1st candle, -100 after a white one; 80 / -80 when one end matches.
// Lookback max(BodyShort, BodyLong) + 1 (11).
// CDLHARAMICROSS: the same with a doji 2nd body (<= Average(BodyDoji)); lookback
// max(BodyDoji, BodyLong) + 1.
class CdlHarami final : public CandlePattern {
 public:
  explicit CdlHarami(bool cross = false,
                     const CandleSettings& settings = CandleSettings::Defaults());

 private:
  double Detect() const override;
  int body_long_, body_small_;
};

// CDLPIERCING: long black 1st, long white 2nd opening below the 1st low and closing above the
// 1st body's midpoint but below its open -> 100. Lookback BodyLong + 1 (11).
class CdlPiercing final : public CandlePattern {
 public:
  explicit CdlPiercing(const CandleSettings& settings = CandleSettings::Defaults());

 private:
  double Detect() const override;
  int body_long_1_, body_long_0_;
};

// CDLDARKCLOUDCOVER: long white 1st, black 2nd opening above the 1st high and closing inside the
// 1st body, below close - penetration * body -> -100. Penetration default 0.5.
// Lookback BodyLong + 1 (11).
class CdlDarkCloudCover final : public CandlePattern {
 public:
  explicit CdlDarkCloudCover(double penetration = 0.5,
                             const CandleSettings& settings = CandleSettings::Defaults());

 private:
  double Detect() const override;
  double penetration_;
  int body_long_;
};

// CDLDOJISTAR: long 1st body, doji 2nd whose body gaps up after a white 1st (-100) or down after
// a black 1st (100). Lookback max(BodyDoji, BodyLong) + 1 (11).
class CdlDojiStar final : public CandlePattern {
 public:
  explicit CdlDojiStar(const CandleSettings& settings = CandleSettings::Defaults());

 private:
  double Detect() const override;
  int body_long_, doji_;
};

}  // namespace pulse::indicators
