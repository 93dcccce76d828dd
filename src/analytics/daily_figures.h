// What an equity curve did day by day, as a backtest summary shows it next to the return
// statistics: how many UTC days gained, stayed flat or lost, the best and the worst day, the
// lowest and the highest equity, the deepest fall from a high in quote currency and the longest
// time below a high (over every point of the curve, not only day ends). Pure functions;
// thread-safe.
#pragma once

#include <cstdint>
#include <span>

#include "analytics/equity_curve.h"
#include "core/status.h"

namespace pulse::analytics {

// A day's compounded return (ResampleReturns, daily UTC) is flat when its size is at most this.
inline constexpr double kFlatDayReturn = 1e-12;

// The day figures of one curve. Ties go to the earliest: the first best day, the first point at
// the lowest equity, the first fall of the deepest size.
struct DailyFigures {
  std::int64_t days = 0;  // UTC days from the first point's to the last point's
  std::int64_t winning_days = 0;
  std::int64_t flat_days = 0;
  std::int64_t losing_days = 0;
  PeriodReturn best_day;   // the highest daily return and the start of its day
  PeriodReturn worst_day;  // the lowest
  EquityPoint lowest;
  EquityPoint highest;
  // The deepest fall: from the high `fall_peak` (the highest point before the trough) to
  // `fall_trough`; both the first point when the equity never fell.
  EquityPoint fall_peak;
  EquityPoint fall_trough;
  // fall_peak.equity - fall_trough.equity (>= 0) and that as a fraction of the peak (<= 0).
  double FallQuote() const { return fall_peak.equity - fall_trough.equity; }
  double FallFraction() const { return fall_trough.equity / fall_peak.equity - 1; }
  // The longest time under water: from the first point below a high to the first later point
  // back at or above it, or to the curve's last point when it never got back (`recovered`
  // false); the equity holds between points, so this is how long it stayed below the high.
  // Both the first point's time when the equity never fell.
  UnixNanos underwater_from = 0;
  UnixNanos underwater_to = 0;
  bool underwater_recovered = true;
  UnixNanos UnderwaterNanos() const { return underwater_to - underwater_from; }
  bool operator==(const DailyFigures&) const = default;
};

// The day figures of `curve` (points in time order, positive equity). InvalidArgument as
// ResampleReturns: an empty curve, points out of time order or a non-positive equity.
Result<DailyFigures> ComputeDailyFigures(std::span<const EquityPoint> curve);

}  // namespace pulse::analytics
