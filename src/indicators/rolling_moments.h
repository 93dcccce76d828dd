// Rolling moments of a window of values (mean and central sums of powers 2..4) kept in O(1)
// amortised per value, and the indicators built on them: z-score of the close, and the
// bias-corrected skewness and excess kurtosis of log returns (pandas' rolling skew()/kurt()).
#pragma once

#include "indicators/indicator.h"
#include "indicators/price_features.h"
#include "indicators/ring_buffer.h"

namespace pulse::indicators {

// Mean and central sums sum((x - mean)^p), p = 2, 3, 4, of the last `window` values pushed.
// Keeps running sums of (x - shift)^p with the shift near the window's mean, and recomputes them
// from the window (with the shift moved to the current mean) once every `window` pushes, and
// early when the mean has moved far from the shift relative to the spread (a jump to a quiet new
// level), so rounding errors neither cancel catastrophically nor accumulate: O(1) amortised per
// Push() (the early rebuild only follows such jumps).
// Lifecycle: memory allocated in the constructor; Clear() to start over. Single-threaded value
// object; an internal helper of the indicators module.
class RollingMoments {
 public:
  explicit RollingMoments(int window);

  // Adds `x`; the oldest value leaves once the window is full.
  void Push(double x);
  void Clear();
  int Size() const { return values_.Size(); }
  bool Full() const { return values_.Full(); }
  const RingBuffer& values() const { return values_; }

  // Over the values in the window (at least one).
  double Mean() const { return shift_ + s1_ / Size(); }
  double CentralSum2() const;
  double CentralSum3() const;
  double CentralSum4() const;
  // x - Mean() computed with the shift (no cancellation against a large mean).
  double Deviation(double x) const { return (x - shift_) - s1_ / Size(); }

 private:
  void Rebase();

  RingBuffer values_;
  double shift_ = 0;
  double s1_ = 0;
  double s2_ = 0;
  double s3_ = 0;
  double s4_ = 0;
  int since_rebase_ = 0;
};

// Z-score of the close over `period` bars (the current one included):
// (close - mean) / s with s the sample standard deviation (n - 1, as pandas' rolling std), 0
// when the sample variance is below 1e-14. WarmUp = period - 1.
// Lifecycle: built once, updated bar by bar, Reset() to start over. Single-threaded value
// object; Add() feeds a raw value.
class ZScore final : public Indicator {
 public:
  explicit ZScore(int period) : period_(period), moments_(period) {}

  void Add(double x);
  void Update(const Bar& bar) override { Add(bar.close); }
  void Reset() override;
  bool Ready() const override { return moments_.Full(); }
  int WarmUp() const override { return period_ - 1; }
  double Value(int = 0) const override { return Ready() ? value_ : kNaN; }

 private:
  int period_;
  RollingMoments moments_;
  double value_ = kNaN;
};

// Skewness or excess kurtosis of the last `period` one-bar log returns of the close, with
// pandas' bias corrections (Series.rolling(period).skew() / .kurt() of log(close).diff()):
//   skew = sqrt(n (n - 1)) / (n - 2) * m3 / m2^1.5
//   kurt = ((n^2 - 1) m4 / m2^2 - 3 (n - 1)^2) / ((n - 2) (n - 3))
// with m2, m3, m4 the population central moments. 0 when m2 is at most 1e-14 (a flat window;
// pandas gives NaN there). WarmUp = period (period returns need period + 1 closes).
// Lifecycle: built once, updated bar by bar, Reset() to start over. Single-threaded value
// object; Add() feeds a raw close.
class ReturnMoments final : public Indicator {
 public:
  enum class Kind { kSkew, kKurtosis };

  ReturnMoments(Kind kind, int period)
      : kind_(kind), period_(period), returns_(PriceChange::Kind::kLog), moments_(period) {}

  void Add(double close);
  void Update(const Bar& bar) override { Add(bar.close); }
  void Reset() override;
  bool Ready() const override { return moments_.Full(); }
  int WarmUp() const override { return period_; }
  double Value(int = 0) const override { return Ready() ? value_ : kNaN; }

 private:
  Kind kind_;
  int period_;
  PriceChange returns_;
  RollingMoments moments_;
  double value_ = kNaN;
};

}  // namespace pulse::indicators
