#include "indicators/ultosc.h"

#include <algorithm>
#include <cmath>

#include "indicators/talib_compat.h"

namespace pulse::indicators {

UltOsc::UltOsc(int period1, int period2, int period3)
    : periods_{period1, period2, period3},
      pressure_(std::max({period1, period2, period3}) + 1),
      range_(std::max({period1, period2, period3}) + 1) {
  std::sort(std::begin(periods_), std::end(periods_));
}

void UltOsc::Update(const Bar& bar) {
  const double prev_close = prev_close_;
  prev_close_ = bar.close;
  if (++count_ == 1) return;
  const double true_low = std::min(bar.low, prev_close);
  const double pressure = bar.close - true_low;
  const double range = std::max(
      {bar.high - bar.low, std::fabs(prev_close - bar.high), std::fabs(prev_close - bar.low)});
  pressure_.Push(pressure);
  range_.Push(range);
  for (int w = 0; w < 3; ++w) {
    pressure_sum_[w] += pressure;
    range_sum_[w] += range;
    if (pressure_.Size() > periods_[w]) {
      pressure_sum_[w] -= pressure_.Back(periods_[w]);
      range_sum_[w] -= range_.Back(periods_[w]);
    }
  }
  if (!Ready()) return;
  static constexpr double kWeights[3] = {4.0, 2.0, 1.0};
  double total = 0;
  for (int w = 0; w < 3; ++w) {
    if (!TaIsZero(range_sum_[w])) total += kWeights[w] * (pressure_sum_[w] / range_sum_[w]);
  }
  value_ = 100.0 * (total / 7.0);
}

void UltOsc::Reset() {
  pressure_.Clear();
  range_.Clear();
  for (int w = 0; w < 3; ++w) pressure_sum_[w] = range_sum_[w] = 0;
  prev_close_ = 0;
  value_ = kNaN;
  count_ = 0;
}

}  // namespace pulse::indicators
