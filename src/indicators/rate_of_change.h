// Rate-of-change ratios of the close against the close `period` bars ago: TA-Lib's ROCP, ROCR
// and ROCR100 (ROC in percent and MOM are in momentum.h).
#pragma once

#include "indicators/indicator.h"
#include "indicators/ring_buffer.h"

namespace pulse::indicators {

// With p = the close `period` bars ago: kRocp (x - p) / p, kRocr x / p, kRocr100 100 x / p;
// 0 when p is exactly 0 (TA-Lib). WarmUp = period.
// Lifecycle: built once, Update()/Add() per bar, Reset() to start over. Single-threaded value
// object.
class RateOfChange final : public Indicator {
 public:
  enum class Kind { kRocp, kRocr, kRocr100 };

  RateOfChange(Kind kind, int period);

  void Add(double x);
  void Update(const Bar& bar) override { Add(bar.close); }
  void Reset() override;
  bool Ready() const override { return window_.Full(); }
  int WarmUp() const override { return period_; }
  double Value(int = 0) const override { return Ready() ? value_ : kNaN; }

 private:
  Kind kind_;
  int period_;
  RingBuffer window_;  // period + 1 values
  double value_ = kNaN;
};

}  // namespace pulse::indicators
