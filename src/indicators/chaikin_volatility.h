// Chaikin volatility: rate of change of an EMA of the high-low range (Tulip's cvi).
#pragma once

#include "indicators/indicator.h"
#include "indicators/moving_averages.h"
#include "indicators/ring_buffer.h"

namespace pulse::indicators {

// Chaikin volatility with Tulip's conventions: e = EMA(period) of high - low with
// k = 2 / (period + 1), seeded with bar 0's range (not an SMA); the output at bar t is
// 100 * (e[t] - e[t - period]) / e[t - period], 0 when e[t - period] is 0. Tulip waits for the
// EMA to settle for period - 1 bars first, so WarmUp = 2 period - 1. Built once, updated bar by
// bar, Reset() to reuse. Single-threaded value object.
class ChaikinVolatility final : public Indicator {
 public:
  explicit ChaikinVolatility(int period);

  void Update(const Bar& bar) override;
  void Reset() override;
  bool Ready() const override { return count_ > WarmUp(); }
  int WarmUp() const override { return 2 * period_ - 1; }
  double Value(int = 0) const override { return Ready() ? value_ : kNaN; }

 private:
  int period_;
  Ema ema_;
  RingBuffer history_;  // the last period + 1 EMA values
  double value_ = kNaN;
  long long count_ = 0;
};

}  // namespace pulse::indicators
