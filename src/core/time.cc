#include "core/time.h"

#include <cctype>
#include <charconv>
#include <cmath>
#include <limits>

namespace pulse {

std::int64_t DaysFromCivil(int y, int m, int d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

namespace {

void CivilFromDays(std::int64_t z, int& y, int& m, int& d) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t yy = static_cast<std::int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  y = static_cast<int>(yy + (m <= 2));
}

bool DaysInMonthOk(int y, int m, int d) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12 || d < 1) return false;
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  const int max = kDays[m - 1] + (m == 2 && leap ? 1 : 0);
  return d <= max;
}

// Reads exactly `n` digits at `pos`.
bool ReadDigits(std::string_view s, size_t& pos, size_t n, int& out) {
  if (pos + n > s.size()) return false;
  int v = 0;
  for (size_t i = 0; i < n; ++i) {
    const char c = s[pos + i];
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
    v = v * 10 + (c - '0');
  }
  out = v;
  pos += n;
  return true;
}

}  // namespace

CivilTime ToCivil(UnixNanos t) {
  CivilTime c;
  const std::int64_t days = FloorDiv(t, kNanosPerDay);
  // t - days * kNanosPerDay without the product, which overflows on the earliest day.
  std::int64_t rem = t % kNanosPerDay;
  if (rem < 0) rem += kNanosPerDay;
  CivilFromDays(days, c.year, c.month, c.day);
  c.hour = static_cast<int>(rem / kNanosPerHour);
  rem %= kNanosPerHour;
  c.minute = static_cast<int>(rem / kNanosPerMinute);
  rem %= kNanosPerMinute;
  c.second = static_cast<int>(rem / kNanosPerSecond);
  c.nanos = rem % kNanosPerSecond;
  return c;
}

UnixNanos FromCivil(const CivilTime& c) {
  return DaysFromCivil(c.year, c.month, c.day) * kNanosPerDay + c.hour * kNanosPerHour +
         c.minute * kNanosPerMinute + c.second * kNanosPerSecond + c.nanos;
}

int IsoWeekday(UnixNanos t) {
  const std::int64_t days = FloorDiv(t, kNanosPerDay);
  // 1970-01-01 was a Thursday (3 when Monday = 0).
  return static_cast<int>(((days % 7) + 7 + 3) % 7);
}

Result<UnixNanos> ParseIso8601(std::string_view text) {
  auto bad = [&](std::string_view why) {
    return InvalidArgumentError("unparseable time '{}': {} (expected e.g. 2026-11-21T10:00:00Z)",
                                text, why);
  };
  CivilTime c;
  size_t pos = 0;
  if (!ReadDigits(text, pos, 4, c.year) || pos >= text.size() || text[pos++] != '-' ||
      !ReadDigits(text, pos, 2, c.month) || pos >= text.size() || text[pos++] != '-' ||
      !ReadDigits(text, pos, 2, c.day)) {
    return bad("date must be YYYY-MM-DD");
  }
  if (!DaysInMonthOk(c.year, c.month, c.day)) return bad("no such calendar date");
  if (c.year < kMinIsoYear || c.year > kMaxIsoYear) {
    return bad(fmt::format("year out of range ({}..{}: nanoseconds since 1970 in 64 bits)",
                           kMinIsoYear, kMaxIsoYear));
  }
  std::int64_t offset_nanos = 0;
  if (pos < text.size()) {
    if (text[pos] != 'T' && text[pos] != 't' && text[pos] != ' ') return bad("expected 'T'");
    ++pos;
    if (!ReadDigits(text, pos, 2, c.hour) || pos >= text.size() || text[pos++] != ':' ||
        !ReadDigits(text, pos, 2, c.minute)) {
      return bad("time must be HH:MM[:SS[.fff]]");
    }
    if (pos < text.size() && text[pos] == ':') {
      ++pos;
      if (!ReadDigits(text, pos, 2, c.second)) return bad("seconds must be two digits");
    }
    if (pos < text.size() && (text[pos] == '.' || text[pos] == ',')) {
      ++pos;
      std::int64_t scale = 100'000'000;
      size_t digits = 0;
      while (pos < text.size() && std::isdigit(static_cast<unsigned char>(text[pos]))) {
        if (digits < 9) c.nanos += (text[pos] - '0') * scale;
        scale /= 10;
        ++digits;
        ++pos;
      }
      if (digits == 0) return bad("empty fraction of a second");
    }
    if (c.hour > 23 || c.minute > 59 || c.second > 60) return bad("time of day out of range");
    if (pos < text.size()) {
      const char z = text[pos];
      if (z == 'Z' || z == 'z') {
        ++pos;
      } else if (z == '+' || z == '-') {
        ++pos;
        int oh = 0, om = 0;
        if (!ReadDigits(text, pos, 2, oh)) return bad("zone offset must be +HH:MM");
        if (pos < text.size() && text[pos] == ':') ++pos;
        if (!ReadDigits(text, pos, 2, om)) return bad("zone offset must be +HH:MM");
        if (oh > 23 || om > 59) return bad("zone offset out of range");
        offset_nanos = (oh * kNanosPerHour + om * kNanosPerMinute) * (z == '+' ? 1 : -1);
      } else {
        return bad("unexpected characters after the time");
      }
    }
  }
  if (pos != text.size()) return bad("unexpected trailing characters");
  return FromCivil(c) - offset_nanos;
}

