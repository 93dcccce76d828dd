// Keltner channel: an EMA of the close with bands a multiple of the ATR away.
#pragma once

#include "indicators/atr.h"
#include "indicators/indicator.h"
#include "indicators/moving_averages.h"

namespace pulse::indicators {

// Keltner channel, TradingView's defaults (EMA 20, ATR 10, multiplier 2): middle = EMA(period)
// of the close (SMA-seeded, TA-Lib's EMA), upper/lower = middle +/- multiplier * ATR(atr_period)
// with TA-Lib's ATR (first value the mean of the true ranges of bars 1..n, then Wilder).
// TradingView's ATR also counts bar 0's high - low, so its first values differ slightly; they
// converge. Outputs: 0 upper, 1 middle, 2 lower. WarmUp = max(period - 1, atr_period). Built once,
// updated bar by bar, Reset() to reuse. Single-threaded value object.
class Keltner final : public Indicator {
 public:
  Keltner(int period, double multiplier, int atr_period);

  void Update(const Bar& bar) override;
  void Reset() override;
  bool Ready() const override { return ema_.Ready() && atr_.Ready(); }
  int WarmUp() const override {
    return ema_.WarmUp() > atr_.WarmUp() ? ema_.WarmUp() : atr_.WarmUp();
  }
  int NumOutputs() const override { return 3; }
  double Value(int index = 0) const override;

 private:
  double multiplier_;
  Ema ema_;
  Atr atr_;
};

}  // namespace pulse::indicators
