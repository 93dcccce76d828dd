#include "indicators/linear_regression.h"

#include <cmath>

namespace pulse::indicators {
namespace {

constexpr double kPi = 3.14159265358979323846;

}  // namespace

LinearRegression::LinearRegression(Kind kind, int period)
    : kind_(kind),
      period_(period),
      sum_x_(static_cast<double>(period) * (period - 1) * 0.5),
      divisor_(sum_x_ * sum_x_ -
               period * (static_cast<double>(period) * (period - 1) * (2.0 * period - 1) / 6)),
      window_(period) {}

void LinearRegression::Resum() {
  // TA-Lib's loop: oldest (age period - 1) first.
  sum_y_ = 0;
  sum_xy_ = 0;
  for (int i = window_.Size() - 1; i >= 0; --i) {
    const double v = window_.Back(i);
    sum_y_ += v;
    sum_xy_ += static_cast<double>(i) * v;
  }
  since_resum_ = 0;
}

void LinearRegression::Add(double x) {
  if (window_.Full()) {
    // Every value ages by one bar; the oldest (age period - 1) leaves.
    const double oldest = window_.Oldest();
    sum_xy_ += (sum_y_ - oldest) - (period_ - 1) * oldest;
    sum_y_ -= oldest;
  } else {
    sum_xy_ += sum_y_;
  }
  window_.Push(x);
  sum_y_ += x;
  if (!window_.Full()) return;
  if (++since_resum_ >= period_) Resum();

  const double n = period_;
  const double m = (n * sum_xy_ - sum_x_ * sum_y_) / divisor_;
  const double b = (sum_y_ - m * sum_x_) / n;
  switch (kind_) {
    case Kind::kLinearReg:
      value_ = b + m * (n - 1);
      break;
    case Kind::kSlope:
      value_ = m;
      break;
    case Kind::kAngle:
      value_ = std::atan(m) * (180.0 / kPi);
      break;
    case Kind::kIntercept:
      value_ = b;
      break;
    case Kind::kTsf:
      value_ = b + m * n;
      break;
  }
}

void LinearRegression::Reset() {
  window_.Clear();
  sum_y_ = 0;
  sum_xy_ = 0;
  since_resum_ = 0;
  value_ = kNaN;
}

}  // namespace pulse::indicators
