#include "indicators/bbands.h"

#include <cmath>

#include "indicators/talib_compat.h"

namespace pulse::indicators {

// ---- StdDev ----

StdDev::StdDev(int period, double nb_dev) : period_(period), nb_dev_(nb_dev), window_(period) {}

void StdDev::Add(double x) {
  window_.Push(x);
  sum_ += x;
  sum_sq_ += x * x;
  ++count_;
  if (count_ < period_) return;
  // TA-Lib's TA_INT_VAR: means of the window, then drop the value leaving next.
  mean_ = sum_ / period_;
  const double mean_sq = sum_sq_ / period_;
  const double trailing = window_.Oldest();
  sum_ -= trailing;
  sum_sq_ -= trailing * trailing;
  const double variance = mean_sq - mean_ * mean_;
  stddev_ = TaIsZeroOrNeg(variance) ? 0.0 : std::sqrt(variance);
  value_ = stddev_ * nb_dev_;
}

void StdDev::Reset() {
  window_.Clear();
  sum_ = 0;
  sum_sq_ = 0;
  mean_ = kNaN;
  stddev_ = kNaN;
  value_ = kNaN;
  count_ = 0;
}

// ---- BBands ----

BBands::BBands(int period, double nb_dev_up, double nb_dev_dn, MaType ma_type)
    : nb_dev_up_(nb_dev_up),
      nb_dev_dn_(nb_dev_dn),
      ma_type_(ma_type),
      stddev_(period, 1.0),
      ema_(period) {}

void BBands::Add(double x) {
  stddev_.Add(x);
  if (ma_type_ == MaType::kEma) ema_.Add(x);
  if (!stddev_.Ready()) return;
  middle_ = ma_type_ == MaType::kEma ? ema_.value() : stddev_.mean();
  const double sd = stddev_.stddev();
  upper_ = middle_ + sd * nb_dev_up_;
  lower_ = middle_ - sd * nb_dev_dn_;
  width_ = middle_ != 0.0 ? (upper_ - lower_) / middle_ : 0.0;
  const double spread = upper_ - lower_;
  percent_b_ = spread != 0.0 ? (x - lower_) / spread : 0.5;
}

void BBands::Reset() {
  stddev_.Reset();
  ema_.Reset();
  upper_ = middle_ = lower_ = width_ = percent_b_ = kNaN;
}

double BBands::Value(int index) const {
  if (!Ready()) return kNaN;
  switch (index) {
    case 0:
      return upper_;
    case 1:
      return middle_;
    case 2:
      return lower_;
    case 3:
      return width_;
    default:
      return percent_b_;
  }
}

void BBands::UpdateInto(const Bar& bar, double* out) {
  Update(bar);
  for (int k = 0; k < 5; ++k) out[k] = Value(k);
}

}  // namespace pulse::indicators
