// STOCHF: the fast stochastic (%K and its moving average %D), as TA-Lib computes it.
#pragma once

#include "indicators/indicator.h"
#include "indicators/ma_of_type.h"
#include "indicators/ring_buffer.h"

namespace pulse::indicators {

// TA-Lib's STOCHF: fast %K = 100 (close - lowest low) / (highest high - lowest low) over
// `fastk_period` bars (0 when the range is 0), fast %D = MA(fastd_period, fastd_type) of %K.
// Outputs: 0 fastk, 1 fastd. WarmUp = (fastk_period - 1) + MA lookback of %D.
// Lifecycle: built once, Update() per bar, Reset() to start over. Single-threaded value object;
// AddHighLowClose() feeds raw values (STOCHRSI feeds the RSI as all three).
class StochF final : public Indicator {
 public:
  StochF(int fastk_period, int fastd_period, MaOfType::Type fastd_type);

  void AddHighLowClose(double high, double low, double close);
  void Update(const Bar& bar) override { AddHighLowClose(bar.high, bar.low, bar.close); }
  void Reset() override;
  bool Ready() const override { return fastd_.Ready(); }
  int WarmUp() const override { return (fastk_period_ - 1) + fastd_.WarmUp(); }
  int NumOutputs() const override { return 2; }
  double Value(int index = 0) const override;

 private:
  int fastk_period_;
  MinMaxWindow highest_;
  MinMaxWindow lowest_;
  MaOfType fastd_;
  double fastk_ = kNaN;
  long long count_ = 0;
};

}  // namespace pulse::indicators
