#include "indicators/pivots.h"

#include <algorithm>

namespace pulse::indicators {
namespace {

// Floor division, so bars before 1970 still fall into whole buckets.
std::int64_t Bucket(std::int64_t t, std::int64_t length) {
  const std::int64_t q = t / length;
  return (t % length != 0 && t < 0) ? q - 1 : q;
}

}  // namespace

Pivots::Pivots(int session_minutes)
    : session_nanos_(static_cast<std::int64_t>(session_minutes) * 60 * 1'000'000'000) {}

void Pivots::Update(const Bar& bar) {
  const std::int64_t session = Bucket(bar.open_time, session_nanos_);
  if (count_ == 0 || session != session_) {
    if (count_ > 0) {
      // The current session is complete: its levels hold for the new one.
      const double h = high_, l = low_, c = close_;
      const double p = (h + l + c) / 3;
      levels_[0] = p;
      levels_[1] = 2 * p - l;
      levels_[2] = p + (h - l);
      levels_[3] = h + 2 * (p - l);
      levels_[4] = 2 * p - h;
      levels_[5] = p - (h - l);
      levels_[6] = l - 2 * (h - p);
      if (first_ready_ < 0) first_ready_ = count_;
    }
    session_ = session;
    high_ = bar.high;
    low_ = bar.low;
  } else {
    high_ = std::max(high_, bar.high);
    low_ = std::min(low_, bar.low);
  }
  close_ = bar.close;
  ++count_;
}

void Pivots::Reset() {
  session_ = 0;
  high_ = low_ = close_ = 0;
  std::fill(std::begin(levels_), std::end(levels_), 0.0);
  count_ = 0;
  first_ready_ = -1;
}

int Pivots::WarmUp() const {
  if (first_ready_ >= 0) return static_cast<int>(first_ready_);
  return static_cast<int>(std::max<long long>(count_, 1));
}

double Pivots::Value(int index) const {
  if (!Ready() || index < 0 || index >= 7) return kNaN;
  return levels_[index];
}

}  // namespace pulse::indicators
