#include "analytics/daily_figures.h"

#include <cmath>

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
  EquityPoint high = curve.front();
  for (const EquityPoint& p : curve) {
    if (p.equity < f.lowest.equity) f.lowest = p;
    if (p.equity > f.highest.equity) f.highest = p;
    if (p.equity > high.equity) high = p;
    if (high.equity - p.equity > f.FallQuote()) {
      f.fall_peak = high;
      f.fall_trough = p;
    }
  }
  return f;
}

}  // namespace pulse::analytics
