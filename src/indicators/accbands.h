// ACCBANDS: Headley's acceleration bands, as TA-Lib 0.6 computes them.
#pragma once

#include "indicators/indicator.h"
#include "indicators/moving_averages.h"

namespace pulse::indicators {

// Acceleration bands over `period` bars: with r = 4 (high - low) / (high + low) per bar,
// upper = SMA(high (1 + r)), middle = SMA(close), lower = SMA(low (1 - r)); a bar with
// high + low ~0 (1e-14) contributes its plain high and low.
// Outputs: 0 upper, 1 middle, 2 lower (TA-Lib's order). WarmUp = period - 1.
// Lifecycle: built once, Update() per bar, Reset() to start over. Single-threaded value object.
class AccBands final : public Indicator {
 public:
  explicit AccBands(int period);

  void Update(const Bar& bar) override;
  void Reset() override;
  bool Ready() const override { return middle_.Ready(); }
  int WarmUp() const override { return middle_.WarmUp(); }
  int NumOutputs() const override { return 3; }
  double Value(int index = 0) const override;

 private:
  Sma upper_;
  Sma middle_;
  Sma lower_;
};

}  // namespace pulse::indicators
