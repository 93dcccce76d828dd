// Stochastic oscillator and Williams %R: where the close sits in the recent high-low range.
#pragma once

#include "indicators/indicator.h"
#include "indicators/moving_averages.h"
#include "indicators/ring_buffer.h"

namespace pulse::indicators {

// Slow stochastic as TA-Lib's STOCH with SMA smoothing: fast %K = 100 * (close - lowest low) /
// (highest high - lowest low) over `fastk_period` bars (0 when the range is 0); slow %K =
// SMA(slowk_period) of fast %K; %D = SMA(slowd_period) of slow %K.
// Outputs: 0 k (slow %K), 1 d. WarmUp = (fastk - 1) + (slowk - 1) + (slowd - 1).
// Single-threaded value object.
class Stoch final : public Indicator {
 public:
  Stoch(int fastk_period, int slowk_period, int slowd_period);

  void Update(const Bar& bar) override;
  void Reset() override;
  bool Ready() const override { return slowd_.Ready(); }
  int WarmUp() const override { return (fastk_period_ - 1) + slowk_.WarmUp() + slowd_.WarmUp(); }
  int NumOutputs() const override { return 2; }
  double Value(int index = 0) const override;
  void UpdateInto(const Bar& bar, double* out) override;
  double k() const { return slowk_.value(); }
  double d() const { return slowd_.value(); }
  int RangeWindows(int* windows) const override;
  void AttachRange(const SharedRange* range) override;

 private:
  int fastk_period_;
  MinMaxWindow highest_;
  MinMaxWindow lowest_;
  const SharedRange* range_ = nullptr;  // when set, read instead of the two windows
  int range_slot_ = 0;
  Sma slowk_;
  Sma slowd_;
  long long count_ = 0;
};

// Williams %R over `period` bars: -100 * (highest high - close) / (highest high - lowest low),
// 0 when the range is 0. WarmUp = period - 1. Single-threaded value object.
class WillR final : public Indicator {
 public:
  explicit WillR(int period);

  void Update(const Bar& bar) override;
  void Reset() override;
  bool Ready() const override { return count_ >= period_; }
  int WarmUp() const override { return period_ - 1; }
  double Value(int = 0) const override { return Ready() ? value_ : kNaN; }
  void UpdateInto(const Bar& bar, double* out) override {
    Update(bar);
    out[0] = Value();
  }
  double value() const { return value_; }
  int RangeWindows(int* windows) const override;
  void AttachRange(const SharedRange* range) override;

 private:
  int period_;
  MinMaxWindow highest_;
  MinMaxWindow lowest_;
  const SharedRange* range_ = nullptr;  // when set, read instead of the two windows
  int range_slot_ = 0;
  double value_ = kNaN;
  long long count_ = 0;
};

}  // namespace pulse::indicators
