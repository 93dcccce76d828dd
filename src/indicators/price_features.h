// Price features of single bars and of consecutive closes: change, percent change, log return,
// bar range, range in percent of the close and the close's position inside the bar's range.
#pragma once

#include "indicators/indicator.h"

namespace pulse::indicators {

// One-bar change of the close, in one of three forms (c = close, p = previous close):
//   kChange  c - p
//   kPercent 100 * (c - p) / p, 0 when p is 0 (as TA-Lib's ROC)
//   kLog     ln(c / p), 0 when c or p is not positive
// WarmUp = 1 (the first bar has no previous close).
// Lifecycle: built once, updated bar by bar, Reset() to start over. Single-threaded value
// object; Add() feeds a raw value for use inside other indicators.
class PriceChange final : public Indicator {
 public:
  enum class Kind { kChange, kPercent, kLog };

  explicit PriceChange(Kind kind) : kind_(kind) {}

  void Add(double x);
  void Update(const Bar& bar) override { Add(bar.close); }
  void Reset() override;
  bool Ready() const override { return count_ > 1; }
  int WarmUp() const override { return 1; }
  double Value(int = 0) const override { return Ready() ? value_ : kNaN; }
  void UpdateInto(const Bar& bar, double* out) override {
    Add(bar.close);
    out[0] = Value();
  }
  double value() const { return value_; }

 private:
  Kind kind_;
  double prev_ = 0;
  double value_ = kNaN;
  long long count_ = 0;
};

// Features of the bar itself (h = high, l = low, c = close):
//   kRange         h - l
//   kPercent       100 * (h - l) / c, 0 when c is 0 (the close as base, as NATR)
//   kClosePosition (c - l) / (h - l), 0 at the low, 1 at the high, 0.5 when h == l
// WarmUp = 0. Lifecycle: built once, updated bar by bar, Reset() to start over.
// Single-threaded value object.
class BarRange final : public Indicator {
 public:
  enum class Kind { kRange, kPercent, kClosePosition };

  explicit BarRange(Kind kind) : kind_(kind) {}

  void Update(const Bar& bar) override;
  void Reset() override {
    value_ = kNaN;
    ready_ = false;
  }
  bool Ready() const override { return ready_; }
  int WarmUp() const override { return 0; }
  double Value(int = 0) const override { return value_; }

 private:
  Kind kind_;
  double value_ = kNaN;
  bool ready_ = false;
};

}  // namespace pulse::indicators
