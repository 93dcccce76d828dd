// FixedArray: a fixed-length array of plain values in indicator memory (see indicator_arena.h),
// the storage of the indicators' windows. Internal to the indicators module.
#pragma once

#include <algorithm>
#include <cstring>
#include <type_traits>
#include <utility>

#include "indicators/indicator_arena.h"

namespace pulse::indicators {

// `size` value-initialised elements of a trivially copyable T, allocated once in the
// constructor from the current arena when one is installed (IndicatorArena::Scope), from the
// heap otherwise; copies allocate the same way. Default-constructed and moved-from arrays are
// empty. Single-threaded value object.
template <typename T>
class FixedArray {
  static_assert(std::is_trivially_copyable_v<T>, "FixedArray holds plain values");
  static_assert(alignof(T) <= 16, "indicator memory is 16-byte aligned");

 public:
  FixedArray() = default;
  explicit FixedArray(int size) : size_(std::max(size, 0)) {
    data_ = static_cast<T*>(AllocateIndicatorMemory(sizeof(T) * static_cast<std::size_t>(size_)));
    std::fill(data_, data_ + size_, T{});
  }
  FixedArray(const FixedArray& other) : FixedArray(other.size_) {
    std::copy(other.data_, other.data_ + size_, data_);
  }
  FixedArray(FixedArray&& other) noexcept
      : data_(std::exchange(other.data_, nullptr)), size_(std::exchange(other.size_, 0)) {}
  FixedArray& operator=(FixedArray other) noexcept {
    std::swap(data_, other.data_);
    std::swap(size_, other.size_);
    return *this;
  }
  ~FixedArray() { FreeIndicatorMemory(data_); }

  T* data() { return data_; }
  const T* data() const { return data_; }
  int size() const { return size_; }
  T& operator[](int i) { return data_[i]; }
  const T& operator[](int i) const { return data_[i]; }

 private:
  T* data_ = nullptr;
  int size_ = 0;
};

}  // namespace pulse::indicators
