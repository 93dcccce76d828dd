// Moving averages with TA-Lib's conventions: SMA, EMA (seeded with the SMA of the first
// `period` values) and WMA (linear weights 1..period, newest heaviest).
#pragma once

#include "indicators/indicator.h"
#include "indicators/ring_buffer.h"

namespace pulse::indicators {

// Simple moving average of the close over `period` bars. WarmUp = period - 1.
// Single-threaded value object; Add() feeds a raw value for use inside other indicators.
class Sma final : public Indicator {
 public:
  explicit Sma(int period);

  void Add(double x);
  void Update(const Bar& bar) override { Add(bar.close); }
  void Reset() override;
  bool Ready() const override { return count_ >= period_; }
  int WarmUp() const override { return period_ - 1; }
  double Value(int = 0) const override { return Ready() ? value_ : kNaN; }
  void UpdateInto(const Bar& bar, double* out) override {
    Update(bar);
    out[0] = Value();
  }
  double value() const { return value_; }
  int period() const { return period_; }

 private:
  int period_;
  RingBuffer window_;
  double sum_ = 0;
  double value_ = kNaN;
  long long count_ = 0;
};

// How an EMA gets its first value: TA-Lib's default (the SMA of the first `period` values) or
// TA-Lib's Metastock compatibility mode (the first value itself).
enum class EmaSeed { kSma, kFirstValue };

// Exponential moving average, k = 2 / (period + 1), seeded with the SMA of the first `period`
// values (TA-Lib's default, not Metastock's). WarmUp = period - 1 (+ `extra_warm_up`, TA-Lib's
// unstable period, when given).
// Single-threaded value object; Add() feeds a raw value for use inside other indicators.
class Ema final : public Indicator {
 public:
  explicit Ema(int period);
  // An EMA with an explicit smoothing factor `k` (still seeded with the SMA of `period`).
  Ema(int period, double k);
  // Full control: smoothing `k`, the seeding rule and extra warm-up bars.
  Ema(int period, double k, EmaSeed seed, int extra_warm_up);

  // Inline: MACD and the other composites call it several times per bar.
  void Add(double x) {
    ++count_;
    if (seed_ == EmaSeed::kFirstValue) {
      value_ = count_ == 1 ? x : (x - value_) * k_ + value_;
    } else if (count_ < period_) {
      sum_ += x;
    } else if (count_ == period_) {
      sum_ += x;
      value_ = sum_ / period_;
    } else {
      value_ = (x - value_) * k_ + value_;
    }
  }
  void Update(const Bar& bar) override { Add(bar.close); }
  void Reset() override;
  bool Ready() const override { return count_ > warm_up_; }
  int WarmUp() const override { return warm_up_; }
  double Value(int = 0) const override { return Ready() ? value_ : kNaN; }
  void UpdateInto(const Bar& bar, double* out) override {
    Update(bar);
    out[0] = Value();
  }
  double value() const { return value_; }
  int period() const { return period_; }

 private:
  int period_;
  double k_;
  EmaSeed seed_;
  int warm_up_;
  double sum_ = 0;
  double value_ = kNaN;
  long long count_ = 0;
};

// Linearly weighted moving average over `period` bars: weights 1..period, the newest value
// weighted `period`, divided by period * (period + 1) / 2. WarmUp = period - 1.
// Single-threaded value object.
class Wma final : public Indicator {
 public:
  explicit Wma(int period);

  void Add(double x);
  void Update(const Bar& bar) override { Add(bar.close); }
  void Reset() override;
  bool Ready() const override { return count_ >= period_; }
  int WarmUp() const override { return period_ - 1; }
  double Value(int = 0) const override { return Ready() ? value_ : kNaN; }
  double value() const { return value_; }

 private:
  int period_;
  double divider_;
  RingBuffer window_;
  double period_sum_ = 0;  // weighted sum
  double period_sub_ = 0;  // plain sum
  double trailing_ = 0;
  double value_ = kNaN;
  long long count_ = 0;
};

}  // namespace pulse::indicators
