// Indicator: the streaming interface every Pulse technical indicator implements, and the batch
// runner that drives the same code over whole arrays.
#pragma once

#include <cstddef>
#include <limits>
#include <span>
#include <vector>

#include "indicators/indicator_arena.h"
#include "model/bar.h"

namespace pulse::indicators {

inline constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

class SharedRange;

// A streaming technical indicator. Feed closed bars in time order with Update(); the output for
// bar index WarmUp() (0-based) is the first valid one, so Ready() turns true on the
// (WarmUp() + 1)-th bar. WarmUp() equals TA-Lib's lookback for the same parameters.
//
// Lifecycle: built once with its parameters (all memory is allocated then), updated bar by bar,
// Reset() to start over on a new series. Update() is O(1) amortised and never allocates.
// Threading: a single-threaded value object (thread-compatible); use one instance per series.
//
// Memory: indicator objects (and their windows) come from the current IndicatorArena when one
// is installed on the constructing thread (a FeatureSet builds its indicators in one block), from
// the heap otherwise; `delete` works on both.
class Indicator {
 public:
  virtual ~Indicator() = default;

  static void* operator new(std::size_t bytes) { return AllocateIndicatorMemory(bytes); }
  static void operator delete(void* memory) { FreeIndicatorMemory(memory); }

  // Consumes the next closed bar.
  virtual void Update(const Bar& bar) = 0;
  // Forgets every bar seen; the object is as freshly constructed.
  virtual void Reset() = 0;
  // True once the latest output is valid (after WarmUp() + 1 bars).
  virtual bool Ready() const = 0;
  // Number of bars consumed before the first valid output (TA-Lib's lookback).
  virtual int WarmUp() const = 0;
  // Number of outputs (1 for most; MACD has 3, BBANDS 3, STOCH 2).
  virtual int NumOutputs() const { return 1; }
  // Output `index` for the latest bar; NaN while not Ready().
  virtual double Value(int index = 0) const = 0;
  // Update(bar), then writes the NumOutputs() outputs (Value(0), Value(1), ...) to out[0..]:
  // one call per bar where a caller wants every output, as a feature set does.
  virtual void UpdateInto(const Bar& bar, double* out) {
    Update(bar);
    for (int k = 0, n = NumOutputs(); k < n; ++k) out[k] = Value(k);
  }

  // Feature sets only. The lengths of the highest-high / lowest-low windows this indicator keeps
  // (at most 3, written to `windows`), so that one SharedRange can keep them for a whole group;
  // returns how many (0, the default: none).
  virtual int RangeWindows(int* windows) const {
    (void)windows;
    return 0;
  }
  // Feature sets only, once after construction: read those windows from `range` (which has
  // every one of them and is updated with each bar before this indicator) instead of keeping
  // them. The numbers do not change.
  virtual void AttachRange(const SharedRange* range) { (void)range; }
};

// Runs `indicator` (after Reset()) over `bars` and returns one column per output, each as long
// as the input, NaN for the warm-up bars. Uses exactly the streaming code path.
std::vector<std::vector<double>> RunBatch(Indicator& indicator, std::span<const Bar> bars);

// The same over a plain price series: every value becomes a bar with open = high = low = close
// and zero volume. Meant for indicators that read only the close.
std::vector<std::vector<double>> RunBatch(Indicator& indicator, std::span<const double> closes);

}  // namespace pulse::indicators
