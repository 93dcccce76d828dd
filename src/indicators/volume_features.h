// Volume indicators TA-Lib lacks: Chaikin money flow, Elder's force index, ease of movement,
// bar-to-bar volume change and volume relative to its moving average.
#pragma once

#include "indicators/indicator.h"
#include "indicators/moving_averages.h"
#include "indicators/ring_buffer.h"

namespace pulse::indicators {

// Chaikin money flow over `period` bars: sum(money flow volume) / sum(volume), where money flow
// volume = ((close - low) - (high - close)) / (high - low) * volume (0 for a bar with high = low).
// 0 when every bar of the window has zero volume. Between -1 and 1. WarmUp = period - 1.
// Built once, updated bar by bar (running sums, O(1)), Reset() to reuse. Single-threaded.
class Cmf final : public Indicator {
 public:
  explicit Cmf(int period);

  void Update(const Bar& bar) override;
  void Reset() override;
  bool Ready() const override { return count_ >= period_; }
  int WarmUp() const override { return period_ - 1; }
  double Value(int = 0) const override { return Ready() ? value_ : kNaN; }

 private:
  int period_;
  RingBuffer flows_;
  RingBuffer volumes_;
  double flow_sum_ = 0;
  double volume_sum_ = 0;
  int nonzero_volumes_ = 0;  // exact zero test, immune to rounding in the running sum
  double value_ = kNaN;
  long long count_ = 0;
};

// Elder's force index: EMA(period) of (close - previous close) * volume. The raw force starts
// at bar 1; the EMA is Pulse's (TA-Lib's) SMA-seeded one, so WarmUp = period. Built once,
// updated bar by bar, Reset() to reuse. Single-threaded value object.
class ForceIndex final : public Indicator {
 public:
  explicit ForceIndex(int period) : ema_(period) {}

  void Update(const Bar& bar) override;
  void Reset() override;
  bool Ready() const override { return ema_.Ready(); }
  int WarmUp() const override { return ema_.WarmUp() + 1; }
  double Value(int = 0) const override { return Ready() ? ema_.value() : kNaN; }

 private:
  Ema ema_;
  double prev_close_ = 0;
  long long count_ = 0;
};

// Ease of movement, Tulip's emv scaling: raw = (mid - previous mid) * (high - low) * divisor /
// volume with mid = (high + low) / 2 and divisor 10000 by default (Arms' "box ratio" volume /
// 10000 / (high - low)); 0 for a bar with zero volume. The result is the SMA(period) of the raw
// values, which start at bar 1; period 1 gives Tulip's unsmoothed emv. WarmUp = period.
// Built once, updated bar by bar, Reset() to reuse. Single-threaded value object.
class Eom final : public Indicator {
 public:
  Eom(int period, double divisor) : divisor_(divisor), sma_(period) {}

  void Update(const Bar& bar) override;
  void Reset() override;
  bool Ready() const override { return sma_.Ready(); }
  int WarmUp() const override { return sma_.WarmUp() + 1; }
  double Value(int = 0) const override { return Ready() ? sma_.value() : kNaN; }

 private:
  double divisor_;
  Sma sma_;
  double prev_mid_ = 0;
  long long count_ = 0;
};

// Volume change in percent against the previous bar: 100 * (volume / previous volume - 1), 0
// when the previous volume is 0. WarmUp = 1. Single-threaded value object.
class VolumeChange final : public Indicator {
 public:
  VolumeChange() = default;

  void Update(const Bar& bar) override;
  void Reset() override;
  bool Ready() const override { return count_ >= 2; }
  int WarmUp() const override { return 1; }
  double Value(int = 0) const override { return Ready() ? value_ : kNaN; }

 private:
  double prev_volume_ = 0;
  double value_ = kNaN;
  long long count_ = 0;
};

// Volume relative to its average: volume / SMA(period) of the volume, the current bar included
// in the average; 0 when the average is 0. 1 means an average bar. WarmUp = period - 1.
// Built once, updated bar by bar, Reset() to reuse. Single-threaded value object.
class VolumeRatio final : public Indicator {
 public:
  explicit VolumeRatio(int period) : sma_(period) {}

  void Update(const Bar& bar) override;
  void Reset() override;
  bool Ready() const override { return sma_.Ready(); }
  int WarmUp() const override { return sma_.WarmUp(); }
  double Value(int = 0) const override { return Ready() ? value_ : kNaN; }
  void UpdateInto(const Bar& bar, double* out) override {
    Update(bar);
    out[0] = Value();
  }

 private:
  Sma sma_;
  double value_ = kNaN;
};

}  // namespace pulse::indicators
