// BarCloseCursor: walks symbol series of one timeframe as bar closes in time order, the input
// of Pipeline::OnBarClose. Shared by `pulse backtest` and `pulse run`.
#pragma once

#include <cstdint>
#include <limits>
#include <optional>
#include <vector>

#include "app/config/config.h"
#include "app/feature_input.h"
#include "app/pipeline.h"
#include "core/time.h"
#include "core/timeframe.h"

namespace pulse::app {

// NoBarsMessage of `range` with the span of the series' bar open times ("no bars from
// 2022-01-01T00:00:00Z on (the data spans 2020-12-01T00:00:00Z .. 2021-07-17T21:05:00Z)").
std::string NoBarsMessage(const std::vector<SymbolSeries>& series, const TimeRange& range);

// Each Next() gives every series' bar that opens at the earliest time not given yet, in series
// order, with the series' detail bars inside it (open time in [open, close) of `base`) as its
// finer bars; bars before `from` and from `to` on are skipped.
// Lifecycle: borrows `series`, which must outlive it; bars appended to a series later are
// picked up by Refresh(). Threading: single-threaded.
class BarCloseCursor {
 public:
  BarCloseCursor(const std::vector<SymbolSeries>& series, Timeframe base,
                 UnixNanos from = std::numeric_limits<UnixNanos>::min(),
                 UnixNanos to = std::numeric_limits<UnixNanos>::max());

  // The open time of the next close, nullopt when every series is done.
  std::optional<UnixNanos> Peek() const;
  // Fills `close` (cleared first) with the bars of the next close; false at the end.
  bool Next(std::vector<SymbolBar>* close);
  // Takes in bars appended to the series since construction (they must be later than the
  // bars already there).
  void Refresh();

  // Bars in range, given or not, and the ones given so far.
  std::int64_t total_bars() const { return total_; }
  std::int64_t bars_given() const { return given_; }

 private:
  const std::vector<SymbolSeries>& series_;
  Timeframe base_;
  UnixNanos to_;
  std::vector<std::size_t> cursor_;
  std::vector<std::size_t> detail_cursor_;  // per series, the first detail bar not given yet
  std::vector<std::size_t> stop_;
  std::int64_t total_ = 0;
  std::int64_t given_ = 0;
};

}  // namespace pulse::app
