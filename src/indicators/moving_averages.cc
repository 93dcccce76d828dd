#include "indicators/moving_averages.h"

namespace pulse::indicators {

// ---- Sma ----

Sma::Sma(int period) : period_(period), window_(period) {}

void Sma::Add(double x) {
  window_.Push(x);
  sum_ += x;
  ++count_;
  if (count_ >= period_) {
    // As TA-Lib: divide the window total, then drop the value leaving the window next.
    value_ = sum_ / period_;
    sum_ -= window_.Oldest();
  }
}

void Sma::Reset() {
  window_.Clear();
  sum_ = 0;
  value_ = kNaN;
  count_ = 0;
}

// ---- Ema ----

Ema::Ema(int period) : Ema(period, 2.0 / (period + 1)) {}

Ema::Ema(int period, double k) : Ema(period, k, EmaSeed::kSma, 0) {}

Ema::Ema(int period, double k, EmaSeed seed, int extra_warm_up)
    : period_(period), k_(k), seed_(seed), warm_up_(period - 1 + extra_warm_up) {}

void Ema::Reset() {
  sum_ = 0;
  value_ = kNaN;
  count_ = 0;
}

// ---- Wma ----

Wma::Wma(int period) : period_(period), divider_(period * (period + 1.0) / 2.0), window_(period) {}

void Wma::Add(double x) {
  window_.Push(x);
  ++count_;
  if (count_ < period_) {
    period_sub_ += x;
    period_sum_ += x * static_cast<double>(count_);
    return;
  }
  // TA-Lib's running form: add the new value with the top weight, then take one weight off
  // every value in the window.
  period_sub_ += x;
  period_sub_ -= trailing_;
  period_sum_ += x * period_;
  trailing_ = window_.Oldest();
  value_ = period_sum_ / divider_;
  period_sum_ -= period_sub_;
}

void Wma::Reset() {
  window_.Clear();
  period_sum_ = 0;
  period_sub_ = 0;
  trailing_ = 0;
  value_ = kNaN;
  count_ = 0;
}

}  // namespace pulse::indicators
