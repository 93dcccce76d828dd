// STOCHRSI: the fast stochastic of the RSI, as TA-Lib defines it.
#pragma once

#include "indicators/indicator.h"
#include "indicators/ma_of_type.h"
#include "indicators/rsi.h"
#include "indicators/stoch_fast.h"

namespace pulse::indicators {

// TA-Lib's STOCHRSI: STOCHF(fastk_period, fastd_period, fastd_type) applied to RSI(period)
// with the RSI as high, low and close: fastk = 100 (rsi - min rsi) / (max rsi - min rsi) over
// fastk_period RSI values (0 when flat), fastd its moving average.
// Outputs: 0 fastk, 1 fastd. WarmUp = period + STOCHF's lookback.
// Lifecycle: built once, Update()/Add() per bar, Reset() to start over. Single-threaded value
// object.
class StochRsi final : public Indicator {
 public:
  StochRsi(int period, int fastk_period, int fastd_period, MaOfType::Type fastd_type);

  void Add(double x);
  void Update(const Bar& bar) override { Add(bar.close); }
  void Reset() override;
  bool Ready() const override { return stochf_.Ready(); }
  int WarmUp() const override { return rsi_.WarmUp() + stochf_.WarmUp(); }
  int NumOutputs() const override { return 2; }
  double Value(int index = 0) const override { return stochf_.Value(index); }

 private:
  Rsi rsi_;
  StochF stochf_;
};

}  // namespace pulse::indicators
