// BarAggregator: streaming aggregation of bars of one timeframe into a larger one (1m -> 5m,
// 1h -> 1d, 1d -> 1M, ...) with UTC bucket alignment as the exchanges use it. Resample() in
// resampler.h is the batch form and runs this same code.
#pragma once

#include <cstdint>
#include <deque>
#include <optional>
#include <vector>

#include "core/status.h"
#include "core/timeframe.h"
#include "model/bar.h"
#include "model/bar_bucket.h"

namespace pulse::data {

// Options shared by BarAggregator and Resample.
struct ResampleOptions {
  // The first bucket, when the input starts after its beginning (a window that opens mid-hour),
  // is dropped by default because its open would be wrong; set to emit it anyway.
  bool keep_incomplete_first = false;
  // Resample only: the last bucket, when the input ends before its final base bar, is dropped
  // by default (it is still forming); set to emit it.
  bool keep_incomplete_last = false;
};

// What an aggregation did. Buckets with missing base bars in the middle of the input are still
// emitted (exchanges do the same after an outage) and counted here.
struct AggregationStats {
  std::int64_t input_bars = 0;
  std::int64_t rejected_bars = 0;  // out of order, duplicate or off the source grid (streaming)
  std::int64_t output_bars = 0;
  std::int64_t incomplete_buckets = 0;  // emitted with fewer base bars than the bucket holds
  std::int64_t missing_base_bars = 0;   // base bars missing from the emitted buckets
  std::int64_t dropped_first = 0;       // leading partial bucket not emitted (0 or 1)
  std::int64_t dropped_last = 0;        // trailing partial bucket not emitted (0 or 1)
  std::vector<UnixNanos> incomplete_bucket_times;  // open times of the incomplete emitted buckets
};

// Aggregates a time-ordered stream of `from` bars into `to` bars: first open, max high, min low,
// last close, summed volume. A bucket completes as soon as its last base bar arrives, or when a
// bar of a later bucket arrives (the bucket then has missing bars). Volumes with at most 8
// decimals (exchange precision) are summed exactly in fixed point, so the result equals the
// exchange's own higher-timeframe volume; other volumes are summed as doubles. The bucket
// arithmetic is model/bar_bucket.h, which indicators::FeatureSet::OnBaseBar uses too.
//
// Lifecycle: Create, then Update per bar; Flush at the end for the still-forming bucket.
// Threading: not thread-safe; one owner (the engine thread). Cache-line aligned, so that the
// state an update touches spans three lines (see the members).
class alignas(64) BarAggregator {
 public:
  // InvalidArgument when `to` is not a whole multiple of `from` aligned with it.
  static Result<BarAggregator> Create(Timeframe from, Timeframe to, ResampleOptions options = {});

  // Feeds the next base bar. Returns a completed bar, if this update completed one. Bars not
  // after the previous one, or whose open time is off the `from` grid, are ignored and counted
  // in stats().rejected_bars. Rarely (a bucket missing its tail followed by the lone last bar of
  // the next bucket) one update completes two buckets: the second is then returned by
  // PollCompleted() (or, if not polled, by the next Update, so nothing is lost or reordered).
  std::optional<Bar> Update(const Bar& bar);
  // A further bar completed by the last Update, if any.
  std::optional<Bar> PollCompleted();
  // Completes the bucket still being formed, complete or not, and starts afresh. Returns the
  // next completed bar (an earlier one still queued comes first; PollCompleted gives the rest).
  std::optional<Bar> Flush();
  // Drops the bucket still being formed; returns true when there was one.
  bool DiscardPartial();

  // A hint, no effect: asks for the lines an Update touches (the first three of the object),
  // for a caller that updates many aggregators to issue one symbol ahead.
  void Prefetch() const {
    const auto* at = reinterpret_cast<const char*>(this);
    __builtin_prefetch(at);
    __builtin_prefetch(at + 64);
    __builtin_prefetch(at + 128);
  }

  // The bucket being formed, if any (e.g. the current hour so far).
  std::optional<Bar> partial() const;
  const AggregationStats& stats() const { return stats_; }
  Timeframe from() const { return bucket_.from(); }
  Timeframe to() const { return bucket_.to(); }

 private:
  BarAggregator(Timeframe from, Timeframe to, ResampleOptions options);

  // Ends the bucket: false when it is dropped (a leading partial one), else true with the
  // completed bar in `out`.
  bool Complete(bool flushing, Bar& out);
  void Close(bool flushing);
  void Push(const Bar& bar);
  std::optional<Bar> Pop();

  // Completed bars not yet returned, oldest first: at most two or three at a time on any
  // input, kept in a small ring; the rare excess (a caller that never polls) goes on to
  // `overflow_`, which only ever holds bars younger than the ring's.
  static constexpr int kRing = 4;

  // What every Update reads or writes comes first, in the object's first three cache lines
  // (an engine keeps one aggregator per symbol and timeframe, and a bar close visits them all
  // cold): the bucket with its grid, the last input, the counters at the start of stats_. The
  // queue of completed bars, which the usual update bypasses, comes after.
  BarBucket bucket_;
  UnixNanos last_input_ = 0;  // open time of the last bar accepted (when has_last_input_)
  int ring_head_ = 0;
  int ring_size_ = 0;
  bool has_last_input_ = false;
  ResampleOptions options_;
  AggregationStats stats_;
  Bar ring_[kRing];
  std::deque<Bar> overflow_;
};

}  // namespace pulse::data
