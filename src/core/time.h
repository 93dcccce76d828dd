// UnixNanos and UTC time helpers: nanoseconds since the Unix epoch, ISO-8601 parse and format.
// All Pulse timestamps are UTC. Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/status.h"

namespace pulse {

// Nanoseconds since 1970-01-01T00:00:00Z.
using UnixNanos = std::int64_t;

inline constexpr std::int64_t kNanosPerMicro = 1'000;
inline constexpr std::int64_t kNanosPerMilli = 1'000'000;
inline constexpr std::int64_t kNanosPerSecond = 1'000'000'000;
inline constexpr std::int64_t kNanosPerMinute = 60 * kNanosPerSecond;
inline constexpr std::int64_t kNanosPerHour = 60 * kNanosPerMinute;
inline constexpr std::int64_t kNanosPerDay = 24 * kNanosPerHour;

constexpr UnixNanos FromMillis(std::int64_t ms) { return ms * kNanosPerMilli; }
constexpr UnixNanos FromSeconds(std::int64_t s) { return s * kNanosPerSecond; }
// Floors toward negative infinity, so pre-1970 values round consistently.
constexpr std::int64_t ToMillis(UnixNanos t) {
  return t >= 0 ? t / kNanosPerMilli : -((-t + kNanosPerMilli - 1) / kNanosPerMilli);
}
constexpr std::int64_t ToSeconds(UnixNanos t) {
  return t >= 0 ? t / kNanosPerSecond : -((-t + kNanosPerSecond - 1) / kNanosPerSecond);
}

// A civil UTC date and time.
struct CivilTime {
  int year = 1970;
  int month = 1;  // 1..12
  int day = 1;    // 1..31
  int hour = 0;
  int minute = 0;
  int second = 0;
  std::int64_t nanos = 0;  // 0..999'999'999
};

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
std::int64_t DaysFromCivil(int year, int month, int day);
CivilTime ToCivil(UnixNanos t);
UnixNanos FromCivil(const CivilTime& c);
// 0 = Monday ... 6 = Sunday.
int IsoWeekday(UnixNanos t);

// floor(a / b) for b != 0, whatever the signs (C++ division truncates toward zero): the index
// of the period of length b that holds a, e.g. FloorDiv(t, kNanosPerDay) is t's UTC day.
inline constexpr std::int64_t FloorDiv(std::int64_t a, std::int64_t b) {
  const std::int64_t q = a / b;
  return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

// `t` minus `days` whole days, clamped to the range of UnixNanos instead of overflowing (a
// start near the earliest representable time with warm-up or look-back days before it).
UnixNanos SubtractDaysSaturating(UnixNanos t, std::int64_t days);

// Parses "2026-11-21T10:00:00Z", "2026-11-21T10:00:00.123+02:00", "2026-11-21 10:00:00",
// "2026-11-21" (midnight UTC). A missing zone means UTC. Years 1678..2261 (what nanoseconds
// since 1970 hold in 64 bits, whatever the zone offset).
inline constexpr int kMinIsoYear = 1678;
inline constexpr int kMaxIsoYear = 2261;
// kMinIsoYear-01-01T00:00:00Z, the earliest midnight ParseIso8601 gives: windows of whole days
// that would start before it start there (the day before it does not fit in UnixNanos whole).
inline constexpr UnixNanos kEarliestIsoTime = -106650 * kNanosPerDay;
Result<UnixNanos> ParseIso8601(std::string_view text);
// A time as exchanges' files write it: whole epoch seconds, milliseconds, microseconds or
// nanoseconds told apart by magnitude (below 1e11 seconds, 1e14 milliseconds, 1e17
// microseconds, else nanoseconds), fractional epoch seconds ("1672531436.1234", to the
// microsecond), or ISO-8601 (as ParseIso8601). InvalidArgument naming the problem otherwise.
Result<UnixNanos> ParseEpochOrIso8601(std::string_view text);
// "2026-11-21T10:00:00Z", with ".mmm" only when there are sub-second milliseconds.
std::string FormatIso8601(UnixNanos t);

}  // namespace pulse
