// BarSource: what the replay benchmarks feed the pipeline from, one base-bar close at a time
// (every symbol's bar of that time), like the merge loop of app::RunBacktest.
// Implemented by SeriesReplay (bars read from files) and SyntheticMarket (generated bars).
// Lifecycle: NextClose() until false, Restart() to replay the same bars. Single-threaded.
#pragma once

#include <cstdint>
#include <vector>

#include "app/pipeline.h"

namespace pulse::bench {

class BarSource {
 public:
  virtual ~BarSource() = default;
  // Fills `close` with the next close's bars (one per symbol that has a bar then, same open
  // time); false, with `close` empty, after the last one.
  virtual bool NextClose(std::vector<app::SymbolBar>& close) = 0;
  virtual void Restart() = 0;
  // Bars over all symbols from start to end.
  virtual std::int64_t total_bars() const = 0;
};

}  // namespace pulse::bench
