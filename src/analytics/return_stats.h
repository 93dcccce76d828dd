// Return statistics of a series of simple per-period returns (0.01 = +1 %), following the
// conventions of empyrical (quantopian/empyrical), whose test cases replay in
// tests/oracle/empyrical_oracle_test.cc:
//   - NaN returns are ignored by the means and standard deviations (Sharpe, Sortino, downside
//     risk, volatility, omega), counted in the length for the annual return (years = n / ppy)
//     and for the "fewer than 2 returns" rules, and compound as 0 (cumulative returns,
//     drawdown). Quantiles (VaR, CVaR, tail ratio) and stability drop NaNs.
//   - risk_free and required_return of Sharpe / Sortino / downside risk are PER PERIOD; omega's
//     required_return is ANNUAL (converted with (1 + r)^(1/ppy) - 1).
//   - Equity starts at 1 before the first return, so a first loss is a drawdown.
//   - Quantiles interpolate linearly between order statistics (numpy.percentile's default).
// Each figure is also a standalone function; ComputeReturnStats computes them all in one pass
// plus one partial selection for the quantiles (and gives the same numbers).
// Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <vector>

#include "analytics/drawdown.h"
#include "core/status.h"

namespace pulse::analytics {

// Periods per year for the usual sampling frequencies (empyrical's annualization factors).
inline constexpr double kDailyPeriodsPerYear = 252;
inline constexpr double kWeeklyPeriodsPerYear = 52;
inline constexpr double kMonthlyPeriodsPerYear = 12;
inline constexpr double kQuarterlyPeriodsPerYear = 4;
inline constexpr double kYearlyPeriodsPerYear = 1;
// Crypto trades every day of the year.
inline constexpr double kCryptoDailyPeriodsPerYear = 365;

// How VaR and CVaR are estimated: from the observed returns (historical) or from a normal
// distribution with the sample mean and standard deviation (parametric).
enum class VarMethod { kHistorical, kParametric };

struct ReturnStatsOptions {
  double periods_per_year = kDailyPeriodsPerYear;  // > 0
  double risk_free = 0;       // per period; also the Sortino / downside-risk target
  double omega_required = 0;  // omega's required return, annual (> -1)
  VarMethod var_method = VarMethod::kHistorical;
};

// Every figure of a return series. NaN where a figure is undefined (see each function).
struct ReturnStats {
  std::int64_t periods = 0;       // returns given, NaN included
  std::int64_t observations = 0;  // non-NaN returns
  double total_return = 0;        // prod(1 + r) - 1
  double annual_return = 0;       // CAGR: (1 + total)^(ppy / periods) - 1
  double annual_volatility = 0;
  double sharpe = 0;
  double sortino = 0;
  double calmar = 0;
  double downside_risk = 0;  // annualized
  double omega = 0;
  double tail_ratio = 0;
  double stability = 0;
  double var_95 = 0;   // 5 % quantile of the per-period returns (a loss is negative)
  double cvar_95 = 0;  // mean of the returns at or below it
  double var_99 = 0;
  double cvar_99 = 0;
  double ulcer_index = 0;  // sqrt(mean(drawdown^2)), drawdowns as fractions
  DrawdownInfo drawdown;   // max drawdown with peak / trough / recovery, current drawdown
};

// All figures at once. InvalidArgument when periods_per_year is not a positive finite number or
// omega_required is not above -1. An empty series gives periods 0 and every figure NaN.
Result<ReturnStats> ComputeReturnStats(std::span<const double> returns,
                                       const ReturnStatsOptions& options = {});

// --- standalone figures (empyrical names and conventions) ---------------------------------

// prod(1 + r) over the series (NaN as 0), times starting_value; starting_value 0 gives the
// cumulative return prod - 1. NaN for an empty series.
double CumReturnsFinal(std::span<const double> returns, double starting_value = 0);
// The running version of CumReturnsFinal, one value per return.
std::vector<double> CumReturns(std::span<const double> returns, double starting_value = 0);
// CAGR; NaN when empty.
double AnnualReturn(std::span<const double> returns, double periods_per_year);
// std(ddof=1) * sqrt(ppy); NaN for fewer than 2 returns.
double AnnualVolatility(std::span<const double> returns, double periods_per_year);
// mean(r - rf) / std(r - rf, ddof=1) * sqrt(ppy); +-inf when the deviation is 0 and the mean is
// not; NaN for fewer than 2 returns.
double SharpeRatio(std::span<const double> returns, double risk_free, double periods_per_year);
// sqrt(mean(min(r - required, 0)^2)) * sqrt(ppy) over all non-NaN returns; NaN when empty.
double DownsideRisk(std::span<const double> returns, double required_return,
                    double periods_per_year);
// mean(r - required) * ppy / DownsideRisk; +inf with no return below the target and a positive
// mean; NaN for fewer than 2 returns.
double SortinoRatio(std::span<const double> returns, double required_return,
                    double periods_per_year);
// AnnualReturn / |MaxDrawdown|; NaN when there is no drawdown or the ratio is infinite.
double CalmarRatio(std::span<const double> returns, double periods_per_year);
// Gains over losses of r - risk_free - threshold, threshold = (1 + required_annual)^(1/ppy) - 1
// (required_annual itself when ppy is 1); NaN with no losses, fewer than 2 returns, or
// required_annual <= -1.
double OmegaRatio(std::span<const double> returns, double risk_free, double required_annual,
                  double periods_per_year);
// |95th percentile| / |5th percentile|; NaN when empty.
double TailRatio(std::span<const double> returns);
// R^2 of a least-squares line through cumsum(log1p(r)) against 0..n-1; NaN for fewer than 2,
// 0 when that sum is flat (scipy's linregress gives r = 0 there).
double StabilityOfTimeseries(std::span<const double> returns);
// The `cutoff` quantile (0..1) of the returns, linear interpolation; NaN when empty.
double ValueAtRisk(std::span<const double> returns, double cutoff = 0.05);
// Mean of the k+1 smallest returns, k = floor((n - 1) * cutoff); NaN when empty.
double ConditionalValueAtRisk(std::span<const double> returns, double cutoff = 0.05);
// Normal-distribution VaR and CVaR at `cutoff` (0.05 or 0.01 style) from the sample mean and
// standard deviation (ddof=1): mean + z * std and mean - std * pdf(z) / cutoff. NaN for fewer
// than 2 returns or a cutoff outside (0, 1).
double ParametricValueAtRisk(std::span<const double> returns, double cutoff = 0.05);
double ParametricConditionalValueAtRisk(std::span<const double> returns, double cutoff = 0.05);
// numpy.percentile(values, 100 * q) with linear interpolation, NaNs dropped; NaN when empty.
double Percentile(std::span<const double> values, double q);
// Percentile at each of `qs`, sorting the values once.
std::vector<double> Percentiles(std::span<const double> values, std::span<const double> qs);

// mean(r - f) / std(r - f, ddof=1) over aligned series, not annualized; NaN for fewer than 2.
double ExcessSharpe(std::span<const double> returns, std::span<const double> factor);

// --- against a benchmark (aligned series of equal length) ---------------------------------

struct AlphaBeta {
  double alpha = 0;  // annualized by compounding: (mean(r - rf - beta (b - rf)) + 1)^ppy - 1
  double beta = 0;   // cov(r, b) / var(b), population moments over pairs with no NaN
};
// NaN for fewer than 2 returns or a benchmark variance below 1e-30.
AlphaBeta ComputeAlphaBeta(std::span<const double> returns, std::span<const double> benchmark,
                           double risk_free, double periods_per_year);
// AnnualReturn(returns) / AnnualReturn(benchmark).
double CaptureRatio(std::span<const double> returns, std::span<const double> benchmark,
                    double periods_per_year);
// The capture ratio over the periods where the benchmark rose (up) or fell (down).
double UpCaptureRatio(std::span<const double> returns, std::span<const double> benchmark,
                      double periods_per_year);
double DownCaptureRatio(std::span<const double> returns, std::span<const double> benchmark,
                        double periods_per_year);
// UpCaptureRatio / DownCaptureRatio.
double UpDownCaptureRatio(std::span<const double> returns, std::span<const double> benchmark,
                          double periods_per_year);

// A figure evaluated on every trailing window of `window` returns: n - window + 1 values (none
// when the series is shorter than the window or window is 0).
std::vector<double> Rolling(std::span<const double> returns, std::size_t window,
                            const std::function<double(std::span<const double>)>& figure);

}  // namespace pulse::analytics
