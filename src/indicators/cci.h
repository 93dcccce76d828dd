// CCI: Lambert's commodity channel index, as TA-Lib computes it.
#pragma once

#include "indicators/fixed_array.h"
#include "indicators/indicator.h"

namespace pulse::indicators {

// Commodity channel index over `period` bars of the typical price tp = (high + low + close) / 3:
// (tp - mean) / (0.015 * mean absolute deviation), 0 when either part is 0. The mean deviation
// needs a pass over the window: Update() is O(period) (two passes, summed oldest first so the
// result does not depend on where the ring starts), with no allocation. The ring keeps every
// value twice (at i and i + period), so the window oldest first is always one contiguous run.
// WarmUp = period - 1. Single-threaded value object.
class Cci final : public Indicator {
 public:
  explicit Cci(int period);

  void Update(const Bar& bar) override;
  void Reset() override;
  bool Ready() const override { return size_ == period_; }
  int WarmUp() const override { return period_ - 1; }
  double Value(int = 0) const override { return Ready() ? value_ : kNaN; }
  void UpdateInto(const Bar& bar, double* out) override {
    Update(bar);
    out[0] = Value();
  }

 private:
  int period_;
  FixedArray<double> window_;  // 2 * period: slot i and its copy at i + period
  int head_ = 0;               // the next slot written, the oldest value once full
  int size_ = 0;
  double value_ = kNaN;
};

}  // namespace pulse::indicators
