#include "analytics/return_stats.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace pulse::analytics {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Mean and sample standard deviation (ddof=1) of the non-NaN values, summed around the first
// value so that a constant series has exactly zero deviation.
struct Moments {
  std::int64_t count = 0;
  double mean = kNaN;
  double stdev = kNaN;
};

Moments NanMoments(std::span<const double> values, double offset) {
  Moments m;
  double shift = 0, s1 = 0, s2 = 0;
  for (double v : values) {
    if (std::isnan(v)) continue;
    const double x = v - offset;
    if (m.count == 0) shift = x;
    const double d = x - shift;
    s1 += d;
    s2 += d * d;
    ++m.count;
  }
  if (m.count == 0) return m;
  const auto n = static_cast<double>(m.count);
  m.mean = shift + s1 / n;
  if (m.count > 1) m.stdev = std::sqrt(std::max(0.0, (s2 - s1 * s1 / n) / (n - 1)));
  return m;
}

std::vector<double> DropNaN(std::span<const double> values) {
  std::vector<double> out;
  out.reserve(values.size());
  for (double v : values)
    if (!std::isnan(v)) out.push_back(v);
  return out;
}

// Linear interpolation between the order statistics around position q * (n - 1) of a sorted
// vector.
double SortedQuantile(const std::vector<double>& sorted, double q) {
  const double pos = q * static_cast<double>(sorted.size() - 1);
  const auto lo = static_cast<std::size_t>(std::floor(pos));
  const double frac = pos - static_cast<double>(lo);
  if (lo + 1 >= sorted.size() || frac == 0) return sorted[lo];
  return sorted[lo] + (sorted[lo + 1] - sorted[lo]) * frac;
}

