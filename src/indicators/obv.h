// OBV: on-balance volume, as TA-Lib computes it.
#pragma once

#include "indicators/indicator.h"

namespace pulse::indicators {

// On-balance volume: starts at the first bar's volume (TA-Lib), then adds the bar's volume when
// the close rises, subtracts it when the close falls. WarmUp = 0. Single-threaded value object.
class Obv final : public Indicator {
 public:
  Obv() = default;

  void Update(const Bar& bar) override;
  void Reset() override;
  bool Ready() const override { return started_; }
  int WarmUp() const override { return 0; }
  double Value(int = 0) const override { return Ready() ? value_ : kNaN; }
  void UpdateInto(const Bar& bar, double* out) override {
    Update(bar);
    out[0] = Value();
  }
  double value() const { return value_; }

 private:
  bool started_ = false;
  double prev_close_ = 0;
  double value_ = kNaN;
};

}  // namespace pulse::indicators
