// ComputeReturnStats: every figure of return_stats.h from one pass over the returns
// (ReturnPass) plus partial selections (SelectNth) for the 1 %, 5 % and 95 % quantiles.
#include <algorithm>
#include <cmath>
#include <limits>

#include "analytics/return_pass.h"
#include "analytics/return_stats.h"
#include "analytics/select_nth.h"

namespace pulse::analytics {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kZ95 = -1.6448536269514722;  // standard normal quantile at 0.05
constexpr double kZ99 = -2.3263478740408408;  // at 0.01

struct Quantiles {
  double q01 = kNaN, q05 = kNaN, q95 = kNaN;
  double mean_low01 = kNaN, mean_low05 = kNaN;  // CVaR: mean of the k+1 smallest
};

double MinOf(const double* first, const double* last) { return *std::min_element(first, last); }

// Linear-interpolation quantile at `q` once v[k] is the k-th order statistic and every value
// after k is >= it; `next_first..next_last` holds the candidates for the (k+1)-th.
double Interpolate(double at_k, const double* next_first, const double* next_last, double pos,
                   std::size_t k) {
  const double frac = pos - static_cast<double>(k);
  if (frac == 0 || next_first == next_last) return at_k;
  return at_k + (MinOf(next_first, next_last) - at_k) * frac;
}

// The 5 % and 1 % quantiles and CVaRs of m values from b[0..len), which holds the len smallest
// of them (len == m, or enough that the order statistics needed are all inside).
void LowQuantiles(double* b, std::size_t len, std::size_t m, Quantiles& q) {
  const double last = static_cast<double>(m - 1);
  const double p05 = 0.05 * last, p01 = 0.01 * last;
  const auto k05 = static_cast<std::size_t>(p05);
  const auto k01 = static_cast<std::size_t>(p01);
  // 5 %: everything before k05 is <= b[k05], everything after is >=.
  SelectNth(b, b + k05, b + len);
  const double v05 = b[k05];
  q.q05 = Interpolate(v05, b + k05 + 1, b + len, p05, k05);
  double sum05 = 0;
  for (std::size_t i = 0; i <= k05; ++i) sum05 += b[i];
  q.mean_low05 = sum05 / static_cast<double>(k05 + 1);
  // 1 %: inside the first k05 + 1 values.
  SelectNth(b, b + k01, b + k05 + 1);
  q.q01 = (k01 + 1 <= k05) ? Interpolate(b[k01], b + k01 + 1, b + k05 + 1, p01, k01)
                           : Interpolate(b[k01], b + k05 + 1, b + len, p01, k01);
  double sum01 = 0;
  for (std::size_t i = 0; i <= k01; ++i) sum01 += b[i];
  q.mean_low01 = sum01 / static_cast<double>(k01 + 1);
}

// The 95 % quantile of m values from b[0..len), which holds the len largest of them.
void HighQuantile(double* b, std::size_t len, std::size_t m, Quantiles& q) {
  const double p95 = 0.95 * static_cast<double>(m - 1);
  const auto k95 = static_cast<std::size_t>(p95);
  const std::size_t j = k95 - (m - len);  // rank of k95 inside b
  SelectNth(b, b + j, b + len);
  q.q95 = Interpolate(b[j], b + j + 1, b + len, p95 - static_cast<double>(m - len), j);
}

// Below this many returns the quantiles come from a full copy; above, from the two tails.
constexpr std::size_t kTailSamplingFrom = 1 << 16;
constexpr std::size_t kTailSample = 8192;

// Bounds that should hold a bit more than the lowest 5 % and the highest 5 %, estimated from an
// evenly strided sample. Values at or below `low` and at or above `high` are collected during
// the pass; when a tail turns out too small (an unlucky sample) the caller copies everything.
struct TailBounds {
  bool sampled = false;
  double low = 0, high = 0;
};

TailBounds EstimateTails(std::span<const double> returns) {
  TailBounds t;
  if (returns.size() < kTailSamplingFrom) return t;
  std::vector<double> sample;
  sample.reserve(kTailSample);
  const std::size_t stride = returns.size() / kTailSample;
  for (std::size_t i = 0; i < returns.size(); i += stride)
    if (!std::isnan(returns[i])) sample.push_back(returns[i]);
  if (sample.size() < kTailSample / 2) return t;
  std::sort(sample.begin(), sample.end());
  const auto at = [&](double q) {
    return sample[static_cast<std::size_t>(q * static_cast<double>(sample.size() - 1))];
  };
  t.sampled = true;
  t.low = at(0.08);
  t.high = at(0.92);
  return t;
}

}  // namespace

