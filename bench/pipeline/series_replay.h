// SeriesReplay: candle series replayed close by close in time order, every symbol's bar of one
// open time together (the merge loop of app::RunBacktest). Used for the bundled sample data.
// Lifecycle: construct from loaded series (kept), NextClose() until false, Restart() to replay.
// Threading: single-threaded.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "app/feature_input.h"
#include "bench/pipeline/bar_source.h"

namespace pulse::bench {

class SeriesReplay final : public BarSource {
 public:
  explicit SeriesReplay(std::vector<app::SymbolSeries> series);

  bool NextClose(std::vector<app::SymbolBar>& close) override;
  void Restart() override;
  std::int64_t total_bars() const override { return total_bars_; }

  const std::vector<app::SymbolSeries>& series() const { return series_; }

 private:
  std::vector<app::SymbolSeries> series_;
  std::vector<std::size_t> cursor_;
  std::int64_t total_bars_ = 0;
};

}  // namespace pulse::bench
