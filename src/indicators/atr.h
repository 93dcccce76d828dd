// True range and average true range (Wilder), as TA-Lib computes them.
#pragma once

#include "indicators/indicator.h"

namespace pulse::indicators {

// True range: max(high, previous close) - min(low, previous close). Needs a previous bar, so
// WarmUp = 1 (TA-Lib's TRANGE). Single-threaded value object.
class TRange final : public Indicator {
 public:
  TRange() = default;

  void Update(const Bar& bar) override;
  void Reset() override;
  bool Ready() const override { return count_ >= 2; }
  int WarmUp() const override { return 1; }
  double Value(int = 0) const override { return Ready() ? value_ : kNaN; }
  double value() const { return value_; }

 private:
  double prev_close_ = 0;
  double value_ = kNaN;
  long long count_ = 0;
};

// Average true range over `period` bars: the first value is the plain mean of the first `period`
// true ranges (bars 1..period), then Wilder's smoothing atr = (atr * (period - 1) + tr) / period,
// computed as atr * keep + tr * weight with keep = (period - 1) / period and weight = 1 / period
// rounded once (no division on the bar-to-bar chain; within ~1e-14 relative of TA-Lib's
// division, the errors do not grow). WarmUp = period (1 when period is 1: then it is the true
// range). Single-threaded value object.
class Atr final : public Indicator {
 public:
  explicit Atr(int period);

  void Update(const Bar& bar) override;
  void Reset() override;
  bool Ready() const override { return tr_count_ >= period_; }
  int WarmUp() const override { return period_; }
  double Value(int = 0) const override { return Ready() ? value_ : kNaN; }
  void UpdateInto(const Bar& bar, double* out) override {
    Update(bar);
    out[0] = Value();
  }
  double value() const { return value_; }

 private:
  int period_;
  double keep_;    // (period - 1) / period
  double weight_;  // 1 / period
  TRange tr_;
  double sum_ = 0;
  double value_ = kNaN;
  long long tr_count_ = 0;
};

// Normalised ATR: 100 * ATR / close, 0 when the close is 0. WarmUp = period.
// Single-threaded value object.
class Natr final : public Indicator {
 public:
  explicit Natr(int period) : atr_(period) {}

  void Update(const Bar& bar) override {
    atr_.Update(bar);
    if (atr_.Ready()) value_ = bar.close != 0.0 ? (atr_.value() / bar.close) * 100.0 : 0.0;
  }
  void Reset() override {
    atr_.Reset();
    value_ = kNaN;
  }
  bool Ready() const override { return atr_.Ready(); }
  int WarmUp() const override { return atr_.WarmUp(); }
  double Value(int = 0) const override { return Ready() ? value_ : kNaN; }
  void UpdateInto(const Bar& bar, double* out) override {
    Update(bar);
    out[0] = Value();
  }

 private:
  Atr atr_;
  double value_ = kNaN;
};

}  // namespace pulse::indicators
