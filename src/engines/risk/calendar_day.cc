#include "engines/risk/calendar_day.h"

#include <chrono>
#include <exception>
#include <utility>

#include <date/tz.h>

namespace pulse::risk {

namespace {

using Nanos = std::chrono::nanoseconds;

const date::time_zone* Zone(const void* zone) { return static_cast<const date::time_zone*>(zone); }

date::sys_time<Nanos> ToSys(UnixNanos t) { return date::sys_time<Nanos>(Nanos(t)); }

}  // namespace

Result<CalendarDay> CalendarDay::Create(std::string_view time_zone) {
  if (time_zone.empty()) return InvalidArgumentError("time zone is empty");
  try {
    const date::time_zone* zone = date::locate_zone(time_zone);
    return CalendarDay(std::string(time_zone), zone);
  } catch (const std::exception& e) {
    return InvalidArgumentError("unknown time zone '{}' (an IANA name such as Europe/Berlin): {}",
                                time_zone, e.what());
  }
}

std::int64_t CalendarDay::DayIndex(UnixNanos t) const {
  const auto local = Zone(zone_)->to_local(ToSys(t));
  return date::floor<date::days>(local).time_since_epoch().count();
}

UnixNanos CalendarDay::StartOfLocalDay(std::int64_t day) const {
  const date::local_days midnight{date::days(day)};
  // A midnight that does not exist (clocks jump over it) maps to the instant of the jump; an
  // ambiguous one to its first occurrence.
  const auto sys = Zone(zone_)->to_sys(midnight, date::choose::earliest);
  return std::chrono::duration_cast<Nanos>(sys.time_since_epoch()).count();
}

UnixNanos CalendarDay::DayStart(UnixNanos t) const { return StartOfLocalDay(DayIndex(t)); }

UnixNanos CalendarDay::NextDayStart(UnixNanos t) const { return StartOfLocalDay(DayIndex(t) + 1); }

}  // namespace pulse::risk
