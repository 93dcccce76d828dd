#include "bench/pipeline/series_replay.h"

#include <algorithm>
#include <limits>

namespace pulse::bench {

SeriesReplay::SeriesReplay(std::vector<app::SymbolSeries> series)
    : series_(std::move(series)), cursor_(series_.size(), 0) {
  for (const app::SymbolSeries& s : series_) {
    total_bars_ += static_cast<std::int64_t>(s.bars.size());
  }
}

void SeriesReplay::Restart() { std::fill(cursor_.begin(), cursor_.end(), 0); }

bool SeriesReplay::NextClose(std::vector<app::SymbolBar>& close) {
  close.clear();
  UnixNanos now = std::numeric_limits<UnixNanos>::max();
  for (std::size_t i = 0; i < series_.size(); ++i) {
    if (cursor_[i] < series_[i].bars.size()) {
      now = std::min(now, series_[i].bars[cursor_[i]].open_time);
    }
  }
  if (now == std::numeric_limits<UnixNanos>::max()) return false;
  for (std::size_t i = 0; i < series_.size(); ++i) {
    const std::vector<Bar>& bars = series_[i].bars;
    if (cursor_[i] >= bars.size() || bars[cursor_[i]].open_time != now) continue;
    close.push_back(app::SymbolBar{series_[i].exchange, series_[i].symbol, bars[cursor_[i]], {}});
    ++cursor_[i];
  }
  return true;
}

}  // namespace pulse::bench
