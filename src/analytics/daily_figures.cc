#include "analytics/daily_figures.h"

#include <cmath>
#include <optional>

namespace pulse::analytics {

Result<DailyFigures> ComputeDailyFigures(std::span<const EquityPoint> curve) {
  ASSIGN_OR_RETURN(const std::vector<PeriodReturn> daily, ResampleReturns(curve, kNanosPerDay, 0));
  DailyFigures f;
  f.days = static_cast<std::int64_t>(daily.size());
  f.best_day = daily.front();
  f.worst_day = daily.front();
  for (const PeriodReturn& day : daily) {
    if (std::fabs(day.value) <= kFlatDayReturn) {
      ++f.flat_days;
    } else if (day.value > 0) {
      ++f.winning_days;
    } else {
      ++f.losing_days;
    }
    if (day.value > f.best_day.value) f.best_day = day;
    if (day.value < f.worst_day.value) f.worst_day = day;
  }
  f.lowest = f.highest = f.fall_peak = f.fall_trough = curve.front();
  f.underwater_from = f.underwater_to = curve.front().time;
  EquityPoint high = curve.front();
  // Since when the equity has been below the high (none while at or above it).
  std::optional<UnixNanos> under;
  const auto stretch = [&](UnixNanos from, UnixNanos to, bool recovered) {
    if (to - from > f.UnderwaterNanos()) {
      f.underwater_from = from;
      f.underwater_to = to;
      f.underwater_recovered = recovered;
    }
  };
  for (const EquityPoint& p : curve) {
    if (p.equity < f.lowest.equity) f.lowest = p;
    if (p.equity > f.highest.equity) f.highest = p;
    if (p.equity > high.equity) high = p;
    if (high.equity - p.equity > f.FallQuote()) {
      f.fall_peak = high;
      f.fall_trough = p;
    }
    if (p.equity < high.equity) {
      if (!under) under = p.time;
    } else if (under) {
      stretch(*under, p.time, /*recovered=*/true);
      under.reset();
    }
  }
  if (under) stretch(*under, curve.back().time, /*recovered=*/false);
  return f;
}

}  // namespace pulse::analytics
