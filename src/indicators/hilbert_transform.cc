#include "indicators/hilbert_transform.h"

#include <cmath>

namespace pulse::indicators {
namespace {

constexpr double kA = 0.0962;
constexpr double kB = 0.5769;

}  // namespace

// DO_HILBERT_TRANSFORM of TA-Lib, one stage for one bar.
void HilbertTransform::Stage::Apply(double input, bool even_bar, int idx,
                                    double adjusted_prev_period) {
  double* hist = even_bar ? even : odd;
  double& prev = even_bar ? prev_even : prev_odd;
  double& prev_input = even_bar ? prev_input_even : prev_input_odd;
  const double t = kA * input;
  value = -hist[idx];
  hist[idx] = t;
  value += t;
  value -= prev;
  prev = kB * prev_input;
  value += prev;
  prev_input = input;
  value *= adjusted_prev_period;
}

HilbertTransform::HilbertTransform(int first_bar) : first_bar_(first_bar) {}

bool HilbertTransform::Add(double x) {
  const long long today = count_++;
  last_[today % 4] = x;
  if (today < 3) {
    // TA-Lib's unrolled WMA start: weights 1, 2, 3.
    wma_sub_ += x;
    wma_sum_ += x * static_cast<double>(today + 1);
    return false;
  }
  const double adjusted_prev_period = (0.075 * period_) + 0.54;
  // DO_PRICE_WMA: the trailing value is the input three bars back.
  wma_sub_ += x;
  wma_sub_ -= wma_trailing_;
  wma_sum_ += x * 4.0;
  wma_trailing_ = last_[(today - 3) % 4];
  smoothed_ = wma_sum_ * 0.1;
  wma_sum_ -= wma_sub_;
  if (today < first_bar_) return false;

  const bool even = today % 2 == 0;
  double q2, i2;
  if (even) {
    detrender_.Apply(smoothed_, true, hilbert_idx_, adjusted_prev_period);
    q1_.Apply(detrender_.value, true, hilbert_idx_, adjusted_prev_period);
    ji_.Apply(i1_even_prev3_, true, hilbert_idx_, adjusted_prev_period);
    jq_.Apply(q1_.value, true, hilbert_idx_, adjusted_prev_period);
    if (++hilbert_idx_ == 3) hilbert_idx_ = 0;
    in_phase_ = i1_even_prev3_;
    q2 = (0.2 * (q1_.value + ji_.value)) + (0.8 * prev_q2_);
    i2 = (0.2 * (i1_even_prev3_ - jq_.value)) + (0.8 * prev_i2_);
    i1_odd_prev3_ = i1_odd_prev2_;
    i1_odd_prev2_ = detrender_.value;
  } else {
    detrender_.Apply(smoothed_, false, hilbert_idx_, adjusted_prev_period);
    q1_.Apply(detrender_.value, false, hilbert_idx_, adjusted_prev_period);
    ji_.Apply(i1_odd_prev3_, false, hilbert_idx_, adjusted_prev_period);
    jq_.Apply(q1_.value, false, hilbert_idx_, adjusted_prev_period);
    in_phase_ = i1_odd_prev3_;
    q2 = (0.2 * (q1_.value + ji_.value)) + (0.8 * prev_q2_);
    i2 = (0.2 * (i1_odd_prev3_ - jq_.value)) + (0.8 * prev_i2_);
    i1_even_prev3_ = i1_even_prev2_;
    i1_even_prev2_ = detrender_.value;
  }

  // Homodyne discriminator: the period for the next bar.
  const double rad2deg = 180.0 / (4.0 * std::atan(1));
  re_ = (0.2 * ((i2 * prev_i2_) + (q2 * prev_q2_))) + (0.8 * re_);
  im_ = (0.2 * ((i2 * prev_q2_) - (q2 * prev_i2_))) + (0.8 * im_);
  prev_q2_ = q2;
  prev_i2_ = i2;
  const double last_period = period_;
  if ((im_ != 0.0) && (re_ != 0.0)) period_ = 360.0 / (std::atan(im_ / re_) * rad2deg);
  if (period_ > 1.5 * last_period) period_ = 1.5 * last_period;
  if (period_ < 0.67 * last_period) period_ = 0.67 * last_period;
  if (period_ < 6) {
    period_ = 6;
  } else if (period_ > 50) {
    period_ = 50;
  }
  period_ = (0.2 * period_) + (0.8 * last_period);
  smooth_period_ = (0.33 * period_) + (0.67 * smooth_period_);
  return true;
}

void HilbertTransform::Reset() { *this = HilbertTransform(first_bar_); }

}  // namespace pulse::indicators
