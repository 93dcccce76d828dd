// Statistics of two series over a window: TA-Lib's BETA and CORREL. Registered as beta and
// correl, reading the bar's high as the first series and its low as the second (the inputs
// TA-Lib's own regression tests give them).
#pragma once

#include "indicators/indicator.h"
#include "indicators/ring_buffer.h"

namespace pulse::indicators {

// TA-Lib's BETA: the least-squares slope of the one-bar returns of series 1 (y) against those
// of series 0 (x) over the last `period` returns: (n Sxy - Sx Sy) / (n Sxx - Sx^2), 0 when the
// denominator is ~0 (1e-14); a return is 0 when the previous price is ~0. WarmUp = period.
// Lifecycle: built once, Add()/Update() per bar, Reset() to start over. Single-threaded value
// object; Update() reads high as series 0 and low as series 1.
class Beta final : public Indicator {
 public:
  explicit Beta(int period);

  void Add(double x0, double x1);
  void Update(const Bar& bar) override { Add(bar.high, bar.low); }
  void Reset() override;
  bool Ready() const override { return count_ > period_; }
  int WarmUp() const override { return period_; }
  double Value(int = 0) const override { return Ready() ? value_ : kNaN; }

 private:
  int period_;
  RingBuffer x_returns_;
  RingBuffer y_returns_;
  double last_x_ = 0, last_y_ = 0;
  double s_xx_ = 0, s_xy_ = 0, s_x_ = 0, s_y_ = 0;
  double value_ = kNaN;
  long long count_ = 0;
};

// TA-Lib's CORREL: Pearson's correlation of series 0 and 1 over the last `period` bars from
// running sums: (Sxy - Sx Sy / n) / sqrt((Sxx - Sx^2 / n) (Syy - Sy^2 / n)), 0 when the product
// under the root is below 1e-14. WarmUp = period - 1.
// Lifecycle: built once, Add()/Update() per bar, Reset() to start over. Single-threaded value
// object; Update() reads high as series 0 and low as series 1.
class Correl final : public Indicator {
 public:
  explicit Correl(int period);

  void Add(double x, double y);
  void Update(const Bar& bar) override { Add(bar.high, bar.low); }
  void Reset() override;
  bool Ready() const override { return count_ >= period_; }
  int WarmUp() const override { return period_ - 1; }
  double Value(int = 0) const override { return Ready() ? value_ : kNaN; }

 private:
  int period_;
  RingBuffer xs_;
  RingBuffer ys_;
  double sum_x_ = 0, sum_x2_ = 0, sum_xy_ = 0, sum_y_ = 0, sum_y2_ = 0;
  double value_ = kNaN;
  long long count_ = 0;
};

}  // namespace pulse::indicators
