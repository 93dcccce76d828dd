// RingBuffer and MinMaxWindow: fixed-capacity windows the indicators keep their recent values in.
// Internal helpers of the indicators module. Their storage is indicator memory (FixedArray), so
// an indicator built inside an IndicatorArena::Scope keeps its windows in the arena.
#pragma once

#include "indicators/fixed_array.h"

namespace pulse::indicators {

// The last `capacity` values pushed, newest first by Back(0). Memory is allocated once in the
// constructor (FixedArray: the current arena, else the heap); Push() overwrites the oldest value
// when full. Single-threaded value object.
class RingBuffer {
 public:
  explicit RingBuffer(int capacity) : data_(capacity > 0 ? capacity : 1) {}

  void Push(double x) {
    data_[head_] = x;
    head_ = head_ + 1 == data_.size() ? 0 : head_ + 1;
    if (size_ < data_.size()) ++size_;
  }
  // The value pushed `i` pushes ago (0 = newest); requires i < Size().
  double Back(int i) const {
    int idx = head_ - 1 - i;
    if (idx < 0) idx += data_.size();
    return data_[idx];
  }
  double Oldest() const { return size_ == Capacity() ? data_[head_] : Back(size_ - 1); }
  int Size() const { return size_; }
  int Capacity() const { return data_.size(); }
  bool Full() const { return size_ == data_.size(); }
  void Clear() {
    head_ = 0;
    size_ = 0;
  }

 private:
  FixedArray<double> data_;
  int head_ = 0;
  int size_ = 0;
};

// Highest or lowest value of the last `window` pushes, in amortised O(1) per push (a monotonic
// queue in a fixed ring). Ties keep the newest value. Each candidate keeps its value and its push
// number side by side, so a push touches one place in memory. Single-threaded value object.
class MinMaxWindow {
 public:
  enum class Kind { kMin, kMax };

  MinMaxWindow(int window, Kind kind) : window_(window), kind_(kind), entries_(window + 1) {}

  void Push(double x) {
    const int cap = entries_.size();
    Entry* entries = entries_.data();
    // Drop values the new one dominates (from the back).
    while (size_ > 0) {
      const int last = end_ == 0 ? cap - 1 : end_ - 1;
      const double v = entries[last].value;
      const bool dominated = kind_ == Kind::kMax ? v <= x : v >= x;
      if (!dominated) break;
      end_ = last;
      --size_;
    }
    entries[end_] = Entry{x, count_};
    end_ = end_ + 1 == cap ? 0 : end_ + 1;
    ++size_;
    // Drop the front when it left the window.
    if (entries[front_].stamp <= count_ - window_) {
      front_ = front_ + 1 == cap ? 0 : front_ + 1;
      --size_;
    }
    ++count_;
  }
  // The extreme of the last min(window, pushes) values; requires at least one push.
  double Value() const { return entries_[front_].value; }
  // The extreme of the last min(n, pushes) values for 1 <= n <= window: one queue answers every
  // shorter window over the same input (the candidates are in push order, so the first one
  // pushed within the last n is their extreme). Walks past the older candidates.
  double ValueOver(int n) const {
    const int cap = entries_.size();
    const Entry* entries = entries_.data();
    int i = front_;
    while (entries[i].stamp < count_ - n) i = i + 1 == cap ? 0 : i + 1;
    return entries[i].value;
  }
  // ValueOver(n[0]), ..., ValueOver(n[k - 1]) in one walk past the candidates, for windows in
  // descending order (n[0] >= n[1] >= ...), each within 1..window.
  void ValuesOverDescending(const int* n, int k, double* out) const {
    const int cap = entries_.size();
    const Entry* entries = entries_.data();
    int i = front_;
    for (int j = 0; j < k; ++j) {
      const long long from = count_ - n[j];
      while (entries[i].stamp < from) i = i + 1 == cap ? 0 : i + 1;
      out[j] = entries[i].value;
    }
  }
  // Pushes since the extreme was pushed (0 when it is the newest value).
  int Age() const { return static_cast<int>(count_ - 1 - entries_[front_].stamp); }
  void Clear() {
    front_ = 0;
    end_ = 0;
    size_ = 0;
    count_ = 0;
  }

 private:
  struct Entry {
    double value;
    long long stamp;  // push number
  };

  int window_;
  Kind kind_;
  FixedArray<Entry> entries_;
  int front_ = 0;  // the oldest candidate (the extreme)
  int end_ = 0;    // one past the newest candidate
  int size_ = 0;
  long long count_ = 0;
};

}  // namespace pulse::indicators
