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
  double prev = c[0];
  o[0] = value;
  for (size_t i = 1; i < n; ++i) {
    const double x = c[i];
    // Both sums are computed and one is kept: the streaming class's operations, without
    // data-dependent branches.
    const double up = value + v[i];
    const double down = value - v[i];
    value = x > prev ? up : (x < prev ? down : value);
    prev = x;
    o[i] = value;
  }
}

}  // namespace pulse::indicators::batch
