#include "indicators/levels.h"

#include <algorithm>
#include <iterator>

namespace pulse::indicators {

// ---- SupportResistance ----

SupportResistance::SupportResistance(int period, int strength)
    : period_(period),
      strength_(strength),
      highs_(strength + 2),
      lows_(strength + 2),
      highest_(period, MinMaxWindow::Kind::kMax),
      lowest_(period, MinMaxWindow::Kind::kMin),
      right_high_(strength, MinMaxWindow::Kind::kMax),
      right_low_(strength, MinMaxWindow::Kind::kMin),
      left_high_(strength, MinMaxWindow::Kind::kMax),
      left_low_(strength, MinMaxWindow::Kind::kMin) {}

void SupportResistance::Update(const Bar& bar) {
  const long long t = count_++;
  highs_.Push(bar.high);
  lows_.Push(bar.low);
  highest_.Push(bar.high);
  lowest_.Push(bar.low);
  right_high_.Push(bar.high);
  right_low_.Push(bar.low);
  const int s = strength_;
  if (t >= s + 1) {
    // Bar t - s - 1 enters the window before the candidate t - s.
    left_high_.Push(highs_.Back(s + 1));
    left_low_.Push(lows_.Back(s + 1));
  }
  if (t >= 2 * s) {
    const long long candidate = t - s;
    const double high = highs_.Back(s);
    const double low = lows_.Back(s);
    if (high > left_high_.Value() && high >= right_high_.Value()) {
      swing_high_ = high;
      swing_high_at_ = candidate;
    }
    if (low < left_low_.Value() && low <= right_low_.Value()) {
      swing_low_ = low;
      swing_low_at_ = candidate;
    }
  }
  if (count_ < period_) return;
  const long long oldest = t - period_ + 1;
  resistance_ = swing_high_at_ >= oldest ? swing_high_ : highest_.Value();
  support_ = swing_low_at_ >= oldest ? swing_low_ : lowest_.Value();
}

void SupportResistance::Reset() {
  highs_.Clear();
  lows_.Clear();
  highest_.Clear();
  lowest_.Clear();
  right_high_.Clear();
  right_low_.Clear();
  left_high_.Clear();
  left_low_.Clear();
  swing_high_ = swing_low_ = 0;
  swing_high_at_ = swing_low_at_ = -1;
  support_ = resistance_ = kNaN;
  count_ = 0;
}

double SupportResistance::Value(int index) const {
  if (!Ready()) return kNaN;
  return index == 0 ? support_ : index == 1 ? resistance_ : kNaN;
}

// ---- Fibonacci ----

Fibonacci::Fibonacci(int period)
    : period_(period),
      highest_(period, MinMaxWindow::Kind::kMax),
      lowest_(period, MinMaxWindow::Kind::kMin) {}

void Fibonacci::Update(const Bar& bar) {
  highest_.Push(bar.high);
  lowest_.Push(bar.low);
  if (++count_ < period_) return;
  const double high = highest_.Value();
  const double low = lowest_.Value();
  const double range = high - low;
  const bool up_swing = highest_.Age() <= lowest_.Age();  // the high is the newer extreme
  for (int k = 0; k < 5; ++k) {
    values_[k] = up_swing ? high - kRatios[k] * range : low + kRatios[k] * range;
  }
  values_[5] = high;
  values_[6] = low;
}

void Fibonacci::Reset() {
  highest_.Clear();
  lowest_.Clear();
  std::fill(std::begin(values_), std::end(values_), 0.0);
  count_ = 0;
}

double Fibonacci::Value(int index) const {
  if (!Ready() || index < 0 || index >= 7) return kNaN;
  return values_[index];
}

}  // namespace pulse::indicators
