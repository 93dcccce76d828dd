// RSI: Wilder's relative strength index, as TA-Lib computes it.
#pragma once

#include "indicators/indicator.h"

namespace pulse::indicators {

// Relative strength index over `period` bars of the close. The first value averages the first
// `period` gains and losses; later values use Wilder's smoothing
// avg = (avg * (period - 1) + x) / period. 100 * gain / (gain + loss), 0 when both are ~0.
// WarmUp = period (TA-Lib default compatibility, no unstable period).
// Single-threaded value object; Add() feeds a raw value for use inside other indicators.
class Rsi final : public Indicator {
 public:
  explicit Rsi(int period);

  void Add(double x);
  void Update(const Bar& bar) override { Add(bar.close); }
  void Reset() override;
  bool Ready() const override { return count_ > period_; }
  int WarmUp() const override { return period_; }
  double Value(int = 0) const override { return Ready() ? value_ : kNaN; }
  void UpdateInto(const Bar& bar, double* out) override {
    Update(bar);
    out[0] = Value();
  }
  double value() const { return value_; }
  double average_gain() const { return gain_; }  // valid once Ready()
  double average_loss() const { return loss_; }

 private:
  int period_;
  double prev_ = 0;
  double gain_ = 0;
  double loss_ = 0;
  double value_ = kNaN;
  long long count_ = 0;
};

// Chande momentum oscillator with TA-Lib's smoothing (the RSI's Wilder averages of gains and
// losses): 100 * (gain - loss) / (gain + loss), 0 when the sum is ~0. WarmUp = period.
// Single-threaded value object.
class Cmo final : public Indicator {
 public:
  explicit Cmo(int period) : rsi_(period) {}

  void Update(const Bar& bar) override;
  void Reset() override { rsi_.Reset(); }
  bool Ready() const override { return rsi_.Ready(); }
  int WarmUp() const override { return rsi_.WarmUp(); }
  double Value(int = 0) const override { return Ready() ? value_ : kNaN; }

 private:
  Rsi rsi_;
  double value_ = kNaN;
};

}  // namespace pulse::indicators
