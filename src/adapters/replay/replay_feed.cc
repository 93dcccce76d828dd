#include "adapters/replay/replay_feed.h"

#include <chrono>
#include <cmath>
#include <queue>
#include <thread>
#include <tuple>

namespace pulse::replay {

namespace {

// Longest single sleep, so that Stop() interrupts a long pacing wait promptly.
constexpr std::int64_t kSleepSlice = 100 * kNanosPerMilli;

// Heap entry: (close time, series index, position in series), smallest first.
using Cursor = std::tuple<UnixNanos, std::size_t, std::size_t>;

}  // namespace

ReplayFeed::ReplayFeed(SimulatedClock& clock) : clock_(clock) {}

Status ReplayFeed::AddSeries(BarKey key, std::vector<Bar> bars) {
  if (started_)
    return FailedPreconditionError("replay: cannot add series {} after Run", key.ToString());
  for (std::size_t i = 1; i < bars.size(); ++i) {
    if (bars[i].open_time <= bars[i - 1].open_time) {
      return InvalidArgumentError(
          "replay: series {}: bar {} ({}) is not after bar {} ({}); sort and de-duplicate first",
          key.ToString(), i, FormatIso8601(bars[i].open_time), i - 1,
          FormatIso8601(bars[i - 1].open_time));
    }
  }
  Series s;
  s.close_times.reserve(bars.size());
  for (const Bar& b : bars) {
    s.close_times.push_back(key.timeframe.IsFixedLength()
                                ? b.open_time + key.timeframe.NominalNanos()
                                : key.timeframe.Next(b.open_time));
  }
  s.key = std::move(key);
  s.bars = std::move(bars);
  total_ += static_cast<std::int64_t>(s.bars.size());
  series_.push_back(std::move(s));
  return Status::Ok();
}

Status ReplayFeed::SetSpeed(double speed, const Clock& wall_clock, SleepFunction sleep,
                            std::int64_t max_wait_nanos) {
  if (!std::isfinite(speed) || speed < 0) {
    return InvalidArgumentError("replay: speed must be a finite number >= 0, got {}", speed);
  }
  if (max_wait_nanos < 0) {
    return InvalidArgumentError("replay: max wait must be >= 0, got {} ns", max_wait_nanos);
  }
  speed_ = speed;
  wall_clock_ = &wall_clock;
  sleep_ = sleep ? std::move(sleep) : SleepFunction([](std::int64_t nanos) {
    std::this_thread::sleep_for(std::chrono::nanoseconds(nanos));
  });
  max_wait_nanos_ = max_wait_nanos;
  return Status::Ok();
}

void ReplayFeed::SetProgressHandler(std::int64_t every, ProgressHandler handler) {
  progress_every_ = every;
  progress_ = std::move(handler);
}

bool ReplayFeed::Pace(UnixNanos sim) {
  if (speed_ <= 0 || wall_clock_ == nullptr) return !stopping();
  if (!anchored_) {
    anchored_ = true;
    wall_anchor_ = wall_clock_->Now();
    sim_anchor_ = sim;
    return !stopping();
  }
  const auto offset = static_cast<std::int64_t>(static_cast<double>(sim - sim_anchor_) / speed_);
  std::int64_t wait = wall_anchor_ + offset - wall_clock_->Now();
  if (max_wait_nanos_ > 0 && wait > max_wait_nanos_) {
    // Skip the rest of a long idle stretch: later events keep their spacing.
    wall_anchor_ -= wait - max_wait_nanos_;
    wait = max_wait_nanos_;
  }
  while (wait > 0) {
    if (stopping()) return false;
    const std::int64_t slice = wait < kSleepSlice ? wait : kSleepSlice;
    sleep_(slice);
    wait -= slice;
  }
  return !stopping();
}

Result<ReplaySummary> ReplayFeed::Run(const EventHandler& handler) {
  if (started_) return FailedPreconditionError("replay: Run may be called only once");
  started_ = true;
  std::priority_queue<Cursor, std::vector<Cursor>, std::greater<>> heap;
  for (std::size_t s = 0; s < series_.size(); ++s) {
    if (!series_[s].bars.empty()) heap.emplace(series_[s].close_times[0], s, 0);
  }
  ReplaySummary summary;
  summary.total = total_;
  if (!heap.empty() && clock_.Now() > std::get<0>(heap.top())) {
    return FailedPreconditionError(
        "replay: the simulated clock ({}) is already past the first event ({})",
        FormatIso8601(clock_.Now()), FormatIso8601(std::get<0>(heap.top())));
  }
  auto report = [&]() {
    if (progress_) progress_(ReplayProgress{summary.delivered, total_, clock_.Now()});
  };
  bool reported_last = false;
  while (!heap.empty()) {
    const auto [close, s, i] = heap.top();
    heap.pop();
    if (!Pace(close)) break;
    clock_.SetTime(close);
    const Series& series = series_[s];
    ReplayEvent event;
    event.series = s;
    event.key = &series.key;
    event.bar = &series.bars[i];
    event.close_time = close;
    event.sequence = summary.delivered;
    handler(event);
    if (summary.delivered == 0) summary.first_time = close;
    summary.last_time = close;
    ++summary.delivered;
    reported_last = false;
    if (progress_every_ > 0 && summary.delivered % progress_every_ == 0) {
      report();
      reported_last = true;
    }
    if (i + 1 < series.bars.size()) heap.emplace(series.close_times[i + 1], s, i + 1);
    if (stopping()) break;
  }
  summary.stopped_early = summary.delivered < total_;
  if (!reported_last) report();
  return summary;
}

}  // namespace pulse::replay
