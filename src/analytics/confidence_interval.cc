#include "analytics/confidence_interval.h"

#include <algorithm>
#include <cmath>

#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/students_t.hpp>

namespace pulse::analytics {

namespace {

bool GoodLevel(double level) { return level > 0 && level < 1; }

bool GoodSample(double mean, double sd, std::int64_t n) {
  return n >= 2 && std::isfinite(mean) && std::isfinite(sd) && sd > 0;
}

}  // namespace

std::optional<Interval> WilsonInterval(std::int64_t successes, std::int64_t n, double level) {
  if (n < 1 || successes < 0 || successes > n || !GoodLevel(level)) return std::nullopt;
  const double z = boost::math::quantile(boost::math::normal(), 0.5 + level / 2);
  const double trials = static_cast<double>(n);
  const double p = static_cast<double>(successes) / trials;
  const double z2 = z * z;
  const double centre = (p + z2 / (2 * trials)) / (1 + z2 / trials);
  const double half =
      z / (1 + z2 / trials) * std::sqrt(p * (1 - p) / trials + z2 / (4 * trials * trials));
  return Interval{std::max(0.0, centre - half), std::min(1.0, centre + half)};
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
