#include "app/bar_close_cursor.h"

#include <algorithm>

namespace pulse::app {

namespace {

std::size_t FirstAtOrAfter(const std::vector<Bar>& bars, UnixNanos t) {
  auto by_time = [](const Bar& b, UnixNanos at) { return b.open_time < at; };
  return static_cast<std::size_t>(std::lower_bound(bars.begin(), bars.end(), t, by_time) -
                                  bars.begin());
}

}  // namespace

BarCloseCursor::BarCloseCursor(const std::vector<SymbolSeries>& series, UnixNanos from,
                               UnixNanos to)
    : series_(series), to_(to), cursor_(series.size()), stop_(series.size()) {
  for (std::size_t i = 0; i < series.size(); ++i) {
    cursor_[i] = FirstAtOrAfter(series[i].bars, from);
    stop_[i] = std::max(cursor_[i], FirstAtOrAfter(series[i].bars, to));
    total_ += static_cast<std::int64_t>(stop_[i] - cursor_[i]);
  }
}

std::optional<UnixNanos> BarCloseCursor::Peek() const {
  std::optional<UnixNanos> next;
  for (std::size_t i = 0; i < series_.size(); ++i) {
    if (cursor_[i] < stop_[i]) {
      const UnixNanos t = series_[i].bars[cursor_[i]].open_time;
      if (!next || t < *next) next = t;
    }
  }
  return next;
}

bool BarCloseCursor::Next(std::vector<SymbolBar>* close) {
  close->clear();
  const std::optional<UnixNanos> now = Peek();
  if (!now) return false;
  for (std::size_t i = 0; i < series_.size(); ++i) {
    if (cursor_[i] >= stop_[i] || series_[i].bars[cursor_[i]].open_time != *now) continue;
    close->push_back(
        SymbolBar{series_[i].exchange, series_[i].symbol, series_[i].bars[cursor_[i]], {}});
    ++cursor_[i];
  }
  given_ += static_cast<std::int64_t>(close->size());
  return true;
}

void BarCloseCursor::Refresh() {
  for (std::size_t i = 0; i < series_.size(); ++i) {
    const std::size_t stop = std::max(cursor_[i], FirstAtOrAfter(series_[i].bars, to_));
    total_ += static_cast<std::int64_t>(stop - stop_[i]);
    stop_[i] = stop;
  }
}

}  // namespace pulse::app
