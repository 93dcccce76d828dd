// Momentum (MOM) and rate of change (ROC): the close against the close `period` bars ago.
#pragma once

#include "indicators/indicator.h"
#include "indicators/ring_buffer.h"

namespace pulse::indicators {

// MOM: close - close[period bars ago]. WarmUp = period. Single-threaded value object.
class Mom final : public Indicator {
 public:
  explicit Mom(int period);

  void Add(double x);
  void Update(const Bar& bar) override { Add(bar.close); }
  void Reset() override;
  bool Ready() const override { return window_.Full(); }
  int WarmUp() const override { return period_; }
  double Value(int = 0) const override { return Ready() ? value_ : kNaN; }
  void UpdateInto(const Bar& bar, double* out) override {
    Update(bar);
    out[0] = Value();
  }
  double value() const { return value_; }

 private:
  int period_;
  RingBuffer window_;  // period + 1 values
  double value_ = kNaN;
};

// ROC: (close / close[period bars ago] - 1) * 100, 0 when the old close is 0 (TA-Lib).
// WarmUp = period. Single-threaded value object.
class Roc final : public Indicator {
 public:
  explicit Roc(int period);

  void Add(double x);
  void Update(const Bar& bar) override { Add(bar.close); }
  void Reset() override;
  bool Ready() const override { return window_.Full(); }
  int WarmUp() const override { return period_; }
  double Value(int = 0) const override { return Ready() ? value_ : kNaN; }
  void UpdateInto(const Bar& bar, double* out) override {
    Update(bar);
    out[0] = Value();
  }
  double value() const { return value_; }

 private:
  int period_;
  RingBuffer window_;  // period + 1 values
  double value_ = kNaN;
};

}  // namespace pulse::indicators
