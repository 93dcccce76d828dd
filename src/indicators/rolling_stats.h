// Rolling statistics of the close over a window of bars: TA-Lib's SUM, VAR and AVGDEV.
#pragma once

#include "indicators/indicator.h"
#include "indicators/ring_buffer.h"

namespace pulse::indicators {

// Sum of the last `period` values (TA-Lib's SUM: running total, the value leaving the window
// subtracted after each output). WarmUp = period - 1.
// Lifecycle: built once, Update()/Add() per bar, Reset() to start over. Single-threaded value
// object.
class RollingSum final : public Indicator {
 public:
  explicit RollingSum(int period);

  void Add(double x);
  void Update(const Bar& bar) override { Add(bar.close); }
  void Reset() override;
  bool Ready() const override { return count_ >= period_; }
  int WarmUp() const override { return period_ - 1; }
  double Value(int = 0) const override { return Ready() ? value_ : kNaN; }

 private:
  int period_;
  RingBuffer window_;
  double total_ = 0;
  double value_ = kNaN;
  long long count_ = 0;
};

// Population variance of the last `period` values, TA-Lib's VAR: mean(x^2) - mean(x)^2 from
// running sums of x and x^2 (no clamping: tiny negative values are possible on flat data, as in
// TA-Lib). TA-Lib's VAR takes an nb_dev option and ignores it; so does this class.
// WarmUp = period - 1. Single-threaded value object.
class Variance final : public Indicator {
 public:
  explicit Variance(int period);

  void Add(double x);
  void Update(const Bar& bar) override { Add(bar.close); }
  void Reset() override;
  bool Ready() const override { return count_ >= period_; }
  int WarmUp() const override { return period_ - 1; }
  double Value(int = 0) const override { return Ready() ? value_ : kNaN; }

 private:
  int period_;
  RingBuffer window_;
  double total1_ = 0;  // sum of x
  double total2_ = 0;  // sum of x^2
  double value_ = kNaN;
  long long count_ = 0;
};

// Average absolute deviation from the mean over the last `period` values, TA-Lib's AVGDEV:
// sum |x - mean| / period. Like TA-Lib (and CCI's mean deviation) the deviations are summed
// afresh on every bar: O(period) per bar, no allocation. WarmUp = period - 1.
// Single-threaded value object.
class AvgDev final : public Indicator {
 public:
  explicit AvgDev(int period);

  void Add(double x);
  void Update(const Bar& bar) override { Add(bar.close); }
  void Reset() override;
  bool Ready() const override { return window_.Full(); }
  int WarmUp() const override { return period_ - 1; }
  double Value(int = 0) const override { return Ready() ? value_ : kNaN; }

 private:
  int period_;
  RingBuffer window_;
  double value_ = kNaN;
};

}  // namespace pulse::indicators