Result<ReturnStats> ComputeReturnStats(std::span<const double> returns,
                                       const ReturnStatsOptions& options) {
  const double ppy = options.periods_per_year;
  if (!(ppy > 0) || std::isinf(ppy)) {
    return InvalidArgumentError("periods per year must be a positive number, got {}", ppy);
  }
  if (!std::isfinite(options.risk_free)) {
    return InvalidArgumentError("the risk-free rate must be a finite number, got {}",
                                options.risk_free);
  }
  if (!(options.omega_required > -1) || std::isinf(options.omega_required)) {
    return InvalidArgumentError("omega's required return must be above -1, got {}",
                                options.omega_required);
  }
  ReturnStats s;
  const std::size_t n = returns.size();
  s.periods = static_cast<std::int64_t>(n);
  if (n == 0) {
    for (double* f :
         {&s.total_return, &s.annual_return, &s.annual_volatility, &s.sharpe, &s.sortino, &s.calmar,
          &s.downside_risk, &s.omega, &s.tail_ratio, &s.stability, &s.var_95, &s.cvar_95, &s.var_99,
          &s.cvar_99, &s.ulcer_index, &s.drawdown.max_drawdown, &s.drawdown.current_drawdown}) {
      *f = kNaN;
    }
    return s;
  }

  const double rf = options.risk_free;
  const double omega_threshold =
      ppy == 1 ? options.omega_required : std::pow(1 + options.omega_required, 1 / ppy) - 1;

  // The tails of the distribution, for the quantiles (or every value when not sampled).
  const TailBounds tails = EstimateTails(returns);
  ReturnPass::Params params;
  params.periods = n;
  params.risk_free = rf;
  params.omega_threshold = omega_threshold;
  params.low_bound = tails.sampled ? tails.low : std::numeric_limits<double>::infinity();
  params.high_bound = tails.sampled ? tails.high : kNaN;
  params.tail_capacity = tails.sampled ? n / 8 : n;
  ReturnPass pass(params);
  pass.Run(returns);
  const ReturnSums& t = pass.sums();
  const std::size_t m = t.observations;
  DrawdownInfo& dd = s.drawdown;
  dd = t.drawdown;
  s.observations = static_cast<std::int64_t>(m);
  const double nd = static_cast<double>(n);
  const double md = static_cast<double>(m);

  const double growth = std::exp(t.log_offset) * t.scaled;
  s.total_return = growth - 1;
  s.annual_return = std::pow(growth, ppy / nd) - 1;
  dd.current_drawdown = t.scaled / t.high - 1;
  s.ulcer_index = std::sqrt(t.dd2 / nd);
  s.calmar = dd.max_drawdown < 0 ? s.annual_return / std::fabs(dd.max_drawdown) : kNaN;
  if (std::isinf(s.calmar)) s.calmar = kNaN;

  const double mean_excess = m > 0 ? t.shift + t.s1 / md : kNaN;
  // Rounding can take the variance a hair below zero; an overflow (NaN) stays NaN.
  const double variance = (t.s2 - t.s1 * t.s1 / md) / (md - 1);
  const double stdev = m > 1 ? (variance < 0 ? 0.0 : std::sqrt(variance)) : kNaN;
  const double sqrt_ppy = std::sqrt(ppy);
  s.downside_risk = m > 0 ? std::sqrt(t.down2 / md) * sqrt_ppy : kNaN;
  if (n < 2) {
    s.annual_volatility = s.sharpe = s.sortino = s.omega = kNaN;
  } else {
    s.annual_volatility = stdev * sqrt_ppy;
    s.sharpe = mean_excess / stdev * sqrt_ppy;
    s.sortino = mean_excess * ppy / s.downside_risk;
    s.omega = t.losses > 0 ? t.gains / t.losses : kNaN;
  }

  s.stability = kNaN;
  if (m >= 2) {
    // sums over centred x: sxx = sum (x - mean_x)^2 with x = 0..m-1 shifted by a constant.
    const double mean_xc = t.sx / md;
    const double mean_y = t.sy / md;
    const double sxx = md * (md * md - 1) / 12;
    const double cov = t.sxy - md * mean_xc * mean_y;
    const double vyy = t.syy - md * mean_y * mean_y;
    // A flat log equity has no fit to explain: 0, as scipy's linregress gives (r = 0).
    s.stability = vyy == 0 ? 0.0 : cov * cov / (sxx * vyy);
  }

  Quantiles q;
  std::span<double> low_tail = pass.low_tail();
  std::span<double> high_tail = pass.high_tail();
  std::vector<double> all_values;
  if (m > 0) {
    const double last = md - 1;
    const auto k05 = static_cast<std::size_t>(0.05 * last);
    const auto k95 = static_cast<std::size_t>(0.95 * last);
    const bool tails_hold =
        tails.sampled && low_tail.size() >= std::min(m, k05 + 2) && m - high_tail.size() <= k95;
    if (!tails_hold && tails.sampled) {
      all_values.reserve(m);
      for (double r : returns)
        if (!std::isnan(r)) all_values.push_back(r);
      low_tail = all_values;
    }
    LowQuantiles(low_tail.data(), low_tail.size(), m, q);
    if (tails_hold) {
      HighQuantile(high_tail.data(), high_tail.size(), m, q);
    } else {
      HighQuantile(low_tail.data(), low_tail.size(), m, q);
    }
  }
  s.tail_ratio = std::fabs(q.q95) / std::fabs(q.q05);
  if (options.var_method == VarMethod::kHistorical) {
    s.var_95 = q.q05;
    s.cvar_95 = q.mean_low05;
    s.var_99 = q.q01;
    s.cvar_99 = q.mean_low01;
  } else {
    // Parametric: normal with the sample mean and deviation of the returns themselves.
    const double mean = mean_excess + rf;
    const double pdf95 = std::exp(-0.5 * kZ95 * kZ95) / std::sqrt(2 * M_PI);
    const double pdf99 = std::exp(-0.5 * kZ99 * kZ99) / std::sqrt(2 * M_PI);
    s.var_95 = mean + kZ95 * stdev;
    s.cvar_95 = mean - stdev * pdf95 / 0.05;
    s.var_99 = mean + kZ99 * stdev;
    s.cvar_99 = mean - stdev * pdf99 / 0.01;
  }
  return s;
}

}  // namespace pulse::analytics
