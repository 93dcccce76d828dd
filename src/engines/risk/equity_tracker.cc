#include "engines/risk/equity_tracker.h"

#include <algorithm>
#include <cmath>

namespace pulse::risk {

Status EquityTracker::Check(UnixNanos t, double equity) const {
  if (!std::isfinite(equity) || equity <= 0) {
    return InvalidArgumentError("equity must be a positive number, got {}", equity);
  }
  if (day_ && t < last_time_) {
    return InvalidArgumentError("equity at {} is older than the previous value at {}",
                                FormatIso8601(t), FormatIso8601(last_time_));
  }
  return Status::Ok();
}

Status EquityTracker::Add(UnixNanos t, double equity) {
  RETURN_IF_ERROR(Check(t, equity));
  // A value stamped at the local midnight itself is the close of the day that ends there (the
  // bar that closes at midnight belongs to it): it ends that day and starts the next.
  if (day_ && t == day_end_) equity_ = equity;
  RollTo(t);
  if (!day_start_) day_start_ = equity;
  if (!day_) {
    day_ = calendar_.DayIndex(t);
    day_end_ = calendar_.NextDayStart(t);
  }
  equity_ = equity;
  peak_ = std::max(peak_.value_or(equity), equity);
  last_time_ = t;
  return Status::Ok();
}

void EquityTracker::RollTo(UnixNanos now) {
  if (!day_ || now < day_end_) return;  // still the same day (or an earlier one)
  const std::int64_t day = calendar_.DayIndex(now);
  if (day <= *day_) return;  // days only move forward
  day_start_ = equity_;
  day_ = day;
  day_end_ = calendar_.NextDayStart(now);
}

void EquityTracker::Rebase() {
  if (!equity_) return;
  peak_ = equity_;
  day_start_ = equity_;
}

double EquityTracker::loss_today() const {
  if (!equity_ || !day_start_ || *day_start_ <= 0) return 0;
  return std::max(0.0, (*day_start_ - *equity_) / *day_start_);
}

double EquityTracker::drawdown() const {
  if (!equity_ || !peak_ || *peak_ <= 0) return 0;
  return std::max(0.0, (*peak_ - *equity_) / *peak_);
}

}  // namespace pulse::risk
