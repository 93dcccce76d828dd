#include "indicators/kama.h"

#include <cmath>

#include "indicators/talib_compat.h"

namespace pulse::indicators {
namespace {

constexpr double kConstMax = 2.0 / (30.0 + 1.0);
constexpr double kConstDiff = 2.0 / (2.0 + 1.0) - kConstMax;

}  // namespace

Kama::Kama(int period) : period_(period), window_(period + 1) {}

void Kama::Add(double x) {
  ++count_;
  if (count_ > period_ + 1) {
    // Drop the change that leaves the window (between its two oldest values).
    sum_roc_ -= std::fabs(window_.Back(period_ - 1) - window_.Back(period_));
  }
  if (count_ > 1) sum_roc_ += std::fabs(x - window_.Back(0));
  if (count_ == period_) value_ = x;  // the recursion starts from bar period - 1
  window_.Push(x);
  if (count_ <= period_) return;
  const double period_roc = x - window_.Back(period_);
  double er = 1.0;
  if (!(sum_roc_ <= period_roc || TaIsZero(sum_roc_))) er = std::fabs(period_roc / sum_roc_);
  double sc = er * kConstDiff + kConstMax;
  sc *= sc;
  value_ = (x - value_) * sc + value_;
}

void Kama::Reset() {
  window_.Clear();
  sum_roc_ = 0;
  value_ = kNaN;
  count_ = 0;
}

}  // namespace pulse::indicators
