// Trend features of the close against its moving averages and the ADX: the distance of the close
// from its SMA, and a small set of 1/0 trend flags.
#pragma once

#include "indicators/directional.h"
#include "indicators/indicator.h"
#include "indicators/moving_averages.h"

namespace pulse::indicators {

// Relative distance of the close from its SMA: close / SMA(period) - 1 (0 at the average, 0.02
// two percent above it); 0 when the SMA is 0. WarmUp = period - 1.
// Lifecycle: built once, updated bar by bar, Reset() to start over. Single-threaded value
// object; Add() feeds a raw close.
class PriceSmaRatio final : public Indicator {
 public:
  explicit PriceSmaRatio(int period) : sma_(period) {}

  void Add(double close);
  void Update(const Bar& bar) override { Add(bar.close); }
  void Reset() override;
  bool Ready() const override { return sma_.Ready(); }
  int WarmUp() const override { return sma_.WarmUp(); }
  double Value(int = 0) const override { return Ready() ? value_ : kNaN; }

 private:
  Sma sma_;
  double value_ = kNaN;
};

// Trend flags from SMA(fast), SMA(slow) of the close and ADX(adx_period) (TA-Lib's). Outputs:
//   0 above_sma     1 when close > SMA(slow), else 0
//   1 sma_stack     1 when SMA(fast) > SMA(slow), else 0
//   2 adx_trending  1 when ADX > threshold, else 0
//   3 direction     +1 when close > SMA(fast) > SMA(slow) and ADX > threshold (a strong
//                   uptrend), -1 when close < SMA(fast) < SMA(slow) and ADX > threshold, else 0
// Every output starts on the same bar: WarmUp = max(fast - 1, slow - 1, 2 adx_period - 1).
// Lifecycle: built once, updated bar by bar, Reset() to start over. Single-threaded value object.
class TrendFlags final : public Indicator {
 public:
  TrendFlags(int fast_period, int slow_period, int adx_period, double threshold)
      : fast_(fast_period), slow_(slow_period), adx_(adx_period), threshold_(threshold) {}

  void Update(const Bar& bar) override;
  void Reset() override;
  bool Ready() const override { return fast_.Ready() && slow_.Ready() && adx_.Ready(); }
  int WarmUp() const override;
  int NumOutputs() const override { return 4; }
  double Value(int index = 0) const override;

 private:
  Sma fast_;
  Sma slow_;
  Adx adx_;
  double threshold_;
  double close_ = 0;
};

}  // namespace pulse::indicators
