// Equity curves and the returns fed to ComputeReturnStats: the equity of an account that starts
// with some quote capital and books each closed trade's quote P&L at its exit time; that curve
// resampled to one return per fixed period (daily UTC by default); per-bar returns of an equity
// series; and calendar aggregation of returns (empyrical's aggregate_returns).
// Pure functions; thread-safe.
#pragma once

#include <span>
#include <vector>

#include "analytics/trade_record.h"
#include "core/status.h"
#include "core/time.h"

namespace pulse::analytics {

struct EquityPoint {
  UnixNanos time = 0;
  double equity = 0;
  bool operator==(const EquityPoint&) const = default;
};

// The starting point (start_time, starting_equity), then one point per trade in exit-time
// order (ties in the given order) with the trade's pnl_quote added. InvalidArgument when
// starting_equity is not positive, a trade has no quote P&L or exits before start_time (naming
// the signal).
Result<std::vector<EquityPoint>> BuildEquityCurve(std::span<const TradeRecord> trades,
                                                  double starting_equity, UnixNanos start_time);

// One compounded return per period: period k covers [origin + k p, origin + (k+1) p); the
// equity of a period is the last point at or before its end, and a period's return is that
// over the previous period's equity - 1 (the first period against the curve's first point).
// Periods run from the one holding the first point to the one holding the last; quiet periods
// give 0. InvalidArgument for a non-positive period, an empty curve, points out of time order
// or a non-positive equity.
struct PeriodReturn {
  UnixNanos period_start = 0;
  double value = 0;
  bool operator==(const PeriodReturn&) const = default;
};
Result<std::vector<PeriodReturn>> ResampleReturns(std::span<const EquityPoint> curve,
                                                  UnixNanos period = kNanosPerDay,
                                                  UnixNanos origin = 0);

// e[i] / e[i-1] - 1 for i >= 1 (n - 1 values). InvalidArgument for a non-positive or non-finite
// equity (naming its index).
Result<std::vector<double>> BarReturns(std::span<const double> equity);

// Calendar groups for AggregateReturns (UTC): weekly = calendar year and ISO week number (as
// empyrical groups), monthly, quarterly, yearly.
enum class CalendarPeriod { kWeekly, kMonthly, kQuarterly, kYearly };

// prod(1 + r) - 1 within each calendar group, groups in time order (NaN returns count as 0),
// each with the time of its first return as period_start. InvalidArgument when the lengths
// differ or the times are not ascending.
Result<std::vector<PeriodReturn>> AggregateReturns(std::span<const double> returns,
                                                   std::span<const UnixNanos> times,
                                                   CalendarPeriod period);

}  // namespace pulse::analytics
