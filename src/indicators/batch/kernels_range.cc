// Kernels of atr.h (Atr) and stoch.h (Stoch, WillR).
#include <cmath>
#include <limits>
#include <vector>

#include "indicators/batch/kernels.h"

namespace pulse::indicators::batch {
namespace {

// Calls emit(i, highest, lowest) for every i in [w - 1, n) in order, with the highest `high`
// and lowest `low` of bars i - w + 1..i, by the van Herk/Gil-Werman block algorithm: three
// branch-free comparisons per bar and side, scratch of w + 1 values per side. Among equal
// extremes the newest wins, as in MinMaxWindow (this only shows for +0 and -0).
template <typename Emit>
void RollingHighLow(const double* high, const double* low, size_t n, size_t w, Emit emit) {
  if (n < w) return;
  constexpr double kInf = std::numeric_limits<double>::infinity();
  // suffix_hi[j], j in 1..w-1: highest of the previous block from its j-th bar to its end;
  // suffix_hi[w] = -inf (the window is exactly the current block).
  std::vector<double> suffix_hi(w + 1, -kInf), suffix_lo(w + 1, kInf);
  // Block 0: only its last bar ends a full window.
  double hi = -kInf, lo = kInf;
  for (size_t i = 0; i < w; ++i) {
    hi = high[i] >= hi ? high[i] : hi;
    lo = low[i] <= lo ? low[i] : lo;
  }
  emit(w - 1, hi, lo);
  for (size_t start = w; start < n; start += w) {
    // Suffix extremes of the previous (complete) block, newest first.
    const size_t prev = start - w;
    hi = -kInf;
    lo = kInf;
    for (size_t j = w - 1; j >= 1; --j) {
      hi = high[prev + j] > hi ? high[prev + j] : hi;
      lo = low[prev + j] < lo ? low[prev + j] : lo;
      suffix_hi[j] = hi;
      suffix_lo[j] = lo;
    }
    // Prefix extremes of this block, combined with the previous block's suffix.
    const size_t end = std::min(start + w, n);
    hi = -kInf;
    lo = kInf;
    for (size_t i = start; i < end; ++i) {
      hi = high[i] >= hi ? high[i] : hi;
      lo = low[i] <= lo ? low[i] : lo;
      const double older_hi = suffix_hi[i - start + 1];
      const double older_lo = suffix_lo[i - start + 1];
      emit(i, older_hi > hi ? older_hi : hi, older_lo < lo ? older_lo : lo);
    }
  }
}

// TA-Lib's true range order of comparisons (TRange::Update).
inline double TrueRange(double high, double low, double prev_close) {
  double greatest = high - low;
  const double to_high = std::fabs(prev_close - high);
  greatest = to_high > greatest ? to_high : greatest;
  const double to_low = std::fabs(prev_close - low);
  return to_low > greatest ? to_low : greatest;
}

}  // namespace

void AtrKernel(std::span<const double> params, const BarColumns& in, Outputs out) {
  const int period = IntParam(params, 0);
  const size_t p = static_cast<size_t>(period);
  const size_t n = in.close.size();
  const double* h = in.high.data();
  const double* l = in.low.data();
  const double* c = in.close.data();
  double* o = out[0].data();
  FillNaN(out[0], 0, p);
  if (n <= p) return;
  // Bars 1..period: the plain mean of the first true ranges.
  double sum = 0;
  for (size_t i = 1; i <= p; ++i) sum += TrueRange(h[i], l[i], c[i - 1]);
  double value = sum / period;
  o[p] = value;
  // Wilder's smoothing as Atr: value * keep + tr * weight, a multiply and an add on the chain.
  const double keep = static_cast<double>(period - 1) / period;
  const double weight = 1.0 / period;
  for (size_t i = p + 1; i < n; ++i) {
    value = value * keep + TrueRange(h[i], l[i], c[i - 1]) * weight;
    o[i] = value;
  }
}

void StochKernel(std::span<const double> params, const BarColumns& in, Outputs out) {
  const size_t fastk = static_cast<size_t>(IntParam(params, 0));
  const int slowk = IntParam(params, 1);
  const int slowd = IntParam(params, 2);
  const size_t sk = static_cast<size_t>(slowk);
  const size_t sd = static_cast<size_t>(slowd);
  const size_t n = in.close.size();
  const double* c = in.close.data();
  double* k_out = out[0].data();
  double* d_out = out[1].data();
  const size_t k_first = fastk - 1 + sk - 1;
  const size_t warm = k_first + sd - 1;
  if (n > warm) {
    // One pass: fast %K, its SMA (slow %K) and that one's SMA (%D), as Stoch's two Sma objects.
    // Slow %K needs fast %K of slowk - 1 bars ago: each fast %K waits in the k column at the
    // position of the slow %K that will drop it (bar + slowk - 1), read just before that slow
    // %K overwrites it. %D reads back slow %K values from the k column.
    double k_sum = 0, d_sum = 0;
    RollingHighLow(in.high.data(), in.low.data(), n, fastk,
                   [&](size_t i, double highest, double lowest) {
                     const double diff = (highest - lowest) / 100.0;
                     const double fast_k = diff != 0.0 ? (c[i] - lowest) / diff : 0.0;
                     if (i + sk - 1 < n) k_out[i + sk - 1] = fast_k;
                     k_sum += fast_k;
                     if (i < k_first) return;
                     const double slow_k = k_sum / slowk;
                     k_sum -= k_out[i];  // fast %K of bar i - slowk + 1
                     k_out[i] = slow_k;
                     d_sum += slow_k;
                     if (i < warm) return;
                     d_out[i] = d_sum / slowd;
                     d_sum -= k_out[i + 1 - sd];
                   });
  }
  FillNaN(out[0], 0, warm);
  FillNaN(out[1], 0, warm);
}

void WillRKernel(std::span<const double> params, const BarColumns& in, Outputs out) {
  const size_t p = static_cast<size_t>(IntParam(params, 0));
  const size_t n = in.close.size();
  const double* c = in.close.data();
  double* o = out[0].data();
  FillNaN(out[0], 0, p - 1);
  RollingHighLow(in.high.data(), in.low.data(), n, p,
                 [c, o](size_t i, double highest, double lowest) {
                   const double diff = (highest - lowest) / -100.0;
                   o[i] = diff != 0.0 ? (highest - c[i]) / diff : 0.0;
                 });
}

}  // namespace pulse::indicators::batch
