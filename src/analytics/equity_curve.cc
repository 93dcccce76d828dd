#include "analytics/equity_curve.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace pulse::analytics {

namespace {

// floor((t - origin) / period) for negative differences too.
std::int64_t PeriodIndex(UnixNanos t, UnixNanos origin, UnixNanos period) {
  return FloorDiv(t - origin, period);
}

// ISO 8601 week number (1..53) of a UTC time.
int IsoWeekNumber(UnixNanos t) {
  const CivilTime c = ToCivil(t);
  const std::int64_t day = DaysFromCivil(c.year, c.month, c.day);
  const int weekday = IsoWeekday(t);  // 0 = Monday .. 6 = Sunday
  // The Thursday of this week decides the ISO year; week 1 holds that year's first Thursday.
  const std::int64_t thursday = day - weekday + 3;
  const CivilTime th = ToCivil(thursday * kNanosPerDay);
  const std::int64_t jan1 = DaysFromCivil(th.year, 1, 1);
  return static_cast<int>((thursday - jan1) / 7 + 1);
}

std::int64_t CalendarKey(UnixNanos t, CalendarPeriod period) {
  const CivilTime c = ToCivil(t);
  switch (period) {
    case CalendarPeriod::kWeekly:
      return c.year * 100 + IsoWeekNumber(t);
    case CalendarPeriod::kMonthly:
      return c.year * 100 + c.month;
    case CalendarPeriod::kQuarterly:
      return c.year * 100 + (c.month - 1) / 3;
    case CalendarPeriod::kYearly:
      return c.year;
  }
  return 0;
}

}  // namespace

Result<std::vector<EquityPoint>> BuildEquityCurve(std::span<const TradeRecord> trades,
                                                  double starting_equity, UnixNanos start_time) {
  if (!(starting_equity > 0) || std::isinf(starting_equity)) {
    return InvalidArgumentError("starting equity must be a positive number, got {}",
                                starting_equity);
  }
  std::vector<std::size_t> order(trades.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return trades[a].exit_time < trades[b].exit_time;
  });
  std::vector<EquityPoint> curve;
  curve.reserve(trades.size() + 1);
  curve.push_back({start_time, starting_equity});
  double equity = starting_equity;
  for (std::size_t i : order) {
    const TradeRecord& t = trades[i];
    if (!t.pnl_quote) {
      return InvalidArgumentError("trade of signal {} has no quote P&L for the equity curve",
                                  t.signal_id);
    }
    if (t.exit_time < start_time) {
      return InvalidArgumentError("trade of signal {} exits at {}, before the curve starts at {}",
                                  t.signal_id, FormatIso8601(t.exit_time),
                                  FormatIso8601(start_time));
    }
    equity += *t.pnl_quote;
    curve.push_back({t.exit_time, equity});
  }
  return curve;
}

Result<std::vector<PeriodReturn>> ResampleReturns(std::span<const EquityPoint> curve,
                                                  UnixNanos period, UnixNanos origin) {
  if (period <= 0) return InvalidArgumentError("the period must be positive, got {} ns", period);
  if (curve.empty()) return InvalidArgumentError("the equity curve is empty");
  for (std::size_t i = 0; i < curve.size(); ++i) {
    if (!(curve[i].equity > 0) || std::isinf(curve[i].equity)) {
      return InvalidArgumentError("equity at point {} ({}) is {}: returns need positive equity", i,
                                  FormatIso8601(curve[i].time), curve[i].equity);
    }
    if (i > 0 && curve[i].time < curve[i - 1].time) {
      return InvalidArgumentError("equity point {} ({}) is earlier than the one before it", i,
                                  FormatIso8601(curve[i].time));
    }
  }
  const std::int64_t first = PeriodIndex(curve.front().time, origin, period);
  const std::int64_t last = PeriodIndex(curve.back().time, origin, period);
  std::vector<PeriodReturn> out;
  out.reserve(static_cast<std::size_t>(last - first + 1));
  double previous = curve.front().equity;
  std::size_t next = 0;
  for (std::int64_t k = first; k <= last; ++k) {
    const UnixNanos end = origin + (k + 1) * period;
    double equity = previous;
    while (next < curve.size() && curve[next].time < end) equity = curve[next++].equity;
    out.push_back({origin + k * period, equity / previous - 1});
    previous = equity;
  }
  return out;
}

Result<std::vector<double>> BarReturns(std::span<const double> equity) {
  std::vector<double> out;
  if (equity.size() < 2) return out;
  out.reserve(equity.size() - 1);
  for (std::size_t i = 0; i < equity.size(); ++i) {
    if (!(equity[i] > 0) || std::isinf(equity[i])) {
      return InvalidArgumentError("equity at index {} is {}: returns need positive equity", i,
                                  equity[i]);
    }
    if (i > 0) out.push_back(equity[i] / equity[i - 1] - 1);
  }
  return out;
}

Result<std::vector<PeriodReturn>> AggregateReturns(std::span<const double> returns,
                                                   std::span<const UnixNanos> times,
                                                   CalendarPeriod period) {
  if (returns.size() != times.size()) {
    return InvalidArgumentError("{} returns but {} times", returns.size(), times.size());
  }
  std::vector<PeriodReturn> out;
  std::int64_t key = 0;
  double growth = 1;
  for (std::size_t i = 0; i < returns.size(); ++i) {
    if (i > 0 && times[i] < times[i - 1]) {
      return InvalidArgumentError("time {} ({}) is earlier than the one before it", i,
                                  FormatIso8601(times[i]));
    }
    const std::int64_t k = CalendarKey(times[i], period);
    if (i == 0 || k != key) {
      if (i > 0) out.back().value = growth - 1;
      out.push_back({times[i], 0});
      growth = 1;
    }
    key = k;
    if (!std::isnan(returns[i])) growth *= 1 + returns[i];
  }
  if (!returns.empty()) out.back().value = growth - 1;
  return out;
}

}  // namespace pulse::analytics
