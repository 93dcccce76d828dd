// EquityTracker: what the daily-loss and drawdown rules need from the equity curve: the equity
// at the start of the local calendar day, the peak, and the latest value.
#pragma once

#include <cstdint>
#include <optional>
#include <utility>

#include "core/status.h"
#include "core/time.h"
#include "engines/risk/calendar_day.h"

namespace pulse::risk {

// Lifecycle: owned by the TradingController; fed in time order.
// Threading: not thread-safe (the engine thread).
class EquityTracker {
 public:
  explicit EquityTracker(CalendarDay calendar) : calendar_(std::move(calendar)) {}

  // Records equity at `t`. The first value of a new local day starts that day from the last
  // value of the day before (or from itself when there is none); a value stamped at the local
  // midnight itself is the last of the day that ends there, and so the start of the next
  // (a bar closing at midnight belongs to the day it ends). InvalidArgument for a
  // non-finite or non-positive equity, or a time before the previous one.
  Status Add(UnixNanos t, double equity);
  // What Add would refuse (t, equity) for, without taking it.
  Status Check(UnixNanos t, double equity) const;
  // Moves to the local day of `now` without a new value: a new day starts from the last
  // equity, so today's loss is 0. Days only move forward; it does not change which equity
  // times Add accepts (a value stamped just before a later review is still taken; one from the
  // previous day that arrives after the roll counts towards the new day).
  void RollTo(UnixNanos now);
  // Starts afresh from the latest equity: it becomes the peak and today's start.
  void Rebase();

  bool has_equity() const { return equity_.has_value(); }
  double equity() const { return equity_.value_or(0); }
  double peak() const { return peak_.value_or(0); }
  double day_start() const { return day_start_.value_or(0); }
  // Today's loss as a share of the day's starting equity (0 when up on the day or no data).
  double loss_today() const;
  // How far the equity is below its peak, as a share of the peak (0 with no data).
  double drawdown() const;
  const CalendarDay& calendar() const { return calendar_; }

 private:
  CalendarDay calendar_;
  std::optional<double> equity_;
  std::optional<double> peak_;
  std::optional<double> day_start_;
  std::optional<std::int64_t> day_;
  UnixNanos day_end_ = 0;    // the start of the day after day_: before it, RollTo has nothing to do
  UnixNanos last_time_ = 0;  // of the latest equity value
};

}  // namespace pulse::risk
