// CalendarDay: local calendar days in an IANA time zone ("Europe/Berlin", "UTC",
// "America/New_York"), daylight-saving aware, for limits that reset at local midnight (the
// daily-loss rule and breaker). Backed by the system tz database.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/status.h"
#include "core/time.h"

namespace pulse::risk {

// Maps UTC instants to local days and back.
// Lifecycle: Create() once; cheap to copy (the zone data is process-wide and immutable).
// Threading: thread-safe (const).
class CalendarDay {
 public:
  // InvalidArgument naming the zone when the tz database does not know it.
  static Result<CalendarDay> Create(std::string_view time_zone);

  // The local date of `t` as days since 1970-01-01 (in the zone's calendar).
  std::int64_t DayIndex(UnixNanos t) const;
  // The UTC instant the local day containing `t` began (local midnight, or the first instant
  // of the day when a DST change skips midnight).
  UnixNanos DayStart(UnixNanos t) const;
  // The UTC instant the next local day begins: when a limit set on the day of `t` expires.
  UnixNanos NextDayStart(UnixNanos t) const;

  const std::string& time_zone() const { return name_; }

 private:
  CalendarDay(std::string name, const void* zone) : name_(std::move(name)), zone_(zone) {}
  UnixNanos StartOfLocalDay(std::int64_t day) const;

  std::string name_;
  const void* zone_;  // a const date::time_zone*, kept opaque so callers need no date headers
};

}  // namespace pulse::risk
