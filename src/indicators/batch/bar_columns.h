// BarColumns: a bar series as parallel arrays (structure of arrays), the input of the batch
// indicator kernels, and BarColumnData, which owns such arrays built from a span of Bars.
#pragma once

#include <span>
#include <vector>

#include "core/time.h"
#include "model/bar.h"

namespace pulse::indicators {

// Read-only views of one bar series, one span per field, index i = bar i. Columns an indicator
// does not read may be left empty (ComputeBatch then substitutes the close for a missing price
// and 0 for a missing volume, as RunBatch over closes does); every non-empty column must have
// the same length. `open_time` is optional and never read by the indicators.
//
// Lifecycle: a view; the arrays must outlive it. Threading: immutable, safe to share.
struct BarColumns {
  std::span<const double> open;
  std::span<const double> high;
  std::span<const double> low;
  std::span<const double> close;
  std::span<const double> volume;
  std::span<const UnixNanos> open_time;

  // Length of the series: the length of the longest column given.
  size_t size() const;
};

// Owned column arrays, e.g. converted once from an array of Bars. Value type; View() is valid
// while the object lives and is not modified. Threading: thread-compatible.
struct BarColumnData {
  std::vector<double> open, high, low, close, volume;
  std::vector<UnixNanos> open_time;

  // Splits `bars` into columns (every field, open_time included).
  static BarColumnData FromBars(std::span<const Bar> bars);
  BarColumns View() const;
};

}  // namespace pulse::indicators
