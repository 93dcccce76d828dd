#include "indicators/rolling_moments.h"

#include <algorithm>
#include <cmath>

namespace pulse::indicators {

namespace {
// Variances at or below this are treated as zero (pandas' and TA-Lib's threshold).
constexpr double kZeroVariance = 1e-14;
// The sums are rebuilt early when sum((x - shift)^2) exceeds the central sum of squares (or the
// zero-variance level) this many times: the window's mean has moved far from the shift in units
// of its spread (a jump to a new, quiet level) and the central sums would lose digits.
constexpr double kMaxCancellation = 100;
}  // namespace

// ---- RollingMoments ----

RollingMoments::RollingMoments(int window) : values_(window) {}

void RollingMoments::Push(double x) {
  if (values_.Size() == 0) shift_ = x;
  if (values_.Full()) {
    const double d = values_.Oldest() - shift_;
    const double d2 = d * d;
    s1_ -= d;
    s2_ -= d2;
    s3_ -= d2 * d;
    s4_ -= d2 * d2;
  }
  values_.Push(x);
  const double d = x - shift_;
  const double d2 = d * d;
  s1_ += d;
  s2_ += d2;
  s3_ += d2 * d;
  s4_ += d2 * d2;
  const int n = values_.Size();
  const double central = s2_ - s1_ * s1_ / n;
  if (++since_rebase_ >= values_.Capacity() ||
      s2_ > kMaxCancellation * std::max(central, n * kZeroVariance)) {
    Rebase();
  }
}

void RollingMoments::Rebase() {
  since_rebase_ = 0;
  const int n = values_.Size();
  double sum = 0;
  for (int i = 0; i < n; ++i) sum += values_.Back(i);
  shift_ = sum / n;
  s1_ = s2_ = s3_ = s4_ = 0;
  for (int i = 0; i < n; ++i) {
    const double d = values_.Back(i) - shift_;
    const double d2 = d * d;
    s1_ += d;
    s2_ += d2;
    s3_ += d2 * d;
    s4_ += d2 * d2;
  }
}

void RollingMoments::Clear() {
  values_.Clear();
  shift_ = s1_ = s2_ = s3_ = s4_ = 0;
  since_rebase_ = 0;
}

double RollingMoments::CentralSum2() const {
  const double s2 = s2_ - s1_ * s1_ / Size();
  return s2 > 0 ? s2 : 0.0;
}

double RollingMoments::CentralSum3() const {
  const double a = s1_ / Size();
  return s3_ - 3 * a * s2_ + 2 * Size() * a * a * a;
}

double RollingMoments::CentralSum4() const {
  const double a = s1_ / Size();
  const double a2 = a * a;
  return s4_ - 4 * a * s3_ + 6 * a2 * s2_ - 3 * Size() * a2 * a2;
}

// ---- ZScore ----

void ZScore::Add(double x) {
  moments_.Push(x);
  if (!moments_.Full()) return;
  const double variance = moments_.CentralSum2() / (period_ - 1);
  value_ = variance <= kZeroVariance ? 0.0 : moments_.Deviation(x) / std::sqrt(variance);
}

void ZScore::Reset() {
  moments_.Clear();
  value_ = kNaN;
}

// ---- ReturnMoments ----

void ReturnMoments::Add(double close) {
  returns_.Add(close);
  if (!returns_.Ready()) return;
  moments_.Push(returns_.value());
  if (!moments_.Full()) return;
  const double n = period_;
  const double m2 = moments_.CentralSum2() / n;
  if (m2 <= kZeroVariance) {
    value_ = 0.0;
    return;
  }
  if (kind_ == Kind::kSkew) {
    const double m3 = moments_.CentralSum3() / n;
    value_ = std::sqrt(n * (n - 1)) / (n - 2) * m3 / (m2 * std::sqrt(m2));
  } else {
    const double m4 = moments_.CentralSum4() / n;
    value_ = ((n * n - 1) * m4 / (m2 * m2) - 3 * (n - 1) * (n - 1)) / ((n - 2) * (n - 3));
  }
}

void ReturnMoments::Reset() {
  returns_.Reset();
  moments_.Clear();
  value_ = kNaN;
}

}  // namespace pulse::indicators
