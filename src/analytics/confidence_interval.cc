#include "analytics/confidence_interval.h"

#include <algorithm>
#include <cmath>

#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/students_t.hpp>

#include "core/check.h"

namespace pulse::analytics {

namespace {

bool GoodLevel(double level) { return level > 0 && level < 1; }

bool GoodSample(double mean, double sd, std::int64_t n) {
  return n >= 2 && std::isfinite(mean) && std::isfinite(sd) && sd > 0;
}

// The Wilson score interval for a z, before clamping to [0, 1].
Interval WilsonUnclamped(std::int64_t successes, std::int64_t n, double z) {
  const double trials = static_cast<double>(n);
  const double p = static_cast<double>(successes) / trials;
  const double z2 = z * z;
  const double centre = (p + z2 / (2 * trials)) / (1 + z2 / trials);
  const double half =
      z / (1 + z2 / trials) * std::sqrt(p * (1 - p) / trials + z2 / (4 * trials * trials));
  return Interval{centre - half, centre + half};
}

}  // namespace

std::optional<Interval> WilsonInterval(std::int64_t successes, std::int64_t n, double level) {
  if (n < 1 || successes < 0 || successes > n || !GoodLevel(level)) return std::nullopt;
  const double z = boost::math::quantile(boost::math::normal(), 0.5 + level / 2);
  const Interval i = WilsonUnclamped(successes, n, z);
  return Interval{std::max(0.0, i.low), std::min(1.0, i.high)};
}

std::optional<double> OneSidedZ(double level) {
  if (!GoodLevel(level)) return std::nullopt;
  return boost::math::quantile(boost::math::normal(), level);
}

bool IsWinRateConfidence(double level) { return level == 0 || (level >= 0.5 && level < 1); }

double WinRateConfidenceZ(double level) {
  CHECK_MSG(IsWinRateConfidence(level), "WinRateConfidenceZ needs 0 or a level in [0.5, 1)");
  return level == 0 ? 0 : *OneSidedZ(level);
}

double WilsonUpper(std::int64_t successes, std::int64_t n, double z) {
  CHECK_MSG(n >= 1 && successes >= 0 && successes <= n && z >= 0,
            "WilsonUpper needs 0 <= successes <= n, n >= 1 and z >= 0");
  return std::min(1.0, WilsonUnclamped(successes, n, z).high);
}

std::optional<Interval> MeanInterval(double mean, double sd, std::int64_t n, double level) {
  if (!GoodSample(mean, sd, n) || !GoodLevel(level)) return std::nullopt;
  const boost::math::students_t t(static_cast<double>(n - 1));
  const double half =
      boost::math::quantile(t, 0.5 + level / 2) * sd / std::sqrt(static_cast<double>(n));
  return Interval{mean - half, mean + half};
}

std::optional<double> MeanAboveZeroPValue(double mean, double sd, std::int64_t n) {
  if (!GoodSample(mean, sd, n)) return std::nullopt;
  const boost::math::students_t t(static_cast<double>(n - 1));
  const double statistic = mean / (sd / std::sqrt(static_cast<double>(n)));
  return boost::math::cdf(boost::math::complement(t, statistic));
}

}  // namespace pulse::analytics
