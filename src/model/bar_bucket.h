// BarBucket: one bucket of a higher timeframe formed from base bars, the arithmetic shared by
// data::BarAggregator and indicators::FeatureSet::OnBaseBar (so both build the same higher
// bars, bit for bit).
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>

#include "core/time.h"
#include "core/timeframe.h"
#include "model/bar.h"

namespace pulse {

// The higher (`to`) bar being formed from consecutive base (`from`) bars, UTC-aligned: first
// open, max high, min low, last close, summed volume. Volumes with at most 8 decimals (exchange
// precision) are summed exactly in 1e-8 units, so the result equals the exchange's own
// higher-timeframe volume; otherwise the double sum is kept. Also remembers where the last
// bucket ended (a bar opening there starts the next bucket without a division) and whether a
// bucket has ended yet (the first one, when it did not start at its open, is a leading
// partial bucket).
//
// The caller checks the input (base bars on the `from` grid, each after the previous one) and
// drives the sequence: per base bar, Complete the bucket when the bar is past its end(), then
// Start or Add, then Complete when EndsWith(bar). Plain value type; the usual path (Add on a
// bucket of fixed-length timeframes) needs no Timeframe call and no division.
class BarBucket {
 public:
  // The volume of a bar that cannot be summed exactly (more than 8 decimals, not finite, or
  // too large): see VolumeUnits.
  static constexpr __int128 kInexact = -(static_cast<__int128>(1) << 126);

  // `volume` in 1e-8 units when its shortest decimal form has at most 8 decimals, else
  // kInexact. Computing it once per base bar serves every bucket the bar goes into.
  static __int128 VolumeUnits(double volume) {
    if (std::fabs(volume) < kFastPathLimit) {
      // Below 2^24 a double's ulp is at most 2^-29 (1.9e-9): when its shortest decimal form
      // has at most 8 decimals, it is the only such decimal within half an ulp, so that form is
      // units * 1e-8 with |volume * 1e8 - units| <= 0.094. The product adds at most half the
      // ulp of |y| < 2^24 * 1e8 < 2^51 (0.125), so rounding y gives the units, and the round
      // trip (an exact int64 divided by 1e8, correctly rounded) rejects forms with more than 8
      // decimals. Rounded without the library call: the truncation is exact in an int64 and y
      // minus it is exact; half-way cases go away from zero as std::round does.
      const double y = volume * kVolumeScale;
      auto units = static_cast<std::int64_t>(y);
      const double fraction = y - static_cast<double>(units);
      if (fraction >= 0.5) {
        ++units;
      } else if (fraction <= -0.5) {
        --units;
      }
      if (static_cast<double>(units) / kVolumeScale != volume) return kInexact;
      return units;
    }
    return LargeVolumeUnits(volume);
  }
  // The double nearest to units * 1e-8.
  static double UnitsToDouble(__int128 units) {
    if (units < kMaxExactUnits && units > -kMaxExactUnits) {
      return static_cast<double>(static_cast<std::int64_t>(units)) / kVolumeScale;
    }
    return LargeUnitsToDouble(units);
  }

  BarBucket() = default;
  // Buckets of `to` made of `from` bars. Precondition: from.Divides(to).
  BarBucket(Timeframe from, Timeframe to);

  // A bucket is being formed.
  bool active() const { return active_; }
  // Start of the next bucket (valid while active()).
  UnixNanos end() const { return end_; }
  // End of the base bar opening at `open` (where the next base bar opens).
  UnixNanos FromEnd(UnixNanos open) const {
    return from_step_ > 0 ? open + from_step_ : from_.Next(open);
  }
  // The base bar opening at `open` is the bucket's last (or past it): the bucket completes.
  bool EndsWith(UnixNanos open) const { return FromEnd(open) >= end_; }

