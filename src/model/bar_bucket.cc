#include "model/bar_bucket.h"

#include <charconv>
#include <cmath>

namespace pulse {
namespace {

constexpr int kVolumeDecimals = 8;

}  // namespace

BarBucket::BarBucket(Timeframe from, Timeframe to) : from_(from), to_(to) {
  if (from.IsFixedLength()) from_step_ = from.NominalNanos();
  if (to.IsFixedLength()) to_step_ = to.NominalNanos();
  if (from_step_ > 0 && to_step_ > 0) per_bucket_ = to_step_ / from_step_;
}

std::int64_t BarBucket::BaseBarsIn(UnixNanos start, UnixNanos end) const {
  if (from_.IsFixedLength()) return (end - start) / from_.NominalNanos();
  std::int64_t n = 0;
  for (UnixNanos t = start; t < end; t = from_.Next(t)) ++n;
  return n;
}

__int128 BarBucket::LargeVolumeUnits(double volume) {
  if (!std::isfinite(volume)) return kInexact;
  if (std::fabs(volume) < static_cast<double>(kMaxExactUnits) && volume == std::trunc(volume)) {
    return static_cast<__int128>(static_cast<std::int64_t>(volume)) * 100000000;
  }
  char buf[64];
  const auto [end, ec] = std::to_chars(buf, buf + sizeof(buf), volume, std::chars_format::fixed);
  if (ec != std::errc()) return kInexact;
  __int128 units = 0;
  int decimals = -1;
  bool negative = false;
  for (const char* p = buf; p != end; ++p) {
    if (*p == '-') {
      negative = true;
    } else if (*p == '.') {
      decimals = 0;
    } else {
      units = units * 10 + (*p - '0');
      if (decimals >= 0 && ++decimals > kVolumeDecimals) return kInexact;
      if (units > kMaxUnits) return kInexact;
    }
  }
  for (int d = std::max(decimals, 0); d < kVolumeDecimals; ++d) units *= 10;
  return negative ? -units : units;
}

double BarBucket::LargeUnitsToDouble(__int128 units) {
  // Print the decimal and let from_chars round it correctly.
  char digits[64];
  int n = 0;
  const bool negative = units < 0;
  __int128 u = negative ? -units : units;
  while (u > 0 || n <= kVolumeDecimals) {
    digits[n++] = static_cast<char>('0' + static_cast<int>(u % 10));
    u /= 10;
  }
  char text[72];
  int len = 0;
  if (negative) text[len++] = '-';
  for (int i = n - 1; i >= 0; --i) {
    text[len++] = digits[i];
    if (i == kVolumeDecimals) text[len++] = '.';
  }
  double v = 0;
  std::from_chars(text, text + len, v);
  return v;
}

}  // namespace pulse
