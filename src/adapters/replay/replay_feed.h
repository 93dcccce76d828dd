// ReplayFeed: replays stored candle series as one time-ordered stream of bar-closed events,
// driving a SimulatedClock, as fast as possible or paced at a multiple of real time.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <vector>

#include "core/clock.h"
#include "core/status.h"
#include "model/bar.h"

namespace pulse::replay {

// One bar becoming known. Pointers stay valid for the lifetime of the feed.
struct ReplayEvent {
  std::size_t series = 0;  // index of the series in registration order
  const BarKey* key = nullptr;
  const Bar* bar = nullptr;
  UnixNanos close_time = 0;   // bar open time + timeframe: when the bar became known
  std::int64_t sequence = 0;  // 0-based position in the stream
};

// How far a replay has come.
struct ReplayProgress {
  std::int64_t done = 0;   // events delivered
  std::int64_t total = 0;  // events in all series
  UnixNanos sim_time = 0;  // simulated time after the last delivered event
};

// What a finished Run did.
struct ReplaySummary {
  std::int64_t delivered = 0;
  std::int64_t total = 0;
  bool stopped_early = false;  // Stop() was called before the end
  UnixNanos first_time = 0;    // close time of the first and last delivered events
  UnixNanos last_time = 0;
};

// Merges one or many bar series (each a BarKey and its bars in time order) into a single stream
// ordered by bar close time, the moment a bar becomes known. Ties are broken by the order in
// which series were added, then by position in the series, so the sequence is a pure function
// of the input. Before each event the simulated clock is set to the event's close time, so
// handlers that read the clock see replay time.
//
// Pacing: speed 0 (the default) runs as fast as possible; speed N keeps simulated time moving
// N times as fast as the wall clock given to SetSpeed, sleeping through the injected sleep
// function (tests pass one that advances a SimulatedClock standing in for the wall). Time spent
// in the handler counts against the wait. An optional cap shortens long idle stretches such as
// exchange outages or weekends.
//
// Lifecycle: construct, AddSeries (any number), configure, Run once. Threading: AddSeries, the
// setters and Run on one thread; Stop() may be called from any thread (or from the handler) and
// ends the run after the current event, also interrupting a pacing wait.
class ReplayFeed {
 public:
  using EventHandler = std::function<void(const ReplayEvent&)>;
  using ProgressHandler = std::function<void(const ReplayProgress&)>;
  // Blocks for about `nanos` nanoseconds.
  using SleepFunction = std::function<void(std::int64_t nanos)>;

  // `clock` is moved forward to each event's close time; it must outlive the feed.
  explicit ReplayFeed(SimulatedClock& clock);

  ReplayFeed(const ReplayFeed&) = delete;
  ReplayFeed& operator=(const ReplayFeed&) = delete;

  // Adds a series. InvalidArgument when bar open times are not strictly increasing (the
  // message names the series and rows); FailedPrecondition once Run has started.
  Status AddSeries(BarKey key, std::vector<Bar> bars);

  // Paces the replay at `speed` times real time (0 = as fast as possible) measured on
  // `wall_clock`, waiting with `sleep` (std::this_thread::sleep_for when empty). A wait longer
  // than `max_wait_nanos` (0 = no cap) is cut to it and the rest of that stretch skipped.
  // InvalidArgument for a negative or non-finite speed.
  Status SetSpeed(double speed, const Clock& wall_clock, SleepFunction sleep = {},
                  std::int64_t max_wait_nanos = 0);

  // Calls `handler` after every `every` delivered events and once at the end.
  void SetProgressHandler(std::int64_t every, ProgressHandler handler);

  // Delivers all events in order to `handler`. FailedPrecondition when called twice or when the
  // clock is already past the first event.
  Result<ReplaySummary> Run(const EventHandler& handler);

  // Ends the run after the event being delivered. Thread-safe.
  void Stop() { stop_.store(true, std::memory_order_release); }

  std::int64_t total_events() const { return total_; }
  std::size_t series_count() const { return series_.size(); }

 private:
  struct Series {
    BarKey key;
    std::vector<Bar> bars;
    std::vector<UnixNanos> close_times;
  };

  // Sleeps until simulated time `sim` is due on the wall clock. Returns false when stopped.
  bool Pace(UnixNanos sim);
  bool stopping() const { return stop_.load(std::memory_order_acquire); }

  SimulatedClock& clock_;
  std::vector<Series> series_;
  std::int64_t total_ = 0;
  bool started_ = false;

  double speed_ = 0;
  const Clock* wall_clock_ = nullptr;
  SleepFunction sleep_;
  std::int64_t max_wait_nanos_ = 0;
  bool anchored_ = false;
  UnixNanos wall_anchor_ = 0;
  UnixNanos sim_anchor_ = 0;

  std::int64_t progress_every_ = 0;
  ProgressHandler progress_;

  std::atomic<bool> stop_{false};
};

}  // namespace pulse::replay
