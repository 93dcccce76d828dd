// Timeframe: a bar length such as 5m, 4h, 1d, 1w or 1M (calendar month), with UTC bucket
// alignment as the exchanges use it. Value type; pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/status.h"
#include "core/time.h"

namespace pulse {

// Bar length. Supported: 1m 3m 5m 15m 30m 1h 2h 4h 6h 8h 12h 1d 3d 1w 1M.
// Alignment (what Binance uses, checked against its native bars):
//   minutes, hours, 1d: multiples of the length since the epoch (UTC midnight for days);
//   3d: every third day counted from 1970-01-02;
//   1w: Monday 00:00 UTC;  1M: the first day of the calendar month, 00:00 UTC.
class Timeframe {
 public:
  enum class Unit { kMinute, kHour, kDay, kWeek, kMonth };

  constexpr Timeframe() = default;
  static Result<Timeframe> Parse(std::string_view text);
  static Timeframe Minutes(int n) { return Timeframe(Unit::kMinute, n); }
  static Timeframe Hours(int n) { return Timeframe(Unit::kHour, n); }
  static Timeframe Days(int n) { return Timeframe(Unit::kDay, n); }
  static Timeframe Weeks(int n) { return Timeframe(Unit::kWeek, n); }
  static Timeframe Months(int n) { return Timeframe(Unit::kMonth, n); }

  Unit unit() const { return unit_; }
  int count() const { return count_; }
  // "5m", "1h", "1M".
  std::string ToString() const;
  // Nominal length in nanoseconds (a month counts as 30 days; use Next() for exact arithmetic).
  std::int64_t NominalNanos() const;
  // True when every bucket has the same length (everything but months).
  bool IsFixedLength() const { return unit_ != Unit::kMonth; }

  // Start of the bucket that contains `t`.
  UnixNanos BucketStart(UnixNanos t) const;
  // Start of the bucket after the one starting at `bucket_start`.
  UnixNanos Next(UnixNanos bucket_start) const;
  // Adds `n` buckets (n may be negative) to an aligned bucket start.
  UnixNanos Add(UnixNanos bucket_start, std::int64_t n) const;
  // True when `other`'s buckets are each a whole number of this timeframe's buckets and
  // aligned with them, so bars of this timeframe can be aggregated into `other`.
  bool Divides(const Timeframe& other) const;

  bool operator==(const Timeframe& other) const = default;

 private:
  constexpr Timeframe(Unit unit, int count) : unit_(unit), count_(count) {}

  Unit unit_ = Unit::kMinute;
  int count_ = 1;
};

// Comma-separated list of accepted timeframe names, for error messages.
std::string_view SupportedTimeframes();

}  // namespace pulse
