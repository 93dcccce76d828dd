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

// VolumeUnits for |v| >= 1e6 (or not finite): reads the digits of the shortest round-trip form.
std::optional<__int128> LargeVolumeUnits(double v) {
  if (!std::isfinite(v)) return std::nullopt;
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

// The volume in 1e-8 units when its shortest decimal form has at most 8 decimals (as every
// exchange-reported quantity does). Small enough to inline: the large-volume path is apart.
inline std::optional<__int128> VolumeUnits(double v) {
  if (std::fabs(v) < kFastPathLimit) {
    // Fast path: below 1e6 a double resolves 1e-10, so v * 1e8 rounds to the units of v's
    // shortest decimal form, and the round trip rejects forms with more than 8 decimals.
    // std::round without the library call: |y| < 1e14 < 2^53, so the truncation is exact in
    // an int64 and y minus it is exact; half-way cases go away from zero as std::round does.
    const double y = v * kVolumeScale;
    auto units = static_cast<std::int64_t>(y);
    const double fraction = y - static_cast<double>(units);
    if (fraction >= 0.5) {
      ++units;
    } else if (fraction <= -0.5) {
      --units;
    }
    if (static_cast<double>(units) / kVolumeScale != v) return std::nullopt;
    return units;
  }
  return LargeVolumeUnits(v);
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

BarAggregator::BarAggregator(Timeframe from, Timeframe to, ResampleOptions options)
    : to_(to), from_(from), options_(options) {
  if (from.IsFixedLength()) from_step_ = from.NominalNanos();
  if (to.IsFixedLength()) to_step_ = to.NominalNanos();
  if (from_step_ > 0 && to_step_ > 0) per_bucket_ = to_step_ / from_step_;
}

void BarAggregator::Start(const Bar& bar) {
  Bucket& b = bucket_;
  // A bar opening where the last bucket ended opens the next bucket.
  const UnixNanos start = next_start_known_ && bar.open_time == next_start_
                              ? bar.open_time
                              : to_.BucketStart(bar.open_time);
  b.bar = bar;
  b.bar.open_time = start;
  b.end = to_step_ > 0 ? start + to_step_ : to_.Next(start);
  b.expected = per_bucket_ > 0 ? per_bucket_ : BaseBarsIn(from_, start, b.end);
  b.count = 1;
  b.starts_at_open = bar.open_time == start;
  const std::optional<__int128> units = VolumeUnits(bar.volume);
  b.volume_exact = units.has_value();
  b.volume_units = units.value_or(0);
  has_bucket_ = true;
}

void BarAggregator::Add(const Bar& bar) {
  Bucket& b = bucket_;
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

bool BarAggregator::Complete(bool flushing, Bar& out) {
  const Bucket& b = bucket_;
  has_bucket_ = false;
  const bool first = !any_closed_;
  any_closed_ = true;
  next_start_ = b.end;
  next_start_known_ = true;
  if (first && !b.starts_at_open && !options_.keep_incomplete_first && !flushing) {
    ++stats_.dropped_first;
    return false;
  }
  out = b.bar;
  if (b.volume_exact) out.volume = UnitsToDouble(b.volume_units);
  ++stats_.output_bars;
  if (const std::int64_t missing = b.expected - b.count; missing > 0) {
    ++stats_.incomplete_buckets;
    stats_.missing_base_bars += missing;
    stats_.incomplete_bucket_times.push_back(b.bar.open_time);
  }
  return true;
}

void BarAggregator::Close(bool flushing) {
  Bar bar;
  if (Complete(flushing, bar)) Push(bar);
}

void BarAggregator::Push(const Bar& bar) {
  if (ring_size_ == kRing) {
    overflow_.push_back(bar);
    return;
  }
  const int at = ring_head_ + ring_size_;
  ring_[at < kRing ? at : at - kRing] = bar;
  ++ring_size_;
}

std::optional<Bar> BarAggregator::Pop() {
  if (ring_size_ == 0) return std::nullopt;
  const Bar bar = ring_[ring_head_];
  ring_head_ = ring_head_ + 1 == kRing ? 0 : ring_head_ + 1;
  --ring_size_;
  if (!overflow_.empty()) {
    // The oldest overflowing bar moves into the freed slot, behind the ring's younger end.
    Push(overflow_.front());
    overflow_.pop_front();
  }
  return bar;
}

std::optional<Bar> BarAggregator::Update(const Bar& bar) {
  ++stats_.input_bars;
  // The bar right after the previous input is on the grid (as that one was); only the others
  // need the bucket computation.
  const bool follows = has_last_input_ && bar.open_time == FromEnd(last_input_);
  const bool off_grid = !follows && from_.BucketStart(bar.open_time) != bar.open_time;
  const bool not_after = has_last_input_ && bar.open_time <= last_input_;
  if (off_grid || not_after) {
    ++stats_.rejected_bars;
    return Pop();
  }
  last_input_ = bar.open_time;
  has_last_input_ = true;
  if (has_bucket_ && bar.open_time >= bucket_.end) Close(false);
  if (has_bucket_) {
    Add(bar);
  } else {
    Start(bar);
  }
  if (FromEnd(bar.open_time) >= bucket_.end) {
    // The usual completion, with nothing queued before it: straight to the caller.
    if (ring_size_ == 0) {
      std::optional<Bar> done(std::in_place);
      if (!Complete(false, *done)) done.reset();
      return done;
    }
    Close(false);
  }
  return Pop();
}

std::optional<Bar> BarAggregator::PollCompleted() { return Pop(); }

std::optional<Bar> BarAggregator::Flush() {
  if (has_bucket_) Close(true);
  // Anything still queued comes first, then the flushed bucket.
  return Pop();
}

bool BarAggregator::DiscardPartial() {
  if (!has_bucket_) return false;
  has_bucket_ = false;
  any_closed_ = true;
  return true;
}

std::optional<Bar> BarAggregator::partial() const {
  if (!has_bucket_) return std::nullopt;
  Bar bar = bucket_.bar;
  if (bucket_.volume_exact) bar.volume = UnitsToDouble(bucket_.volume_units);
  return bar;
}

}  // namespace pulse::data
