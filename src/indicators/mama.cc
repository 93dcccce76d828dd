#include "indicators/mama.h"

#include <cmath>

namespace pulse::indicators {
namespace {

constexpr double kA = 0.0962;
constexpr double kB = 0.5769;

}  // namespace

void Mama::Stage::Apply(double input, bool even_bar, int idx, double adjusted_prev_period) {
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

Mama::Mama(double fast_limit, double slow_limit)
    : fast_limit_(fast_limit), slow_limit_(slow_limit), prices_(4) {}

void Mama::Add(double x) {
  const long long today = count_++;
  prices_.Push(x);
  if (today < 3) {
    // TA-Lib's unrolled WMA start: weights 1, 2, 3.
    wma_sub_ += x;
    wma_sum_ += x * static_cast<double>(today + 1);
    return;
  }
  const double adjusted_prev_period = (0.075 * period_) + 0.54;
  // DO_PRICE_WMA: 4-bar WMA of the price.
  wma_sub_ += x;
  wma_sub_ -= wma_trailing_;
  wma_sum_ += x * 4.0;
  wma_trailing_ = prices_.Back(3);
  const double smoothed = wma_sum_ * 0.1;
  wma_sum_ -= wma_sub_;
  if (today < 12) return;

  const double rad2deg = 180.0 / (4.0 * std::atan(1));
  const bool even = today % 2 == 0;
  double q2, i2, phase;
  if (even) {
    detrender_.Apply(smoothed, true, hilbert_idx_, adjusted_prev_period);
    q1_.Apply(detrender_.value, true, hilbert_idx_, adjusted_prev_period);
    ji_.Apply(i1_even_prev3_, true, hilbert_idx_, adjusted_prev_period);
    jq_.Apply(q1_.value, true, hilbert_idx_, adjusted_prev_period);
    if (++hilbert_idx_ == 3) hilbert_idx_ = 0;
    q2 = (0.2 * (q1_.value + ji_.value)) + (0.8 * prev_q2_);
    i2 = (0.2 * (i1_even_prev3_ - jq_.value)) + (0.8 * prev_i2_);
    i1_odd_prev3_ = i1_odd_prev2_;
    i1_odd_prev2_ = detrender_.value;
    phase = i1_even_prev3_ != 0.0 ? std::atan(q1_.value / i1_even_prev3_) * rad2deg : 0.0;
  } else {
    detrender_.Apply(smoothed, false, hilbert_idx_, adjusted_prev_period);
    q1_.Apply(detrender_.value, false, hilbert_idx_, adjusted_prev_period);
    ji_.Apply(i1_odd_prev3_, false, hilbert_idx_, adjusted_prev_period);
    jq_.Apply(q1_.value, false, hilbert_idx_, adjusted_prev_period);
    q2 = (0.2 * (q1_.value + ji_.value)) + (0.8 * prev_q2_);
    i2 = (0.2 * (i1_odd_prev3_ - jq_.value)) + (0.8 * prev_i2_);
    i1_even_prev3_ = i1_even_prev2_;
    i1_even_prev2_ = detrender_.value;
    phase = i1_odd_prev3_ != 0.0 ? std::atan(q1_.value / i1_odd_prev3_) * rad2deg : 0.0;
  }
  double delta = prev_phase_ - phase;
  prev_phase_ = phase;
  if (delta < 1.0) delta = 1.0;
  double alpha;
  if (delta > 1.0) {
    alpha = fast_limit_ / delta;
    if (alpha < slow_limit_) alpha = slow_limit_;
  } else {
    alpha = fast_limit_;
  }
  mama_ = (alpha * x) + ((1 - alpha) * mama_);
  alpha *= 0.5;
  fama_ = (alpha * mama_) + ((1 - alpha) * fama_);

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
}

void Mama::Reset() {
  prices_.Clear();
  wma_sub_ = wma_sum_ = wma_trailing_ = 0;
  detrender_ = q1_ = ji_ = jq_ = Stage{};
  hilbert_idx_ = 0;
  period_ = 0;
  prev_i2_ = prev_q2_ = 0;
  re_ = im_ = 0;
  i1_odd_prev3_ = i1_even_prev3_ = 0;
  i1_odd_prev2_ = i1_even_prev2_ = 0;
  prev_phase_ = 0;
  mama_ = fama_ = 0;
  count_ = 0;
}

double Mama::Value(int index) const {
  if (!Ready()) return kNaN;
  return index == 0 ? mama_ : fama_;
}

}  // namespace pulse::indicators
