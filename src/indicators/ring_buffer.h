// RingBuffer and MinMaxWindow: fixed-capacity windows the indicators keep their recent values in.
// Internal helpers of the indicators module.
#pragma once

#include <vector>

namespace pulse::indicators {

// The last `capacity` values pushed, newest first by Back(0). Memory is allocated once in the
// constructor; Push() overwrites the oldest value when full. Single-threaded value object.
class RingBuffer {
 public:
  explicit RingBuffer(int capacity) : data_(capacity > 0 ? capacity : 1) {}

  void Push(double x) {
    data_[head_] = x;
    head_ = head_ + 1 == static_cast<int>(data_.size()) ? 0 : head_ + 1;
    if (size_ < static_cast<int>(data_.size())) ++size_;
  }
  // The value pushed `i` pushes ago (0 = newest); requires i < Size().
  double Back(int i) const {
    int idx = head_ - 1 - i;
    if (idx < 0) idx += static_cast<int>(data_.size());
    return data_[idx];
  }
  double Oldest() const { return Back(size_ - 1); }
  int Size() const { return size_; }
  int Capacity() const { return static_cast<int>(data_.size()); }
  bool Full() const { return size_ == static_cast<int>(data_.size()); }
  void Clear() {
    head_ = 0;
    size_ = 0;
  }

 private:
  std::vector<double> data_;
  int head_ = 0;
  int size_ = 0;
};

// Highest or lowest value of the last `window` pushes, in amortised O(1) per push (a monotonic
// queue in a fixed ring). Ties keep the newest value. Single-threaded value object.
class MinMaxWindow {
 public:
  enum class Kind { kMin, kMax };

  MinMaxWindow(int window, Kind kind)
      : window_(window), kind_(kind), values_(window + 1), stamps_(window + 1) {}

  void Push(double x) {
    const int cap = static_cast<int>(values_.size());
    // Drop values the new one dominates (from the back).
    while (size_ > 0) {
      const int last = (front_ + size_ - 1) % cap;
      const bool dominated = kind_ == Kind::kMax ? values_[last] <= x : values_[last] >= x;
      if (!dominated) break;
      --size_;
    }
    const int pos = (front_ + size_) % cap;
    values_[pos] = x;
    stamps_[pos] = count_;
    ++size_;
    // Drop the front when it left the window.
    if (stamps_[front_] <= count_ - window_) {
      front_ = front_ + 1 == cap ? 0 : front_ + 1;
      --size_;
    }
    ++count_;
  }
  // The extreme of the last min(window, pushes) values; requires at least one push.
  double Value() const { return values_[front_]; }
  // Pushes since the extreme was pushed (0 when it is the newest value).
  int Age() const { return static_cast<int>(count_ - 1 - stamps_[front_]); }
  void Clear() {
    front_ = 0;
    size_ = 0;
    count_ = 0;
  }

 private:
  int window_;
  Kind kind_;
  std::vector<double> values_;
  std::vector<long long> stamps_;
  int front_ = 0;
  int size_ = 0;
  long long count_ = 0;
};

}  // namespace pulse::indicators
