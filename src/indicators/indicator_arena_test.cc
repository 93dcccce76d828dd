#include "indicators/indicator_arena.h"

#include <cmath>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "indicators/fixed_array.h"
#include "indicators/registry.h"
#include "indicators/ring_buffer.h"
#include "indicators/test_series.h"

namespace pulse::indicators {
namespace {

bool Inside(const void* p, const void* first, std::size_t bytes) {
  const auto at = reinterpret_cast<std::uintptr_t>(p);
  const auto begin = reinterpret_cast<std::uintptr_t>(first);
  return at >= begin && at < begin + bytes;
}

bool SameValue(double a, double b) { return (std::isnan(a) && std::isnan(b)) || a == b; }

TEST(IndicatorArena, HandsOutConsecutiveAlignedMemoryInsideAScopeOnly) {
  IndicatorArena arena(1024);
  void* outside = AllocateIndicatorMemory(40);
  EXPECT_EQ(arena.used(), 0u);
  void* first = nullptr;
  void* second = nullptr;
  {
    const IndicatorArena::Scope scope(arena);
    EXPECT_EQ(IndicatorArena::Current(), &arena);
    first = AllocateIndicatorMemory(40);  // 16 header + 48
    second = AllocateIndicatorMemory(8);  // 16 header + 16
  }
  EXPECT_EQ(IndicatorArena::Current(), nullptr);
  EXPECT_EQ(arena.used(), 64u + 32u);
  EXPECT_EQ(static_cast<char*>(second) - static_cast<char*>(first), 64);
  EXPECT_EQ(reinterpret_cast<std::uintptr_t>(first) % 16, 0u);
  EXPECT_EQ(reinterpret_cast<std::uintptr_t>(second) % 16, 0u);
  EXPECT_FALSE(Inside(outside, static_cast<char*>(first) - 16, arena.capacity()));
  // Arena memory is left to the arena; heap memory is returned.
  FreeIndicatorMemory(first);
  FreeIndicatorMemory(second);
  FreeIndicatorMemory(outside);
  FreeIndicatorMemory(nullptr);
}

TEST(IndicatorArena, CountsWhatDoesNotFitAndSendsItToTheHeap) {
  IndicatorArena measure(0);
  {
    const IndicatorArena::Scope scope(measure);
    FixedArray<double> a(10);  // 80 bytes + 16 header
    FixedArray<double> b(3);   // 24 -> 32 bytes + 16 header
    a[9] = 1.5;
    b[2] = 2.5;
    EXPECT_EQ(a[9] + b[2], 4.0);
  }
  EXPECT_EQ(measure.used(), 0u);
  EXPECT_EQ(measure.required(), 96u + 48u);

  IndicatorArena exact(measure.required());
  const IndicatorArena::Scope scope(exact);
  FixedArray<double> a(10);
  FixedArray<double> b(3);
  EXPECT_EQ(exact.used(), exact.capacity());
  FixedArray<double> c(1);  // no room left: heap
  EXPECT_EQ(exact.used(), exact.capacity());
  EXPECT_EQ(exact.required(), exact.capacity() + 32u);
  EXPECT_EQ(c.size(), 1);
  EXPECT_EQ(c[0], 0.0);
}

TEST(IndicatorArena, NestedScopesRestoreThePreviousArena) {
  IndicatorArena outer(256);
  IndicatorArena inner(256);
  const IndicatorArena::Scope outer_scope(outer);
  {
    const IndicatorArena::Scope inner_scope(inner);
    EXPECT_EQ(IndicatorArena::Current(), &inner);
  }
  EXPECT_EQ(IndicatorArena::Current(), &outer);
}

TEST(IndicatorArena, CopiesOfAnArenaWindowKeepTheValuesInTheirOwnMemory) {
  IndicatorArena arena(1024);
  std::unique_ptr<RingBuffer> ring;
  {
    const IndicatorArena::Scope scope(arena);
    ring = std::make_unique<RingBuffer>(4);
  }
  for (double x : {1.0, 2.0, 3.0, 4.0, 5.0}) ring->Push(x);
  RingBuffer copy = *ring;  // outside the scope: on the heap
  const std::size_t used = arena.used();
  ring->Push(6.0);
  EXPECT_EQ(arena.used(), used);
  EXPECT_EQ(copy.Back(0), 5.0);
  EXPECT_EQ(copy.Oldest(), 2.0);
  EXPECT_EQ(ring->Back(0), 6.0);
  EXPECT_EQ(ring->Oldest(), 3.0);
  RingBuffer moved = std::move(copy);
  EXPECT_EQ(moved.Back(3), 2.0);
}

// Every registered indicator with its default parameters: built inside an arena it gives the
// numbers of one built on the heap, and UpdateInto writes exactly Update + Value(k).
TEST(IndicatorArena, EveryIndicatorInAnArenaMatchesTheHeapOneThroughUpdateInto) {
  const std::vector<Bar> bars = testing::RandomWalkBars(400, 7, 0, 50);
  for (const IndicatorSpec& spec : AllIndicators()) {
    const std::string name(spec.name);
    Result<std::unique_ptr<Indicator>> heap = CreateIndicator(name);
    ASSERT_TRUE(heap.ok()) << name;
    IndicatorArena measure(0);
    {
      const IndicatorArena::Scope scope(measure);
      ASSERT_TRUE(CreateIndicator(name).ok());
    }
    IndicatorArena arena(measure.required());
    Result<std::unique_ptr<Indicator>> placed = [&] {
      const IndicatorArena::Scope scope(arena);
      return CreateIndicator(name);
    }();
    ASSERT_TRUE(placed.ok()) << name;
    EXPECT_EQ(arena.used(), measure.required()) << name;
    EXPECT_GT(arena.used(), 0u) << name;                // the object at least
    EXPECT_EQ(arena.required(), arena.used()) << name;  // nothing went to the heap
    const int outputs = (*heap)->NumOutputs();
    std::vector<double> written(static_cast<std::size_t>(outputs));
    for (std::size_t i = 0; i < bars.size(); ++i) {
      (*heap)->Update(bars[i]);
      (*placed)->UpdateInto(bars[i], written.data());
      for (int k = 0; k < outputs; ++k) {
        ASSERT_TRUE(SameValue(written[static_cast<std::size_t>(k)], (*heap)->Value(k)))
            << name << " output " << k << " bar " << i << ": " << written[k] << " vs "
            << (*heap)->Value(k);
      }
    }
  }
}

}  // namespace
}  // namespace pulse::indicators
