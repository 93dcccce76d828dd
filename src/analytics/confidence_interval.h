// How sure a figure is: the Wilson score interval of a win rate, the Student-t interval of a
// mean P&L and the one-sided t-test that it is above zero. Seven trades at a 43 % win rate say
// almost nothing (15-75 %); these make a report say so. Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <optional>

namespace pulse::analytics {

// A two-sided interval.
struct Interval {
  double low = 0;
  double high = 0;
};

// The Wilson score interval of `successes` out of `n` trials at the two-sided `level` (0.95:
// z = 1.96); nullopt for n < 1, successes outside 0..n or a level outside (0, 1).
std::optional<Interval> WilsonInterval(std::int64_t successes, std::int64_t n, double level = 0.95);

// The z of a one-sided `level`: the normal's `level` quantile (0.95: 1.645); nullopt for a
// level outside (0, 1).
std::optional<double> OneSidedZ(double level);

// A win-rate confidence setting (the traffic light's and its forecast's win_rate_confidence):
// 0 (off: the observed win rate is judged) or a one-sided level in [0.5, 1).
bool IsWinRateConfidence(double level);
// The z the win-rate rules judge with: 0 when off, else OneSidedZ(level). Needs
// IsWinRateConfidence(level) (checked).
double WinRateConfidenceZ(double level);

// The upper end of the Wilson score interval of `successes` out of `n` for this z: the win
// rate the sample is OneSidedZ(level)'s `level` sure the true one is below. For z = 0 it is
// exactly successes / n. Needs n >= 1, 0 <= successes <= n and z >= 0 (checked).
double WilsonUpper(std::int64_t successes, std::int64_t n, double z);

// mean -/+ t(level, n - 1) * sd / sqrt(n) for a sample of `n` values with this mean and sample
// deviation (n - 1); nullopt for n < 2, a deviation that is not positive or a bad level.
std::optional<Interval> MeanInterval(double mean, double sd, std::int64_t n, double level = 0.95);

// The one-sided p-value of "the true mean is above zero": P(T >= mean / (sd / sqrt(n))) for T
// Student-t with n - 1 degrees of freedom. Small when the sample's mean is well above zero;
// nullopt as MeanInterval.
std::optional<double> MeanAboveZeroPValue(double mean, double sd, std::int64_t n);

}  // namespace pulse::analytics
