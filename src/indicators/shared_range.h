// SharedRange: the highest high and lowest low of one bar series over several windows, kept once
// for all the indicators of a feature-set group that read them (Stoch, WillR, Aroon, Ichimoku).
#pragma once

#include "indicators/fixed_array.h"
#include "indicators/indicator.h"

namespace pulse::indicators {

// One monotonic queue of highs and one of lows over the longest registered window, each with one
// front per window: a push drops the dominated candidates from the back once and moves every
// front at most one step, so each window's extreme and its age are read in O(1). The candidates
// of the last n bars of the long queue are exactly those of a queue of n bars, so the extremes,
// the tie rule (the newest of equal values is kept) and the ages equal those of one MinMaxWindow
// per window over the same bars.
//
// An Indicator without outputs so that a FeatureSet can place it first in a group: it is updated
// with each bar before the indicators that read it (attached through Indicator::AttachRange).
// No allocation after construction. Single-threaded value object.
class SharedRange final : public Indicator {
 public:
  static constexpr int kMaxWindows = 8;

  // `windows`: `count` distinct lengths in bars, each >= 1; count within 1..kMaxWindows.
  SharedRange(const int* windows, int count);

  // The slot of a registered window length, -1 when it was not registered.
  int Slot(int window) const;

  void Update(const Bar& bar) override;
  void UpdateInto(const Bar& bar, double*) override { Update(bar); }
  void Reset() override;
  bool Ready() const override { return true; }
  int WarmUp() const override { return 0; }
  int NumOutputs() const override { return 0; }
  double Value(int = 0) const override { return kNaN; }

  // Extremes of the last min(window, bars) bars of a slot; require at least one bar.
  double Highest(int slot) const { return highs_.entries[highs_.front[slot] & mask_].value; }
  double Lowest(int slot) const { return lows_.entries[lows_.front[slot] & mask_].value; }
  // Bars since the extreme (0 when it is the newest bar).
  int HighestAge(int slot) const {
    return static_cast<int>(count_ - 1 - highs_.entries[highs_.front[slot] & mask_].stamp);
  }
  int LowestAge(int slot) const {
    return static_cast<int>(count_ - 1 - lows_.entries[lows_.front[slot] & mask_].stamp);
  }

 private:
  struct Entry {
    double value;
    long long stamp;  // bar number
  };
  // One queue: candidates at positions [front[longest_], end) of a ring indexed by position.
  struct Side {
    FixedArray<Entry> entries;
    long long front[kMaxWindows] = {};  // oldest candidate within each window
    long long end = 0;                  // one past the newest candidate
  };
  template <bool kMax>
  void Push(Side& side, double x);

  int windows_[kMaxWindows] = {};
  int count_windows_ = 0;
  int longest_ = 0;  // slot of the longest window
  long long mask_ = 0;
  Side highs_;
  Side lows_;
  long long count_ = 0;
};

}  // namespace pulse::indicators
