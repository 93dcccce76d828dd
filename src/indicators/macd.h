// MACD: moving average convergence/divergence (line, signal, histogram), as TA-Lib computes it.
#pragma once

#include "indicators/indicator.h"
#include "indicators/moving_averages.h"

namespace pulse::indicators {

// MACD(fast, slow, signal): line = EMA(fast) - EMA(slow), signal = EMA(signal) of the line,
// hist = line - signal. As TA-Lib: the periods are swapped when slow < fast, and the fast EMA
// starts (is SMA-seeded) `slow - fast` bars late so both EMAs first output on the same bar.
// Outputs: 0 macd, 1 signal, 2 hist. WarmUp = (slow - 1) + (signal - 1).
// Single-threaded value object.
class Macd final : public Indicator {
 public:
  Macd(int fast_period, int slow_period, int signal_period);
  // TA-Lib's MACDFIX(signal): EMA12 - EMA26 with the fixed k = 0.15 and 0.075 (not 2 / (n + 1)).
  // `seed` selects TA-Lib's default SMA seeding, where the 12-bar EMA starts 14 bars after the
  // 26-bar one, or its Metastock mode, where all three EMAs start from their first input (both
  // price EMAs from bar 0). WarmUp = 25 + (signal - 1) with SMA seeding.
  static Macd Fixed(int signal_period, EmaSeed seed = EmaSeed::kSma);

  void Add(double x);
  void Update(const Bar& bar) override { Add(bar.close); }
  void Reset() override;
  bool Ready() const override { return signal_.Ready(); }
  int WarmUp() const override { return slow_.WarmUp() + signal_.WarmUp(); }
  int NumOutputs() const override { return 3; }
  double Value(int index = 0) const override;
  void UpdateInto(const Bar& bar, double* out) override;
  double macd() const { return macd_; }
  double signal() const { return signal_.value(); }
  double hist() const { return macd_ - signal_.value(); }

 private:
  Macd(int skip, Ema fast, Ema slow, Ema signal);

  int skip_;  // bars the fast EMA ignores
  Ema fast_;
  Ema slow_;
  Ema signal_;
  double macd_ = kNaN;
  long long count_ = 0;
};

}  // namespace pulse::indicators
