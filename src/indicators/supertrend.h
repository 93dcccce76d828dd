// Supertrend: an ATR trailing stop that flips with the trend.
#pragma once

#include "indicators/atr.h"
#include "indicators/indicator.h"

namespace pulse::indicators {

// Supertrend (ATR period 10, multiplier 3 by default), the usual final-band ratchet:
//   basic upper/lower = (high + low) / 2 +/- multiplier * ATR, ATR being TA-Lib's (Wilder's
//   smoothing, first value the mean of the true ranges of bars 1..period);
//   final upper = basic upper if it is below the previous final upper or the previous close
//   closed above it, else the previous final upper; final lower mirrors it;
//   in a downtrend the trend turns up when the close is above the final upper band, in an
//   uptrend down when the close is below the final lower band.
// Outputs: 0 value (the final lower band in an uptrend, the final upper band in a downtrend),
// 1 direction (+1 up, -1 down; TradingView's ta.supertrend uses the opposite sign). The first
// valid bar starts with the basic bands and a downtrend, as TradingView does. WarmUp = period.
// Built once, updated bar by bar, Reset() to reuse. Single-threaded value object.
class Supertrend final : public Indicator {
 public:
  Supertrend(int period, double multiplier);

  void Update(const Bar& bar) override;
  void Reset() override;
  bool Ready() const override { return atr_.Ready(); }
  int WarmUp() const override { return atr_.WarmUp(); }
  int NumOutputs() const override { return 2; }
  double Value(int index = 0) const override;

 private:
  double multiplier_;
  Atr atr_;
  bool started_ = false;
  double prev_close_ = 0;
  double upper_ = 0;
  double lower_ = 0;
  int direction_ = -1;
};

}  // namespace pulse::indicators
