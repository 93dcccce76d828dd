// Kernels of moving_averages.h (Sma, Ema), macd.h (Macd) and bbands.h (BBands).
#include <cmath>

#include "indicators/batch/kernels.h"
#include "indicators/talib_compat.h"

namespace pulse::indicators::batch {

void SmaInto(const double* x, size_t n, int period, double* out) {
  const size_t p = static_cast<size_t>(period);
  double sum = 0;
  for (size_t i = 0; i + 1 < p && i < n; ++i) sum += x[i];
  for (size_t i = p - 1; i < n; ++i) {
    // As Sma::Add: divide the window total, then drop the value leaving the window next.
    sum += x[i];
    out[i] = sum / period;
    sum -= x[i + 1 - p];
  }
}

void SmaKernel(std::span<const double> params, const BarColumns& in, Outputs out) {
  const int period = IntParam(params, 0);
  FillNaN(out[0], 0, static_cast<size_t>(period) - 1);
  SmaInto(in.close.data(), in.close.size(), period, out[0].data());
}

void EmaKernel(std::span<const double> params, const BarColumns& in, Outputs out) {
  const int period = IntParam(params, 0);
  const size_t p = static_cast<size_t>(period);
  const size_t n = in.close.size();
  const double k = 2.0 / (period + 1);
  const double* x = in.close.data();
  double* o = out[0].data();
  FillNaN(out[0], 0, p - 1);
  if (n < p) return;
  double sum = 0;
  for (size_t i = 0; i < p; ++i) sum += x[i];
  double value = sum / period;
  o[p - 1] = value;
  for (size_t i = p; i < n; ++i) {
    value = (x[i] - value) * k + value;
    o[i] = value;
  }
}

void MacdKernel(std::span<const double> params, const BarColumns& in, Outputs out) {
  // As Macd: periods ordered, the fast EMA starts `slow - fast` bars late.
  const int fast = std::min(IntParam(params, 0), IntParam(params, 1));
  const int slow = std::max(IntParam(params, 0), IntParam(params, 1));
  const int signal = IntParam(params, 2);
  const size_t skip = static_cast<size_t>(slow - fast);
  const double k_fast = 2.0 / (fast + 1);
  const double k_slow = 2.0 / (slow + 1);
  const double k_signal = 2.0 / (signal + 1);
  const size_t n = in.close.size();
  const size_t first = static_cast<size_t>(slow) - 1;  // first MACD line value
  const size_t warm = first + static_cast<size_t>(signal) - 1;
  const double* x = in.close.data();
  double* line = out[0].data();
  double* sig = out[1].data();
  double* hist = out[2].data();
  for (size_t k = 0; k < 3; ++k) FillNaN(out[k], 0, warm);
  if (n <= warm) return;

  double slow_sum = 0, fast_sum = 0;
  for (size_t i = 0; i <= first; ++i) {
    slow_sum += x[i];
    if (i >= skip) fast_sum += x[i];
  }
  double slow_value = slow_sum / slow;
  double fast_value = fast_sum / fast;
  double macd = fast_value - slow_value;
  // The signal EMA's seed: the mean of the first `signal` MACD values.
  double signal_sum = macd;
  for (size_t i = first + 1; i <= warm; ++i) {
    fast_value = (x[i] - fast_value) * k_fast + fast_value;
    slow_value = (x[i] - slow_value) * k_slow + slow_value;
    macd = fast_value - slow_value;
    signal_sum += macd;
  }
  double signal_value = signal_sum / signal;
  line[warm] = macd;
  sig[warm] = signal_value;
  hist[warm] = macd - signal_value;
  for (size_t i = warm + 1; i < n; ++i) {
    fast_value = (x[i] - fast_value) * k_fast + fast_value;
    slow_value = (x[i] - slow_value) * k_slow + slow_value;
    macd = fast_value - slow_value;
    signal_value = (macd - signal_value) * k_signal + signal_value;
    line[i] = macd;
    sig[i] = signal_value;
    hist[i] = macd - signal_value;
  }
}

void BBandsKernel(std::span<const double> params, const BarColumns& in, Outputs out) {
  const int period = IntParam(params, 0);
  const double nb_dev_up = params[1];
  const double nb_dev_dn = params[2];
  const bool ema = IntParam(params, 3) == 1;
  const size_t p = static_cast<size_t>(period);
  const double k = 2.0 / (period + 1);
  const size_t n = in.close.size();
  const double* x = in.close.data();
  double* upper_out = out[0].data();
  double* middle_out = out[1].data();
  double* lower_out = out[2].data();
  double* width_out = out[3].data();
  double* percent_b_out = out[4].data();
  for (size_t j = 0; j < 5; ++j) FillNaN(out[j], 0, p - 1);
  if (n < p) return;

  double sum = 0, sum_sq = 0;
  for (size_t i = 0; i + 1 < p; ++i) {
    sum += x[i];
    sum_sq += x[i] * x[i];
  }
  // StdDev::Add's running sums (TA-Lib's TA_INT_VAR) for bar i: the window's sums, then the
  // value leaving the window next is dropped. The EMA middle, when asked for, is seeded with the
  // mean of the first window: the same sum, divided the same way.
  double ema_value = 0;
  auto advance = [&](size_t i, double* window_sum, double* window_sum_sq, double* ema_out) {
    const double xi = x[i];
    sum += xi;
    sum_sq += xi * xi;
    *window_sum = sum;
    *window_sum_sq = sum_sq;
    const double trailing = x[i + 1 - p];
    sum -= trailing;
    sum_sq -= trailing * trailing;
    if (ema) ema_value = i + 1 == p ? *window_sum / period : (xi - ema_value) * k + ema_value;
    *ema_out = ema_value;
  };
  // BBands::Add for bars i and i + 1 (`count` = 1: bar i only), one lane each.
  const Double2 period2 = {static_cast<double>(period), static_cast<double>(period)};
  const Double2 epsilon2 = {kTaLibEpsilon, kTaLibEpsilon};
  const Double2 zero2 = {0.0, 0.0};
  const Double2 half2 = {0.5, 0.5};
  auto finish = [&](size_t i, size_t count, Double2 window_sum, Double2 window_sum_sq, Double2 ema2,
                    Double2 x2) {
    const Double2 mean = window_sum / period2;
    const Double2 mean_sq = window_sum_sq / period2;
    const Double2 variance = mean_sq - mean * mean;
    const Double2 sd = Select2(variance < epsilon2, zero2, Sqrt2(variance));  // TaIsZeroOrNeg
    const Double2 middle = ema ? ema2 : mean;
    const Double2 upper = middle + sd * nb_dev_up;
    const Double2 lower = middle - sd * nb_dev_dn;
    const Double2 spread = upper - lower;
    const Double2 width = Select2(middle != zero2, spread / middle, zero2);
    const Double2 percent_b = Select2(spread != zero2, (x2 - lower) / spread, half2);
    for (size_t lane = 0; lane < count; ++lane) {
      upper_out[i + lane] = upper[lane];
      middle_out[i + lane] = middle[lane];
      lower_out[i + lane] = lower[lane];
      width_out[i + lane] = width[lane];
      percent_b_out[i + lane] = percent_b[lane];
    }
  };
  size_t i = p - 1;
  double s0, q0, e0, s1, q1, e1;
  for (; i + 1 < n; i += 2) {
    advance(i, &s0, &q0, &e0);
    advance(i + 1, &s1, &q1, &e1);
    finish(i, 2, Double2{s0, s1}, Double2{q0, q1}, Double2{e0, e1}, Double2{x[i], x[i + 1]});
  }
  if (i < n) {
    advance(i, &s0, &q0, &e0);
    finish(i, 1, Double2{s0, s0}, Double2{q0, q0}, Double2{e0, e0}, Double2{x[i], x[i]});
  }
}

}  // namespace pulse::indicators::batch
