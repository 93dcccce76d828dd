// LevelContext: the per-symbol market state the signal engine keeps itself to set levels, check
// volume and size positions: ATR, the recent swing low / high, the volume average and the
// realised volatility (ATR % now against its own average).
#pragma once

#include "indicators/atr.h"
#include "indicators/moving_averages.h"
#include "indicators/ring_buffer.h"
#include "model/bar.h"

namespace pulse::signal {

// Window lengths, in base bars.
struct LevelContextConfig {
  int atr_period = 14;
  int swing_lookback = 20;     // swing low / high over the last N bars, current bar included
  int volume_period = 20;      // volume average, current bar included
  int volatility_period = 20;  // average of ATR % over the last N bars
  // Whether to keep the swing windows and the ATR % average at all; a user that never reads one
  // (the engine without a swing stop, or without volatility-adjusted sizing) saves its update.
  // Off, the swing is never ready (swing_low / swing_high meaningless) and neither is the
  // volatility (atr_percent 0, VolatilityRatio NaN).
  bool track_swing = true;
  bool track_volatility = true;
};

// Lifecycle: created on a symbol's first base bar (all memory allocated then), Update at every
// base-bar close, no allocation afterwards. Periods must be >= 1 (the planner's config checks
// them). Threading: single-threaded value object, one per symbol.
class LevelContext {
 public:
  explicit LevelContext(const LevelContextConfig& config);

  void Update(const Bar& bar);

  bool AtrReady() const { return atr_.Ready(); }
  bool SwingReady() const { return config_.track_swing && bars_ >= config_.swing_lookback; }
  bool VolumeReady() const { return volume_average_.Ready(); }
  bool VolatilityReady() const { return atr_percent_average_.Ready(); }

  double atr() const { return atr_.Value(); }
  double swing_low() const { return lows_.Value(); }
  double swing_high() const { return highs_.Value(); }
  double volume_average() const { return volume_average_.Value(); }
  // 100 * ATR / close of the last bar, and its average over `volatility_period` bars.
  double atr_percent() const { return atr_percent_; }
  double atr_percent_average() const { return atr_percent_average_.Value(); }
  // Average over current volatility (what the volatility-adjusted size multiplies by); NaN until
  // ready, +inf when the current ATR is 0.
  double VolatilityRatio() const;
  const Bar& last_bar() const { return last_bar_; }
  long long bars() const { return bars_; }

 private:
  LevelContextConfig config_;
  indicators::Atr atr_;
  indicators::MinMaxWindow lows_;
  indicators::MinMaxWindow highs_;
  indicators::Sma volume_average_;
  indicators::Sma atr_percent_average_;
  double atr_percent_ = 0;
  Bar last_bar_;
  long long bars_ = 0;
};

}  // namespace pulse::signal
