// MACDEXT: MACD with a moving-average type of choice for each of its three averages (TA-Lib).
#pragma once

#include "indicators/indicator.h"
#include "indicators/ma_of_type.h"

namespace pulse::indicators {

// TA-Lib's MACDEXT: line = MA(fast, fast_type) - MA(slow, slow_type), signal = MA(signal,
// signal_type) of the line, hist = line - signal. As TA-Lib: fast and slow (with their types)
// are swapped when slow < fast, and each of the two averages starts late by the difference
// between the larger lookback and its own, so both first output on the same bar.
// Outputs: 0 macd, 1 signal, 2 hist. WarmUp = max(fast, slow MA lookback) + signal lookback.
// Lifecycle: built once, Update()/Add() per bar, Reset() to start over. Single-threaded value
// object.
class MacdExt final : public Indicator {
 public:
  MacdExt(int fast_period, MaOfType::Type fast_type, int slow_period, MaOfType::Type slow_type,
          int signal_period, MaOfType::Type signal_type);

  void Add(double x);
  void Update(const Bar& bar) override { Add(bar.close); }
  void Reset() override;
  bool Ready() const override { return signal_.Ready(); }
  int WarmUp() const override { return largest_ + signal_.WarmUp(); }
  int NumOutputs() const override { return 3; }
  double Value(int index = 0) const override;

 private:
  MaOfType fast_;
  MaOfType slow_;
  MaOfType signal_;
  int largest_;    // the larger of the fast and slow lookbacks
  int skip_fast_;  // bars each average ignores
  int skip_slow_;
  double macd_ = kNaN;
  long long count_ = 0;
};

}  // namespace pulse::indicators
