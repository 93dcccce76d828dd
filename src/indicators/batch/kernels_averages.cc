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
  double ema_value = 0;
  for (size_t i = p - 1; i < n; ++i) {
    // StdDev::Add (TA-Lib's TA_INT_VAR), then BBands::Add.
    const double xi = x[i];
    sum += xi;
    sum_sq += xi * xi;
    const double mean = sum / period;
    const double mean_sq = sum_sq / period;
    const double trailing = x[i + 1 - p];
    sum -= trailing;
    sum_sq -= trailing * trailing;
    const double variance = mean_sq - mean * mean;
    const double sd = TaIsZeroOrNeg(variance) ? 0.0 : std::sqrt(variance);
    double middle = mean;
    if (ema) {
      // The EMA's seed is the mean of the first window: the same sum, divided the same way.
      ema_value = i + 1 == p ? mean : (xi - ema_value) * k + ema_value;
      middle = ema_value;
    }
    const double upper = middle + sd * nb_dev_up;
    const double lower = middle - sd * nb_dev_dn;
    const double spread = upper - lower;
    upper_out[i] = upper;
    middle_out[i] = middle;
    lower_out[i] = lower;
    width_out[i] = middle != 0.0 ? spread / middle : 0.0;
    percent_b_out[i] = spread != 0.0 ? (xi - lower) / spread : 0.5;
  }
}

}  // namespace pulse::indicators::batch