  // Starts the bucket of `bar` with it; `units` is VolumeUnits(bar.volume).
  void Start(const Bar& bar, __int128 units) {
    // A bar opening where the last bucket ended opens the next bucket.
    const UnixNanos start = next_start_known_ && bar.open_time == next_start_
                                ? bar.open_time
                                : to_.BucketStart(bar.open_time);
    bar_ = bar;
    bar_.open_time = start;
    end_ = to_step_ > 0 ? start + to_step_ : to_.Next(start);
    expected_ = per_bucket_ > 0 ? per_bucket_ : BaseBarsIn(start, end_);
    count_ = 1;
    starts_at_open_ = bar.open_time == start;
    volume_exact_ = units != kInexact;
    volume_units_ = volume_exact_ ? units : 0;
    active_ = true;
  }
  // Adds the next base bar of the bucket; `units` is VolumeUnits(bar.volume).
  void Add(const Bar& bar, __int128 units) {
    bar_.high = std::max(bar_.high, bar.high);
    bar_.low = std::min(bar_.low, bar.low);
    bar_.close = bar.close;
    bar_.volume += bar.volume;
    ++count_;
    if (volume_exact_) {
      if (units != kInexact && volume_units_ + units < kMaxUnits &&
          volume_units_ + units > -kMaxUnits) {
        volume_units_ += units;
      } else {
        volume_exact_ = false;
      }
    }
  }
  // Ends the bucket. False when it is dropped: the first bucket to end, when it did not start
  // at its open (a leading partial bucket) and `keep_partial_first` is false. Otherwise true
  // with the completed bar in `out`; missing() then tells how many base bars it lacked.
  bool Complete(bool keep_partial_first, Bar& out) {
    active_ = false;
    const bool first = !any_ended_;
    any_ended_ = true;
    next_start_ = end_;
    next_start_known_ = true;
    if (first && !starts_at_open_ && !keep_partial_first) return false;
    out = Current();
    return true;
  }
  // Drops the bucket being formed (it counts as ended).
  void Discard() {
    active_ = false;
    any_ended_ = true;
  }
  // Forgets every bar; as constructed.
  void Reset() { *this = BarBucket(from_, to_); }

  // The bar of the bucket so far (valid while active(), or just after Complete).
  Bar Current() const {
    Bar out = bar_;
    if (volume_exact_) out.volume = UnitsToDouble(volume_units_);
    return out;
  }
  // Base bars a full bucket holds minus those it got (valid while active() or after Complete).
  std::int64_t missing() const { return expected_ - count_; }
  Timeframe from() const { return from_; }
  Timeframe to() const { return to_; }

 private:
  static constexpr double kVolumeScale = 1e8;         // exchange volume precision: 8 decimals
  static constexpr double kFastPathLimit = 16777216;  // 2^24
  // Sums stay far from the __int128 limit (1.7e38 units = 1.7e30 volume).
  static constexpr __int128 kMaxUnits = static_cast<__int128>(1) << 120;
  // Integers up to 2^53 are exact doubles.
  static constexpr std::int64_t kMaxExactUnits = std::int64_t{1} << 53;

  // VolumeUnits for |v| >= 2^24 (or not finite): an integer below 2^53 directly (its shortest
  // form is itself), anything else from the digits of the shortest round-trip form.
  static __int128 LargeVolumeUnits(double volume);
  // UnitsToDouble beyond 2^53 units: through the decimal text.
  static double LargeUnitsToDouble(__int128 units);
  // Base bars of `from` in the bucket [start, end) (months: counted).
  std::int64_t BaseBarsIn(UnixNanos start, UnixNanos end) const;

  // The bucket first (what Add touches), then the grid.
  __int128 volume_units_ = 0;  // volume in 1e-8 units while exact
  Bar bar_;
  UnixNanos end_ = 0;          // start of the next bucket
  std::int64_t expected_ = 0;  // base bars a full bucket holds
  std::int64_t count_ = 0;     // base bars seen
  // Lengths cached at construction for the fixed-length case (every timeframe but months).
  std::int64_t from_step_ = 0;   // `from` length when fixed, else 0
  std::int64_t to_step_ = 0;     // `to` length when fixed, else 0
  std::int64_t per_bucket_ = 0;  // base bars of a full bucket when both are fixed, else 0
  UnixNanos next_start_ = 0;     // end of the last bucket ended: a bucket start
  Timeframe from_;
  Timeframe to_;
  bool active_ = false;
  bool any_ended_ = false;
  bool next_start_known_ = false;
  bool volume_exact_ = true;
  bool starts_at_open_ = false;  // the first base bar was at the bucket start
};

}  // namespace pulse
