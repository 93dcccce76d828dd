// Donchian channel: the highest high and lowest low of the last n bars.
#pragma once

#include "indicators/indicator.h"
#include "indicators/ring_buffer.h"

namespace pulse::indicators {

// Donchian channel over `period` bars, the current bar included: upper = highest high,
// lower = lowest low, middle = (upper + lower) / 2. Outputs: 0 upper, 1 middle, 2 lower.
// WarmUp = period - 1. Monotonic-queue windows, O(1) amortised. Built once, updated bar by bar,
// Reset() to reuse. Single-threaded value object.
class Donchian final : public Indicator {
 public:
  explicit Donchian(int period);

  void Update(const Bar& bar) override;
  void Reset() override;
  bool Ready() const override { return count_ >= period_; }
  int WarmUp() const override { return period_ - 1; }
  int NumOutputs() const override { return 3; }
  double Value(int index = 0) const override;

 private:
  int period_;
  MinMaxWindow highest_;
  MinMaxWindow lowest_;
  long long count_ = 0;
};

}  // namespace pulse::indicators
