#include "indicators/shared_range.h"

#include <algorithm>

namespace pulse::indicators {

SharedRange::SharedRange(const int* windows, int count)
    : count_windows_(std::clamp(count, 1, kMaxWindows)) {
  for (int j = 0; j < count_windows_; ++j) {
    windows_[j] = std::max(j < count ? windows[j] : 1, 1);
    if (windows_[j] > windows_[longest_]) longest_ = j;
  }
  // Candidates span at most the longest window plus the bar being pushed.
  long long capacity = 1;
  while (capacity < windows_[longest_] + 1) capacity *= 2;
  mask_ = capacity - 1;
  highs_.entries = FixedArray<Entry>(static_cast<int>(capacity));
  lows_.entries = FixedArray<Entry>(static_cast<int>(capacity));
}

int SharedRange::Slot(int window) const {
  for (int j = 0; j < count_windows_; ++j) {
    if (windows_[j] == window) return j;
  }
  return -1;
}

template <bool kMax>
void SharedRange::Push(Side& side, double x) {
  Entry* entries = side.entries.data();
  const long long begin = side.front[longest_];
  long long end = side.end;
  // Drop the candidates the new value dominates (from the back); ties keep the newest.
  while (end > begin) {
    const double v = entries[(end - 1) & mask_].value;
    if (kMax ? !(v <= x) : !(v >= x)) break;
    --end;
  }
  entries[end & mask_] = Entry{x, count_};
  side.end = end + 1;
  for (int j = 0; j < count_windows_; ++j) {
    // A front that was dropped moves to the new value (every later candidate went with it);
    // then the front leaves when its bar left the window (at most one step per bar).
    long long front = side.front[j] < end ? side.front[j] : end;
    if (entries[front & mask_].stamp <= count_ - windows_[j]) ++front;
    side.front[j] = front;
  }
}

void SharedRange::Update(const Bar& bar) {
  Push<true>(highs_, bar.high);
  Push<false>(lows_, bar.low);
  ++count_;
}

void SharedRange::Reset() {
  for (Side* side : {&highs_, &lows_}) {
    std::fill(side->front, side->front + kMaxWindows, 0LL);
    side->end = 0;
  }
  count_ = 0;
}

}  // namespace pulse::indicators
