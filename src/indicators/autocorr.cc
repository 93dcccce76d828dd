#include "indicators/autocorr.h"

#include <algorithm>
#include <cmath>

namespace pulse::indicators {

namespace {
constexpr double kZeroVariance = 1e-14;
// Rebuild the sums early when a side's sum of squares about the shift exceeds its central sum of
// squares (or the zero-variance level) this many times (see RollingMoments).
constexpr double kMaxCancellation = 100;
}  // namespace

Autocorr::Autocorr(int period, int lag)
    : period_(period),
      lag_(std::clamp(lag, 1, std::max(1, period - 2))),
      pairs_window_(period - lag_),
      returns_(PriceChange::Kind::kLog),
      history_(period + 1) {}

void Autocorr::AddPair(double x, double y, double sign) {
  const double dx = x - shift_x_;
  const double dy = y - shift_y_;
  sx_ += sign * dx;
  sy_ += sign * dy;
  sxx_ += sign * dx * dx;
  syy_ += sign * dy * dy;
  sxy_ += sign * dx * dy;
}

// The pair sums recomputed from the window, shifted to the current means.
void Autocorr::Rebase() {
  since_rebase_ = 0;
  double mx = 0;
  double my = 0;
  for (int i = 0; i < pairs_; ++i) {
    mx += history_.Back(i);
    my += history_.Back(i + lag_);
  }
  shift_x_ = mx / pairs_;
  shift_y_ = my / pairs_;
  sx_ = sy_ = sxx_ = syy_ = sxy_ = 0;
  for (int i = 0; i < pairs_; ++i) AddPair(history_.Back(i), history_.Back(i + lag_), 1.0);
}

void Autocorr::Add(double close) {
  returns_.Add(close);
  if (!returns_.Ready()) return;
  history_.Push(returns_.value());
  if (history_.Size() <= lag_) return;
  if (pairs_ == 0) {
    shift_x_ = history_.Back(0);
    shift_y_ = history_.Back(lag_);
  }
  AddPair(history_.Back(0), history_.Back(lag_), 1.0);
  if (pairs_ == pairs_window_) {
    AddPair(history_.Back(pairs_window_), history_.Back(pairs_window_ + lag_), -1.0);
  } else {
    ++pairs_;
  }
  const double n = pairs_;
  double var_x = sxx_ - sx_ * sx_ / n;
  double var_y = syy_ - sy_ * sy_ / n;
  if (++since_rebase_ >= pairs_window_ ||
      sxx_ > kMaxCancellation * std::max(var_x, n * kZeroVariance) ||
      syy_ > kMaxCancellation * std::max(var_y, n * kZeroVariance)) {
    Rebase();
    var_x = sxx_ - sx_ * sx_ / n;
    var_y = syy_ - sy_ * sy_ / n;
  }
  if (pairs_ < pairs_window_) return;
  const double cov = sxy_ - sx_ * sy_ / n;
  if (var_x / n <= kZeroVariance || var_y / n <= kZeroVariance) {
    value_ = 0.0;
    return;
  }
  value_ = std::clamp(cov / std::sqrt(var_x * var_y), -1.0, 1.0);
}

void Autocorr::Reset() {
  returns_.Reset();
  history_.Clear();
  shift_x_ = shift_y_ = 0;
  sx_ = sy_ = sxx_ = syy_ = sxy_ = 0;
  pairs_ = 0;
  since_rebase_ = 0;
  value_ = kNaN;
}

}  // namespace pulse::indicators
