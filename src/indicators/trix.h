// TRIX: one-bar rate of change of a triple-smoothed EMA.
#pragma once

#include "indicators/indicator.h"
#include "indicators/moving_averages.h"

namespace pulse::indicators {

// TA-Lib's TRIX: three chained SMA-seeded EMAs of the close (each starting on the previous one's
// first output), then 100 * (ema3 / previous ema3 - 1), 0 when the previous value is 0.
// WarmUp = 3 * (period - 1) + 1. Single-threaded value object.
class Trix final : public Indicator {
 public:
  explicit Trix(int period);

  void Add(double x);
  void Update(const Bar& bar) override { Add(bar.close); }
  void Reset() override;
  bool Ready() const override { return count_ > WarmUp(); }
  int WarmUp() const override { return 3 * (ema1_.period() - 1) + 1; }
  double Value(int = 0) const override { return Ready() ? value_ : kNaN; }

 private:
  Ema ema1_;
  Ema ema2_;
  Ema ema3_;
  double prev_ = kNaN;
  double value_ = kNaN;
  long long count_ = 0;
};

}  // namespace pulse::indicators
