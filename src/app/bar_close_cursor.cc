#include "app/bar_close_cursor.h"

#include <algorithm>

namespace pulse::app {

std::string NoBarsMessage(const std::vector<SymbolSeries>& series, const TimeRange& range) {
  std::optional<UnixNanos> first, last;
  for (const SymbolSeries& s : series) {
    if (s.bars.empty()) continue;
    first = std::min(first.value_or(s.bars.front().open_time), s.bars.front().open_time);
    last = std::max(last.value_or(s.bars.back().open_time), s.bars.back().open_time);
  }
  return NoBarsMessage(range, first, last);
}

namespace {

std::size_t FirstAtOrAfter(const std::vector<Bar>& bars, UnixNanos t) {
  auto by_time = [](const Bar& b, UnixNanos at) { return b.open_time < at; };
  return static_cast<std::size_t>(std::lower_bound(bars.begin(), bars.end(), t, by_time) -
                                  bars.begin());
}

}  // namespace

BarCloseCursor::BarCloseCursor(const std::vector<SymbolSeries>& series, Timeframe base,
                               UnixNanos from, UnixNanos to)
    : series_(series),
      base_(base),
      to_(to),
      cursor_(series.size()),
      detail_cursor_(series.size(), 0),
      stop_(series.size()) {
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
    const SymbolSeries& s = series_[i];
    if (cursor_[i] >= stop_[i] || s.bars[cursor_[i]].open_time != *now) continue;
    const Bar& bar = s.bars[cursor_[i]];
    FinerBars finer{s.detail.timeframe, {}};
    if (!s.detail.bars.empty()) {
      // The detail bars in [open, close): skip those before (a hole in the base series), then
      // take the ones inside.
      const std::vector<Bar>& detail = s.detail.bars;
      std::size_t& at = detail_cursor_[i];
      while (at < detail.size() && detail[at].open_time < bar.open_time) ++at;
      const std::size_t begin = at;
      const UnixNanos close_time = base_.Next(bar.open_time);
      while (at < detail.size() && detail[at].open_time < close_time) ++at;
      finer.bars = std::span<const Bar>(detail.data() + begin, at - begin);
    }
    close->push_back(SymbolBar{s.exchange, s.symbol, bar, finer});
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
