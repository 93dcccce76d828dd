#include "core/timeframe.h"

#include <array>

namespace pulse {

namespace {

constexpr std::array<std::string_view, 15> kSupported = {
    "1m", "3m", "5m", "15m", "30m", "1h", "2h", "4h", "6h", "8h", "12h", "1d", "3d", "1w", "1M"};

constexpr std::int64_t kThreeDayOrigin = kNanosPerDay;  // 1970-01-02, as Binance aligns 3d bars.

}  // namespace

std::string_view SupportedTimeframes() {
  return "1m, 3m, 5m, 15m, 30m, 1h, 2h, 4h, 6h, 8h, 12h, 1d, 3d, 1w, 1M";
}

Result<Timeframe> Timeframe::Parse(std::string_view text) {
  for (std::string_view s : kSupported) {
    if (s != text) continue;
    const int n = std::stoi(std::string(s.substr(0, s.size() - 1)));
    switch (s.back()) {
      case 'm':
        return Minutes(n);
      case 'h':
        return Hours(n);
      case 'd':
        return Days(n);
      case 'w':
        return Weeks(n);
      case 'M':
        return Months(n);
    }
  }
  return InvalidArgumentError("unknown timeframe '{}' (accepted: {})", text, SupportedTimeframes());
}

std::string Timeframe::ToString() const {
  char suffix = 'm';
  switch (unit_) {
    case Unit::kMinute:
      suffix = 'm';
      break;
    case Unit::kHour:
      suffix = 'h';
      break;
    case Unit::kDay:
      suffix = 'd';
      break;
    case Unit::kWeek:
      suffix = 'w';
      break;
    case Unit::kMonth:
      suffix = 'M';
      break;
  }
  return fmt::format("{}{}", count_, suffix);
}

std::int64_t Timeframe::NominalNanos() const {
  switch (unit_) {
    case Unit::kMinute:
      return count_ * kNanosPerMinute;
    case Unit::kHour:
      return count_ * kNanosPerHour;
    case Unit::kDay:
      return count_ * kNanosPerDay;
    case Unit::kWeek:
      return count_ * 7 * kNanosPerDay;
    case Unit::kMonth:
      return count_ * 30 * kNanosPerDay;
  }
  return 0;
}

UnixNanos Timeframe::BucketStart(UnixNanos t) const {
  switch (unit_) {
    case Unit::kMinute:
    case Unit::kHour: {
      const std::int64_t len = NominalNanos();
      return FloorDiv(t, len) * len;
    }
    case Unit::kDay: {
      const std::int64_t len = NominalNanos();
      const std::int64_t origin = count_ == 3 ? kThreeDayOrigin : 0;
      return FloorDiv(t - origin, len) * len + origin;
    }
    case Unit::kWeek: {
      // 1970-01-05 was the first Monday after the epoch.
      const std::int64_t origin = 4 * kNanosPerDay;
      const std::int64_t len = NominalNanos();
      return FloorDiv(t - origin, len) * len + origin;
    }
    case Unit::kMonth: {
      const CivilTime c = ToCivil(t);
      const int index = c.year * 12 + (c.month - 1);
      const int aligned = static_cast<int>(FloorDiv(index, count_) * count_);
      CivilTime start;
      start.year = aligned / 12;
      start.month = aligned % 12 + 1;
      return FromCivil(start);
    }
  }
  return t;
}

UnixNanos Timeframe::Next(UnixNanos bucket_start) const { return Add(bucket_start, 1); }

UnixNanos Timeframe::Add(UnixNanos bucket_start, std::int64_t n) const {
  if (IsFixedLength()) return bucket_start + n * NominalNanos();
  const CivilTime c = ToCivil(bucket_start);
  const std::int64_t index = c.year * 12 + (c.month - 1) + n * count_;
  CivilTime out;
  out.year = static_cast<int>(FloorDiv(index, 12));
  out.month = static_cast<int>(index - out.year * 12) + 1;
  out.day = c.day;
  out.hour = c.hour;
  out.minute = c.minute;
  out.second = c.second;
  out.nanos = c.nanos;
  return FromCivil(out);
}

bool Timeframe::Divides(const Timeframe& other) const {
  if (other.unit_ == Unit::kMonth) {
    if (unit_ == Unit::kMonth) return other.count_ % count_ == 0;
    // Month starts are midnights; any timeframe aligned on every UTC midnight divides them.
    return unit_ == Unit::kMinute || unit_ == Unit::kHour || (unit_ == Unit::kDay && count_ == 1);
  }
  if (unit_ == Unit::kMonth) return false;
  const std::int64_t mine = NominalNanos();
  const std::int64_t theirs = other.NominalNanos();
  if (theirs % mine != 0) return false;
  // Both bucket grids must share boundaries: the other's origin must sit on one of ours.
  return BucketStart(other.BucketStart(0)) == other.BucketStart(0);
}

}  // namespace pulse
