// Three-candle patterns with TA-Lib 0.6's definitions: morning and evening star (and their doji
// forms), three white soldiers and three black crows.
#pragma once

#include "indicators/candle_pattern.h"

namespace pulse::indicators {

// Every class below is a CandlePattern (streaming, O(1), single-threaded value object). "1st" is
// the candle two bars back, "3rd" the newest; "Average(X)" is candle setting X averaged over the
// candles before the one judged (candle_settings.h).

// CDLMORNINGSTAR: long black 1st, short 2nd whose body gaps down, white 3rd longer than short
// closing above 1st close + penetration * 1st body -> 100. Penetration default 0.3.
// CDLEVENINGSTAR (bearish = true): the mirror -> -100.
// Lookback max(BodyShort, BodyLong) + 2 (12).
// With doji = true (CDLMORNINGDOJISTAR / CDLEVENINGDOJISTAR) the 2nd must be a doji
// (<= Average(BodyDoji)); lookback max(BodyDoji, BodyLong, BodyShort) + 2.
class CdlMorningStar final : public CandlePattern {
 public:
  CdlMorningStar(bool bearish, bool doji, double penetration = 0.3,
                 const CandleSettings& settings = CandleSettings::Defaults());

 private:
  double Detect() const override;
  bool bearish_;
  double penetration_;
  int body_long_, body_star_, body_third_;
};

// CDL3WHITESOLDIERS: three white candles with very short upper shadows, higher closes, each
// opening inside or near (Average(Near)) the previous body, not far (Average(Far)) shorter than
// the previous, the 3rd not short -> 100.
// Lookback max(ShadowVeryShort, BodyShort, Far, Near) + 2 (12).
class Cdl3WhiteSoldiers final : public CandlePattern {
 public:
  explicit Cdl3WhiteSoldiers(const CandleSettings& settings = CandleSettings::Defaults());

 private:
  double Detect() const override;
  int very_short_[3], near_[3], far_[3], body_short_;
};

// CDL3BLACKCROWS: a white candle, then three black candles with very short lower shadows, each
// opening inside the previous body and closing lower, the 1st closing under the white candle's
// high -> -100. Lookback ShadowVeryShort + 3 (13).
class Cdl3BlackCrows final : public CandlePattern {
 public:
  explicit Cdl3BlackCrows(const CandleSettings& settings = CandleSettings::Defaults());

 private:
  double Detect() const override;
  int very_short_[3];
};

}  // namespace pulse::indicators