Result<UnixNanos> ParseEpochOrIso8601(std::string_view text) {
  std::int64_t v = 0;
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, v);
  if (ec == std::errc() && ptr == end) {
    if (v < 0) return InvalidArgumentError("time {} is negative", v);
    if (v < 100'000'000'000) {
      if (v > 9'000'000'000) return InvalidArgumentError("time {} is out of range", v);
      return v * kNanosPerSecond;
    }
    if (v < 100'000'000'000'000) return v * kNanosPerMilli;
    if (v < 100'000'000'000'000'000) return v * kNanosPerMicro;
    return v;
  }
  if (ec == std::errc::result_out_of_range) {
    return InvalidArgumentError("time '{}' is out of range", text);
  }
  double d = 0;
  const char* start = text.data() + (!text.empty() && text.front() == '+' ? 1 : 0);
  const auto [dptr, dec] = std::from_chars(start, end, d);
  if (dec == std::errc() && dptr == end && std::isfinite(d)) {
    // Fractional epoch seconds (Kraken writes "1672531436.1234"), to the microsecond.
    if (d < 0 || d > 9e9) return InvalidArgumentError("time '{}' is not epoch seconds", text);
    return static_cast<UnixNanos>(std::llround(d * 1e6)) * kNanosPerMicro;
  }
  if (text.empty()) return InvalidArgumentError("time is empty");
  if (text.size() >= 10 && text[4] == '-') return ParseIso8601(text);
  return InvalidArgumentError("time is not a number or ISO-8601 time: '{}'", text);
}

UnixNanos SubtractDaysSaturating(UnixNanos t, std::int64_t days) {
  constexpr UnixNanos kMin = std::numeric_limits<UnixNanos>::min();
  constexpr UnixNanos kMax = std::numeric_limits<UnixNanos>::max();
  std::int64_t nanos = 0;
  if (__builtin_mul_overflow(days, kNanosPerDay, &nanos)) return days > 0 ? kMin : kMax;
  UnixNanos result = 0;
  if (__builtin_sub_overflow(t, nanos, &result)) return nanos > 0 ? kMin : kMax;
  return result;
}

std::string FormatIso8601(UnixNanos t) {
  const CivilTime c = ToCivil(t);
  const std::int64_t ms = c.nanos / kNanosPerMilli;
  if (ms != 0) {
    return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z", c.year, c.month, c.day, c.hour,
                       c.minute, c.second, ms);
  }
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", c.year, c.month, c.day, c.hour,
                     c.minute, c.second);
}

}  // namespace pulse
