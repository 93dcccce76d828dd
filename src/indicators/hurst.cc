#include "indicators/hurst.h"

#include <algorithm>
#include <cmath>

namespace pulse::indicators {

namespace {
constexpr double kZeroVariance = 1e-14;
}  // namespace

double Hurst::MeanRescaledRange(int size) const {
  const int chunks = period_ / size;
  double sum_rs = 0;
  int used = 0;
  for (int c = 0; c < chunks; ++c) {
    // Chunk c covers Back(c * size + size - 1) (oldest) .. Back(c * size) (newest).
    const int newest = c * size;
    const int oldest = newest + size - 1;
    double mean = 0;
    for (int i = oldest; i >= newest; --i) mean += window_.Back(i);
    mean /= size;
    double running = 0;
    double high = -HUGE_VAL;
    double low = HUGE_VAL;
    double sum_sq = 0;
    for (int i = oldest; i >= newest; --i) {
      const double d = window_.Back(i) - mean;
      running += d;
      sum_sq += d * d;
      high = std::max(high, running);
      low = std::min(low, running);
    }
    const double variance = sum_sq / size;
    if (variance <= kZeroVariance) continue;
    sum_rs += (high - low) / std::sqrt(variance);
    ++used;
  }
  return used > 0 ? sum_rs / used : 0.0;
}

void Hurst::Add(double close) {
  returns_.Add(close);
  if (!returns_.Ready()) return;
  window_.Push(returns_.value());
  if (!window_.Full()) return;
  // Least squares of y = ln RS on x = ln s.
  double sx = 0;
  double sy = 0;
  double sxx = 0;
  double sxy = 0;
  int points = 0;
  for (int size = period_; size >= kMinChunk; size /= 2) {
    const double rs = MeanRescaledRange(size);
    if (rs <= 0) continue;
    const double x = std::log(static_cast<double>(size));
    const double y = std::log(rs);
    sx += x;
    sy += y;
    sxx += x * x;
    sxy += x * y;
    ++points;
  }
  if (points < 2) {
    value_ = 0.5;
    return;
  }
  value_ = (points * sxy - sx * sy) / (points * sxx - sx * sx);
}

void Hurst::Reset() {
  returns_.Reset();
  window_.Clear();
  value_ = kNaN;
}

}  // namespace pulse::indicators
