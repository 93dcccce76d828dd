// Kernels of momentum.h (Mom, Roc) and obv.h (Obv).
#include "indicators/batch/kernels.h"

namespace pulse::indicators::batch {

void MomKernel(std::span<const double> params, const BarColumns& in, Outputs out) {
  const size_t p = static_cast<size_t>(IntParam(params, 0));
  const size_t n = in.close.size();
  const double* c = in.close.data();
  double* o = out[0].data();
  FillNaN(out[0], 0, p);
  for (size_t i = p; i < n; ++i) o[i] = c[i] - c[i - p];
}

void RocKernel(std::span<const double> params, const BarColumns& in, Outputs out) {
  const size_t p = static_cast<size_t>(IntParam(params, 0));
  const size_t n = in.close.size();
  const double* c = in.close.data();
  double* o = out[0].data();
  FillNaN(out[0], 0, p);
  for (size_t i = p; i < n; ++i) {
    const double old = c[i - p];
    o[i] = old != 0.0 ? ((c[i] / old) - 1.0) * 100.0 : 0.0;
  }
}

void ObvKernel(std::span<const double>, const BarColumns& in, Outputs out) {
  const size_t n = in.close.size();
  if (n == 0) return;
  const double* c = in.close.data();
  const double* v = in.volume.data();
  double* o = out[0].data();
  double value = v[0];
  o[0] = value;
  // Per chunk: the signed volumes, branch-free, then the running sum. value + (-v) is value - v,
  // and value + (-0.0) is value, bit for bit: the same numbers as Obv's branches.
  constexpr size_t kChunk = 512;
  double signed_volume[kChunk];
  for (size_t base = 1; base < n; base += kChunk) {
    const size_t len = std::min(kChunk, n - base);
    const double* cc = c + base;
    const double* vv = v + base;
    const Double2 minus_zero = {-0.0, -0.0};
    size_t j = 0;
    for (; j + 2 <= len; j += 2) {
      const Double2 now = {cc[j], cc[j + 1]};
      const Double2 before = {cc[j - 1], cc[j]};
      const Double2 volume = {vv[j], vv[j + 1]};
      const Double2 part =
          Select2(now > before, volume, Select2(now < before, -volume, minus_zero));
      signed_volume[j] = part[0];
      signed_volume[j + 1] = part[1];
    }
    for (; j < len; ++j) {
      signed_volume[j] = Select(cc[j] > cc[j - 1], vv[j], Select(cc[j] < cc[j - 1], -vv[j], -0.0));
    }
    double* oo = o + base;
    for (size_t j = 0; j < len; ++j) {
      value += signed_volume[j];
      oo[j] = value;
    }
  }
}

}  // namespace pulse::indicators::batch
