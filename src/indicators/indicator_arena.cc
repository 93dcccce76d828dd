#include "indicators/indicator_arena.h"

#include <new>

namespace pulse::indicators {
namespace {

// Every allocation is preceded by a 16-byte header (keeping 16-byte alignment) that says where
// it came from, so memory can be released without knowing the arena.
constexpr std::size_t kHeaderBytes = 16;
constexpr std::size_t kBlockAlignment = 64;  // a cache line
enum class Origin : unsigned char { kHeap, kArena };

thread_local IndicatorArena* current_arena = nullptr;

std::size_t RoundUp16(std::size_t bytes) { return (bytes + 15) & ~std::size_t{15}; }

}  // namespace

IndicatorArena::IndicatorArena(std::size_t capacity) : capacity_(RoundUp16(capacity)) {
  if (capacity_ > 0) {
    block_.reset(
        static_cast<std::byte*>(::operator new (capacity_, std::align_val_t{kBlockAlignment})));
  }
}

IndicatorArena::~IndicatorArena() = default;

void IndicatorArena::FreeBlock::operator()(std::byte* block) const {
  ::operator delete (block, std::align_val_t{kBlockAlignment});
}

IndicatorArena::Scope::Scope(IndicatorArena& arena) : previous_(current_arena) {
  current_arena = &arena;
}

IndicatorArena::Scope::~Scope() { current_arena = previous_; }

void* IndicatorArena::Take(std::size_t bytes) {
  if (bytes > capacity_ - used_) {
    overflow_ += bytes;
    return nullptr;
  }
  void* out = block_.get() + used_;
  used_ += bytes;
  return out;
}

IndicatorArena* IndicatorArena::Current() { return current_arena; }

void* AllocateIndicatorMemory(std::size_t bytes) {
  const std::size_t total = kHeaderBytes + RoundUp16(bytes);
  std::byte* block = nullptr;
  Origin origin = Origin::kHeap;
  if (current_arena != nullptr) {
    block = static_cast<std::byte*>(current_arena->Take(total));
    if (block != nullptr) origin = Origin::kArena;
  }
  if (block == nullptr) block = static_cast<std::byte*>(::operator new(total));
  *reinterpret_cast<Origin*>(block) = origin;
  return block + kHeaderBytes;
}

void FreeIndicatorMemory(void* memory) {
  if (memory == nullptr) return;
  std::byte* block = static_cast<std::byte*>(memory) - kHeaderBytes;
  if (*reinterpret_cast<const Origin*>(block) == Origin::kHeap) ::operator delete(block);
}

}  // namespace pulse::indicators
