// MACDFIX: MACD with TA-Lib's fixed 12/26 smoothing factors (0.15 and 0.075).
#pragma once

#include "indicators/indicator.h"
#include "indicators/moving_averages.h"

namespace pulse::indicators {

// TA-Lib's MACDFIX(signal): line = EMA12 - EMA26 with the fixed k = 0.15 and 0.075 (not
// 2 / (n + 1)), signal = EMA(signal_period) of the line, hist = line - signal. `seed` selects
// TA-Lib's default SMA seeding, where the 12-bar EMA starts 14 bars after the 26-bar one so
// both first output on bar 25, or its Metastock mode, where all three EMAs start from their
// first input (both price EMAs from bar 0).
// Outputs: 0 macd, 1 signal, 2 hist. WarmUp = 25 + (signal_period - 1).
// Lifecycle: built once, Update()/Add() per bar, Reset() to start over. Single-threaded value
// object.
class MacdFix final : public Indicator {
 public:
  explicit MacdFix(int signal_period, EmaSeed seed = EmaSeed::kSma);

  void Add(double x);
  void Update(const Bar& bar) override { Add(bar.close); }
  void Reset() override;
  bool Ready() const override { return signal_.Ready(); }
  int WarmUp() const override { return slow_.WarmUp() + signal_.WarmUp(); }
  int NumOutputs() const override { return 3; }
  double Value(int index = 0) const override;

 private:
  int skip_;  // bars the fast EMA ignores
  Ema fast_;
  Ema slow_;
  Ema signal_;
  double macd_ = kNaN;
  long long count_ = 0;
};

}  // namespace pulse::indicators
