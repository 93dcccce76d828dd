// CCI: Lambert's commodity channel index, as TA-Lib computes it.
#pragma once

#include "indicators/indicator.h"
#include "indicators/ring_buffer.h"

namespace pulse::indicators {

// Commodity channel index over `period` bars of the typical price tp = (high + low + close) / 3:
// (tp - mean) / (0.015 * mean absolute deviation), 0 when either part is 0. The mean deviation
// needs a pass over the window: Update() is O(period) (two passes over contiguous memory, summed
// oldest first so the result does not depend on where the ring starts), with no allocation.
// WarmUp = period - 1. Single-threaded value object.
class Cci final : public Indicator {
 public:
  explicit Cci(int period);

  void Update(const Bar& bar) override;
  void Reset() override;
  bool Ready() const override { return window_.Full(); }
  int WarmUp() const override { return period_ - 1; }
  double Value(int = 0) const override { return Ready() ? value_ : kNaN; }
  void UpdateInto(const Bar& bar, double* out) override {
    Update(bar);
    out[0] = Value();
  }

 private:
  int period_;
  RingBuffer window_;
  double value_ = kNaN;
};

}  // namespace pulse::indicators