// Inverse standard normal CDF at the two cutoffs the parametric VaR is used with, and an
// Acklam-style rational approximation elsewhere (relative error below 1.2e-9).
double NormalQuantile(double p) {
  static constexpr double a[] = {-3.969683028665376e+01, 2.209460984245205e+02,
                                 -2.759285104469687e+02, 1.383577518672690e+02,
                                 -3.066479806614716e+01, 2.506628277459239e+00};
  static constexpr double b[] = {-5.447609879822406e+01, 1.615858368580409e+02,
                                 -1.556989798598866e+02, 6.680131188771972e+01,
                                 -1.328068155288572e+01};
  static constexpr double c[] = {-7.784894002430293e-03, -3.223964580411365e-01,
                                 -2.400758277161838e+00, -2.549732539343734e+00,
                                 4.374664141464968e+00,  2.938163982698783e+00};
  static constexpr double d[] = {7.784695709041462e-03, 3.224671290700398e-01,
                                 2.445134137142996e+00, 3.754408661907416e+00};
  if (p == 0.05) return -1.6448536269514722;
  if (p == 0.01) return -2.3263478740408408;
  constexpr double kLow = 0.02425;
  if (p < kLow) {
    const double q = std::sqrt(-2 * std::log(p));
    return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
           ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  if (p > 1 - kLow) return -NormalQuantile(1 - p);
  const double q = p - 0.5;
  const double r = q * q;
  return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
         (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}

double NormalPdf(double z) { return std::exp(-0.5 * z * z) / std::sqrt(2 * M_PI); }

double OmegaThreshold(double required_annual, double periods_per_year) {
  if (periods_per_year == 1) return required_annual;
  return std::pow(1 + required_annual, 1 / periods_per_year) - 1;
}

}  // namespace

double CumReturnsFinal(std::span<const double> returns, double starting_value) {
  if (returns.empty()) return kNaN;
  double growth = 1;
  for (double r : returns)
    if (!std::isnan(r)) growth *= 1 + r;
  return starting_value == 0 ? growth - 1 : growth * starting_value;
}

std::vector<double> CumReturns(std::span<const double> returns, double starting_value) {
  std::vector<double> out;
  out.reserve(returns.size());
  double growth = 1;
  for (double r : returns) {
    if (!std::isnan(r)) growth *= 1 + r;
    out.push_back(starting_value == 0 ? growth - 1 : growth * starting_value);
  }
  return out;
}

double AnnualReturn(std::span<const double> returns, double periods_per_year) {
  if (returns.empty()) return kNaN;
  const double years = static_cast<double>(returns.size()) / periods_per_year;
  return std::pow(CumReturnsFinal(returns, 1), 1 / years) - 1;
}

double AnnualVolatility(std::span<const double> returns, double periods_per_year) {
  if (returns.size() < 2) return kNaN;
  return NanMoments(returns, 0).stdev * std::sqrt(periods_per_year);
}

double SharpeRatio(std::span<const double> returns, double risk_free, double periods_per_year) {
  if (returns.size() < 2) return kNaN;
  const Moments m = NanMoments(returns, risk_free);
  return m.mean / m.stdev * std::sqrt(periods_per_year);
}

double DownsideRisk(std::span<const double> returns, double required_return,
                    double periods_per_year) {
  double sum = 0;
  std::int64_t n = 0;
  for (double r : returns) {
    if (std::isnan(r)) continue;
    const double d = std::min(r - required_return, 0.0);
    sum += d * d;
    ++n;
  }
  if (n == 0) return kNaN;
  return std::sqrt(sum / static_cast<double>(n)) * std::sqrt(periods_per_year);
}

double SortinoRatio(std::span<const double> returns, double required_return,
                    double periods_per_year) {
  if (returns.size() < 2) return kNaN;
  const Moments m = NanMoments(returns, required_return);
  return m.mean * periods_per_year / DownsideRisk(returns, required_return, periods_per_year);
}

double CalmarRatio(std::span<const double> returns, double periods_per_year) {
  const double mdd = MaxDrawdown(returns);
  if (!(mdd < 0)) return kNaN;
  const double ratio = AnnualReturn(returns, periods_per_year) / std::fabs(mdd);
  return std::isinf(ratio) ? kNaN : ratio;
}

double OmegaRatio(std::span<const double> returns, double risk_free, double required_annual,
                  double periods_per_year) {
  if (returns.size() < 2 || required_annual <= -1) return kNaN;
  const double threshold = OmegaThreshold(required_annual, periods_per_year);
  double gains = 0, losses = 0;
  for (double r : returns) {
    const double x = r - risk_free - threshold;
    if (x > 0) gains += x;
    if (x < 0) losses -= x;
  }
  return losses > 0 ? gains / losses : kNaN;
}

double Percentile(std::span<const double> values, double q) {
  std::vector<double> v = DropNaN(values);
  if (v.empty()) return kNaN;
  std::sort(v.begin(), v.end());
  return SortedQuantile(v, q);
}

std::vector<double> Percentiles(std::span<const double> values, std::span<const double> qs) {
  std::vector<double> v = DropNaN(values);
  std::sort(v.begin(), v.end());
  std::vector<double> out;
  out.reserve(qs.size());
  for (double q : qs) out.push_back(v.empty() ? kNaN : SortedQuantile(v, q));
  return out;
}

double TailRatio(std::span<const double> returns) {
  std::vector<double> v = DropNaN(returns);
  if (v.empty()) return kNaN;
  std::sort(v.begin(), v.end());
  return std::fabs(SortedQuantile(v, 0.95)) / std::fabs(SortedQuantile(v, 0.05));
}

double ValueAtRisk(std::span<const double> returns, double cutoff) {
  return Percentile(returns, cutoff);
}

double ConditionalValueAtRisk(std::span<const double> returns, double cutoff) {
  std::vector<double> v = DropNaN(returns);
  if (v.empty()) return kNaN;
  const auto k = static_cast<std::size_t>(static_cast<double>(v.size() - 1) * cutoff);
  std::sort(v.begin(), v.end());
  double sum = 0;
  for (std::size_t i = 0; i <= k; ++i) sum += v[i];
  return sum / static_cast<double>(k + 1);
}

double ParametricValueAtRisk(std::span<const double> returns, double cutoff) {
  if (returns.size() < 2 || !(cutoff > 0 && cutoff < 1)) return kNaN;
  const Moments m = NanMoments(returns, 0);
  return m.mean + NormalQuantile(cutoff) * m.stdev;
}

double ParametricConditionalValueAtRisk(std::span<const double> returns, double cutoff) {
  if (returns.size() < 2 || !(cutoff > 0 && cutoff < 1)) return kNaN;
  const Moments m = NanMoments(returns, 0);
  return m.mean - m.stdev * NormalPdf(NormalQuantile(cutoff)) / cutoff;
}

double StabilityOfTimeseries(std::span<const double> returns) {
  if (returns.size() < 2) return kNaN;
  std::vector<double> y;
  y.reserve(returns.size());
  double level = 0;
  for (double r : returns) {
    if (std::isnan(r)) continue;
    level += std::log1p(r);
    y.push_back(level);
  }
  const auto n = static_cast<double>(y.size());
  if (y.size() < 2) return kNaN;
  const double mean_x = (n - 1) / 2;
  double mean_y = 0;
  for (double v : y) mean_y += v;
  mean_y /= n;
  double sxy = 0, syy = 0, sxx = 0;
  for (std::size_t i = 0; i < y.size(); ++i) {
    const double dx = static_cast<double>(i) - mean_x;
    const double dy = y[i] - mean_y;
    sxy += dx * dy;
    syy += dy * dy;
    sxx += dx * dx;
  }
  return syy == 0 ? 0.0 : sxy * sxy / (sxx * syy);
}

double ExcessSharpe(std::span<const double> returns, std::span<const double> factor) {
  if (returns.size() < 2 || returns.size() != factor.size()) return kNaN;
  std::vector<double> active(returns.size());
  for (std::size_t i = 0; i < returns.size(); ++i) active[i] = returns[i] - factor[i];
  const Moments m = NanMoments(active, 0);
  return m.mean / m.stdev;
}

AlphaBeta ComputeAlphaBeta(std::span<const double> returns, std::span<const double> benchmark,
                           double risk_free, double periods_per_year) {
  AlphaBeta ab{kNaN, kNaN};
  if (returns.size() < 2 || returns.size() != benchmark.size()) return ab;
  double sum_b = 0;
  std::int64_t n = 0;
  for (std::size_t i = 0; i < returns.size(); ++i) {
    if (std::isnan(returns[i]) || std::isnan(benchmark[i])) continue;
    sum_b += benchmark[i];
    ++n;
  }
  if (n == 0) return ab;
  const double mean_b = sum_b / static_cast<double>(n);
  double cov = 0, var = 0;
  for (std::size_t i = 0; i < returns.size(); ++i) {
    if (std::isnan(returns[i]) || std::isnan(benchmark[i])) continue;
    const double d = benchmark[i] - mean_b;
    cov += d * returns[i];
    var += d * d;
  }
  var /= static_cast<double>(n);
  if (var < 1e-30) return ab;
  ab.beta = cov / static_cast<double>(n) / var;
  double sum_alpha = 0;
  std::int64_t m = 0;
  for (std::size_t i = 0; i < returns.size(); ++i) {
    const double a = (returns[i] - risk_free) - ab.beta * (benchmark[i] - risk_free);
    if (std::isnan(a)) continue;
    sum_alpha += a;
    ++m;
  }
  ab.alpha = std::pow(sum_alpha / static_cast<double>(m) + 1, periods_per_year) - 1;
  return ab;
}

double CaptureRatio(std::span<const double> returns, std::span<const double> benchmark,
                    double periods_per_year) {
  return AnnualReturn(returns, periods_per_year) / AnnualReturn(benchmark, periods_per_year);
}

namespace {

double ConditionalCapture(std::span<const double> returns, std::span<const double> benchmark,
                          double periods_per_year, bool up) {
  if (returns.size() != benchmark.size()) return kNaN;
  std::vector<double> r, b;
  for (std::size_t i = 0; i < returns.size(); ++i) {
    if (up ? benchmark[i] > 0 : benchmark[i] < 0) {
      r.push_back(returns[i]);
      b.push_back(benchmark[i]);
    }
  }
  return CaptureRatio(r, b, periods_per_year);
}

}  // namespace

double UpCaptureRatio(std::span<const double> returns, std::span<const double> benchmark,
                      double periods_per_year) {
  return ConditionalCapture(returns, benchmark, periods_per_year, true);
}

double DownCaptureRatio(std::span<const double> returns, std::span<const double> benchmark,
                        double periods_per_year) {
  return ConditionalCapture(returns, benchmark, periods_per_year, false);
}

double UpDownCaptureRatio(std::span<const double> returns, std::span<const double> benchmark,
                          double periods_per_year) {
  return UpCaptureRatio(returns, benchmark, periods_per_year) /
         DownCaptureRatio(returns, benchmark, periods_per_year);
}

std::vector<double> Rolling(std::span<const double> returns, std::size_t window,
                            const std::function<double(std::span<const double>)>& figure) {
  std::vector<double> out;
  if (window == 0 || returns.size() < window) return out;
  out.reserve(returns.size() - window + 1);
  for (std::size_t i = 0; i + window <= returns.size(); ++i) {
    out.push_back(figure(returns.subspan(i, window)));
  }
  return out;
}

}  // namespace pulse::analytics
