#include "indicators/pair_statistics.h"

#include <cmath>

#include "indicators/talib_compat.h"

namespace pulse::indicators {

// ---- Beta ----

Beta::Beta(int period) : period_(period), x_returns_(period), y_returns_(period) {}

void Beta::Add(double px, double py) {
  if (++count_ == 1) {
    last_x_ = px;
    last_y_ = py;
    return;
  }
  const double x = !TaIsZero(last_x_) ? (px - last_x_) / last_x_ : 0.0;
  const double y = !TaIsZero(last_y_) ? (py - last_y_) / last_y_ : 0.0;
  last_x_ = px;
  last_y_ = py;
  s_xx_ += x * x;
  s_xy_ += x * y;
  s_x_ += x;
  s_y_ += y;
  x_returns_.Push(x);
  y_returns_.Push(y);
  if (count_ <= period_) return;
  // TA-Lib's order: output, then drop the oldest return of the window.
  const double n = period_;
  const double denominator = (n * s_xx_) - (s_x_ * s_x_);
  value_ = !TaIsZero(denominator) ? ((n * s_xy_) - (s_x_ * s_y_)) / denominator : 0.0;
  const double ox = x_returns_.Oldest();
  const double oy = y_returns_.Oldest();
  s_xx_ -= ox * ox;
  s_xy_ -= ox * oy;
  s_x_ -= ox;
  s_y_ -= oy;
}

void Beta::Reset() {
  x_returns_.Clear();
  y_returns_.Clear();
  last_x_ = last_y_ = 0;
  s_xx_ = s_xy_ = s_x_ = s_y_ = 0;
  value_ = kNaN;
  count_ = 0;
}

// ---- Correl ----

Correl::Correl(int period) : period_(period), xs_(period), ys_(period) {}

void Correl::Add(double x, double y) {
  if (xs_.Full()) {
    // TA-Lib's order: remove the trailing pair, then add the new one.
    const double tx = xs_.Oldest();
    const double ty = ys_.Oldest();
    sum_x_ -= tx;
    sum_x2_ -= tx * tx;
    sum_xy_ -= tx * ty;
    sum_y_ -= ty;
    sum_y2_ -= ty * ty;
  }
  xs_.Push(x);
  ys_.Push(y);
  sum_x_ += x;
  sum_x2_ += x * x;
  sum_xy_ += x * y;
  sum_y_ += y;
  sum_y2_ += y * y;
  if (++count_ < period_) return;
  const double product =
      (sum_x2_ - ((sum_x_ * sum_x_) / period_)) * (sum_y2_ - ((sum_y_ * sum_y_) / period_));
  value_ = !TaIsZeroOrNeg(product) ? (sum_xy_ - ((sum_x_ * sum_y_) / period_)) / std::sqrt(product)
                                   : 0.0;
}

void Correl::Reset() {
  xs_.Clear();
  ys_.Clear();
  sum_x_ = sum_x2_ = sum_xy_ = sum_y_ = sum_y2_ = 0;
  value_ = kNaN;
  count_ = 0;
}

}  // namespace pulse::indicators
