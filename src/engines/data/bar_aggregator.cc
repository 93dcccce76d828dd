#include "engines/data/bar_aggregator.h"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace pulse::data {

namespace {

constexpr double kVolumeScale = 1e8;  // exchange volume precision: 8 decimals
constexpr int kVolumeDecimals = 8;
// Integers up to 2^53 are exact doubles.
constexpr std::int64_t kMaxExactUnits = std::int64_t{1} << 53;
constexpr double kFastPathLimit = 1e6;
// Sums stay far from the __int128 limit (1.7e38 units = 1.7e30 volume).
constexpr __int128 kMaxUnits = static_cast<__int128>(1) << 120;

// Base bars of `from` in the bucket [start, end).
std::int64_t BaseBarsIn(const Timeframe& from, UnixNanos start, UnixNanos end) {
  if (from.IsFixedLength()) return (end - start) / from.NominalNanos();
  std::int64_t n = 0;
  for (UnixNanos t = start; t < end; t = from.Next(t)) ++n;
  return n;
}

// The volume in 1e-8 units when its shortest decimal form has at most 8 decimals (as every
// exchange-reported quantity does).
std::optional<__int128> VolumeUnits(double v) {
  if (!std::isfinite(v)) return std::nullopt;
  if (std::fabs(v) < kFastPathLimit) {
    // Fast path: below 1e6 a double resolves 1e-10, so v * 1e8 rounds to the units of v's
    // shortest decimal form, and the round trip rejects forms with more than 8 decimals.
    const auto units = static_cast<std::int64_t>(std::round(v * kVolumeScale));
    if (static_cast<double>(units) / kVolumeScale != v) return std::nullopt;
    return units;
  }
  // Large volumes: read the digits of the shortest round-trip form.
  char buf[64];
  const auto [end, ec] = std::to_chars(buf, buf + sizeof(buf), v, std::chars_format::fixed);
  if (ec != std::errc()) return std::nullopt;
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
      if (decimals >= 0 && ++decimals > kVolumeDecimals) return std::nullopt;
      if (units > kMaxUnits) return std::nullopt;
    }
  }
  for (int d = std::max(decimals, 0); d < kVolumeDecimals; ++d) units *= 10;
  return negative ? -units : units;
}

// The double nearest to units * 1e-8.
double UnitsToDouble(__int128 units) {
  if (units < kMaxExactUnits && units > -kMaxExactUnits) {
    return static_cast<double>(static_cast<std::int64_t>(units)) / kVolumeScale;
  }
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

}  // namespace

Result<BarAggregator> BarAggregator::Create(Timeframe from, Timeframe to, ResampleOptions options) {
  if (!from.Divides(to)) {
    return InvalidArgumentError(
        "cannot aggregate {} bars into {}: {} is not a whole multiple of {} aligned with it",
        from.ToString(), to.ToString(), to.ToString(), from.ToString());
  }
  return BarAggregator(from, to, options);
}

void BarAggregator::Start(const Bar& bar) {
  Bucket b;
  const UnixNanos start = to_.BucketStart(bar.open_time);
  b.bar = bar;
  b.bar.open_time = start;
  b.end = to_.Next(start);
  b.expected = BaseBarsIn(from_, start, b.end);
  b.count = 1;
  b.starts_at_open = bar.open_time == start;
  const std::optional<__int128> units = VolumeUnits(bar.volume);
  b.volume_exact = units.has_value();
  b.volume_units = units.value_or(0);
  bucket_ = b;
}

void BarAggregator::Add(const Bar& bar) {
  Bucket& b = *bucket_;
  b.bar.high = std::max(b.bar.high, bar.high);
  b.bar.low = std::min(b.bar.low, bar.low);
  b.bar.close = bar.close;
  b.bar.volume += bar.volume;
  ++b.count;
  if (b.volume_exact) {
    const std::optional<__int128> units = VolumeUnits(bar.volume);
    if (units.has_value() && b.volume_units + *units < kMaxUnits &&
        b.volume_units + *units > -kMaxUnits) {
      b.volume_units += *units;
    } else {
      b.volume_exact = false;
    }
  }
}

void BarAggregator::Close(bool flushing) {
  Bucket& b = *bucket_;
  const bool first = !any_closed_;
  any_closed_ = true;
  const std::int64_t missing = b.expected - b.count;
  if (first && !b.starts_at_open && !options_.keep_incomplete_first && !flushing) {
    ++stats_.dropped_first;
    bucket_.reset();
    return;
  }
  if (b.volume_exact) b.bar.volume = UnitsToDouble(b.volume_units);
  ++stats_.output_bars;
  if (missing > 0) {
    ++stats_.incomplete_buckets;
    stats_.missing_base_bars += missing;
    stats_.incomplete_bucket_times.push_back(b.bar.open_time);
  }
  completed_.push_back(b.bar);
  bucket_.reset();
}

std::optional<Bar> BarAggregator::Pop() {
  if (completed_.empty()) return std::nullopt;
  Bar bar = completed_.front();
  completed_.pop_front();
  return bar;
}

std::optional<Bar> BarAggregator::Update(const Bar& bar) {
  ++stats_.input_bars;
  // The bar right after the previous input is on the grid (as that one was); only the others
  // need the bucket computation.
  const bool follows = last_input_.has_value() && bar.open_time == from_.Next(*last_input_);
  const bool off_grid = !follows && from_.BucketStart(bar.open_time) != bar.open_time;
  const bool not_after = last_input_.has_value() && bar.open_time <= *last_input_;
  if (off_grid || not_after) {
    ++stats_.rejected_bars;
    return Pop();
  }
  last_input_ = bar.open_time;
  if (bucket_.has_value() && bar.open_time >= bucket_->end) Close(false);
  if (bucket_.has_value()) {
    Add(bar);
  } else {
    Start(bar);
  }
  if (from_.Next(bar.open_time) >= bucket_->end) Close(false);
  return Pop();
}

std::optional<Bar> BarAggregator::PollCompleted() { return Pop(); }

std::optional<Bar> BarAggregator::Flush() {
  if (bucket_.has_value()) Close(true);
  // Anything still queued comes first, then the flushed bucket.
  return Pop();
}

bool BarAggregator::DiscardPartial() {
  if (!bucket_.has_value()) return false;
  bucket_.reset();
  any_closed_ = true;
  return true;
}

std::optional<Bar> BarAggregator::partial() const {
  if (!bucket_.has_value()) return std::nullopt;
  Bar bar = bucket_->bar;
  if (bucket_->volume_exact) bar.volume = UnitsToDouble(bucket_->volume_units);
  return bar;
}

}  // namespace pulse::data
