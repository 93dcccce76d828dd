// Awesome oscillator (Bill Williams): fast SMA - slow SMA of the median price.
#pragma once

#include "indicators/indicator.h"
#include "indicators/moving_averages.h"

namespace pulse::indicators {

// Awesome oscillator: SMA(fast) - SMA(slow) of the median price (high + low) / 2, 5 and 34 by
// default (Tulip's ao, which has them fixed). WarmUp = max(fast, slow) - 1. Built once, updated
// bar by bar, Reset() to reuse. Single-threaded value object.
class Ao final : public Indicator {
 public:
  Ao(int fast_period, int slow_period);

  void Update(const Bar& bar) override;
  void Reset() override;
  bool Ready() const override { return fast_.Ready() && slow_.Ready(); }
  int WarmUp() const override {
    return fast_.WarmUp() > slow_.WarmUp() ? fast_.WarmUp() : slow_.WarmUp();
  }
  double Value(int = 0) const override { return Ready() ? fast_.value() - slow_.value() : kNaN; }

 private:
  Sma fast_;
  Sma slow_;
};

}  // namespace pulse::indicators
