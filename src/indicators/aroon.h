// Aroon up/down and the Aroon oscillator: how many bars ago the recent high and low were set.
#pragma once

#include "indicators/indicator.h"
#include "indicators/ring_buffer.h"

namespace pulse::indicators {

// TA-Lib's AROON over `period` + 1 bars (today and the `period` before it): up = 100 (period -
// bars since the highest high) / period, down the same with the lowest low; ties go to the newest
// bar. Outputs in TA-Lib's order: 0 down, 1 up, then 2 osc = up - down (TA-Lib's AROONOSC).
// WarmUp = period. Single-threaded value object.
class Aroon final : public Indicator {
 public:
  explicit Aroon(int period);

  void Update(const Bar& bar) override;
  void Reset() override;
  bool Ready() const override { return count_ > period_; }
  int WarmUp() const override { return period_; }
  int NumOutputs() const override { return 3; }
  double Value(int index = 0) const override;
  void UpdateInto(const Bar& bar, double* out) override;
  double up() const { return up_; }
  double down() const { return down_; }
  double osc() const { return osc_; }
  int RangeWindows(int* windows) const override;
  void AttachRange(const SharedRange* range) override;

 private:
  int period_;
  double factor_;
  MinMaxWindow highest_;
  MinMaxWindow lowest_;
  const SharedRange* range_ = nullptr;  // when set, read instead of the two windows
  int range_slot_ = 0;
  double up_ = kNaN, down_ = kNaN, osc_ = kNaN;
  long long count_ = 0;
};

// TA-Lib's AROONOSC alone: Aroon up - Aroon down. WarmUp = period. Single-threaded value object.
class AroonOsc final : public Indicator {
 public:
  explicit AroonOsc(int period) : aroon_(period) {}

  void Update(const Bar& bar) override { aroon_.Update(bar); }
  void Reset() override { aroon_.Reset(); }
  bool Ready() const override { return aroon_.Ready(); }
  int WarmUp() const override { return aroon_.WarmUp(); }
  double Value(int = 0) const override { return aroon_.Value(2); }

 private:
  Aroon aroon_;
};

}  // namespace pulse::indicators
