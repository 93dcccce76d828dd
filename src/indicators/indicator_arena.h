// IndicatorArena: one memory block that holds the indicators of a feature set and their windows,
// so the state one bar update reads is a contiguous run of memory instead of dozens of separate
// heap blocks. Internal to the indicators module.
#pragma once

#include <cstddef>
#include <memory>

namespace pulse::indicators {

// A bump allocator over one block, used while a group of indicators is constructed. Indicators
// allocate only in their constructors (the object itself through Indicator::operator new, the
// windows through FixedArray), so everything they will ever use lands in the block, in
// construction order. A request that does not fit goes to the heap instead and is counted:
// building once with an arena of capacity 0 measures the block a second build needs.
//
// Memory is released only when the arena is destroyed; the objects placed in it must be
// destroyed before (their destructors run as usual, freeing arena memory is a no-op).
//
// Lifecycle: construct with a capacity, install with a Scope while building, keep alive as long
// as the objects built. Threading: a Scope installs the arena for the calling thread only; one
// thread builds with one arena at a time.
class IndicatorArena {
 public:
  // An arena of `capacity` bytes (0: measures only, every request goes to the heap).
  explicit IndicatorArena(std::size_t capacity);
  IndicatorArena(const IndicatorArena&) = delete;
  IndicatorArena& operator=(const IndicatorArena&) = delete;
  ~IndicatorArena();

  // While a Scope lives, indicator memory allocated on this thread comes from `arena`.
  // Scopes nest; the previous arena is restored at the end of the scope.
  class Scope {
   public:
    explicit Scope(IndicatorArena& arena);
    Scope(const Scope&) = delete;
    Scope& operator=(const Scope&) = delete;
    ~Scope();

   private:
    IndicatorArena* previous_;
  };

  // Bytes handed out from the block plus bytes that did not fit (went to the heap): the
  // capacity an arena needs to hold everything built so far.
  std::size_t required() const { return used_ + overflow_; }
  std::size_t used() const { return used_; }
  std::size_t capacity() const { return capacity_; }

  // `bytes` (a multiple of 16) from the block, 16-byte aligned; nullptr (and counted in
  // required()) when they do not fit.
  void* Take(std::size_t bytes);

  // The arena installed on this thread by the innermost Scope, or nullptr.
  static IndicatorArena* Current();

 private:
  struct FreeBlock {
    void operator()(std::byte* block) const;
  };

  std::unique_ptr<std::byte, FreeBlock> block_;
  std::size_t capacity_;
  std::size_t used_ = 0;
  std::size_t overflow_ = 0;
};

// Memory for indicator objects and their windows: from the current thread's arena when one is
// installed and has room, from the heap otherwise. 16-byte aligned.
void* AllocateIndicatorMemory(std::size_t bytes);
// Releases memory from AllocateIndicatorMemory: returns heap memory, leaves arena memory to its
// arena. nullptr is ignored.
void FreeIndicatorMemory(void* memory);

}  // namespace pulse::indicators
