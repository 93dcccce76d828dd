#include "engines/data/bar_aggregator.h"

namespace pulse::data {

Result<BarAggregator> BarAggregator::Create(Timeframe from, Timeframe to, ResampleOptions options) {
  if (!from.Divides(to)) {
    return InvalidArgumentError(
        "cannot aggregate {} bars into {}: {} is not a whole multiple of {} aligned with it",
        from.ToString(), to.ToString(), to.ToString(), from.ToString());
  }
  return BarAggregator(from, to, options);
}

BarAggregator::BarAggregator(Timeframe from, Timeframe to, ResampleOptions options)
    : bucket_(from, to), options_(options) {}

bool BarAggregator::Complete(bool flushing, Bar& out) {
  if (!bucket_.Complete(options_.keep_incomplete_first || flushing, out)) {
    ++stats_.dropped_first;
    return false;
  }
  ++stats_.output_bars;
  if (const std::int64_t missing = bucket_.missing(); missing > 0) {
    ++stats_.incomplete_buckets;
    stats_.missing_base_bars += missing;
    stats_.incomplete_bucket_times.push_back(out.open_time);
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
  const bool follows = has_last_input_ && bar.open_time == bucket_.FromEnd(last_input_);
  const bool off_grid = !follows && bucket_.from().BucketStart(bar.open_time) != bar.open_time;
  const bool not_after = has_last_input_ && bar.open_time <= last_input_;
  if (off_grid || not_after) {
    ++stats_.rejected_bars;
    return Pop();
  }
  last_input_ = bar.open_time;
  has_last_input_ = true;
  const __int128 units = BarBucket::VolumeUnits(bar.volume);
  if (bucket_.active() && bar.open_time >= bucket_.end()) Close(false);
  if (bucket_.active()) {
    bucket_.Add(bar, units);
  } else {
    bucket_.Start(bar, units);
  }
  if (bucket_.EndsWith(bar.open_time)) {
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
  if (bucket_.active()) Close(true);
  // Anything still queued comes first, then the flushed bucket.
  return Pop();
}

bool BarAggregator::DiscardPartial() {
  if (!bucket_.active()) return false;
  bucket_.Discard();
  return true;
}

std::optional<Bar> BarAggregator::partial() const {
  if (!bucket_.active()) return std::nullopt;
  return bucket_.Current();
}

}  // namespace pulse::data
