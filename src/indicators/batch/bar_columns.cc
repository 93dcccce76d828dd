#include "indicators/batch/bar_columns.h"

#include <algorithm>

namespace pulse::indicators {

size_t BarColumns::size() const {
  return std::max({open.size(), high.size(), low.size(), close.size(), volume.size()});
}

BarColumnData BarColumnData::FromBars(std::span<const Bar> bars) {
  BarColumnData d;
  const size_t n = bars.size();
  d.open.resize(n);
  d.high.resize(n);
  d.low.resize(n);
  d.close.resize(n);
  d.volume.resize(n);
  d.open_time.resize(n);
  for (size_t i = 0; i < n; ++i) {
    const Bar& b = bars[i];
    d.open[i] = b.open;
    d.high[i] = b.high;
    d.low[i] = b.low;
    d.close[i] = b.close;
    d.volume[i] = b.volume;
    d.open_time[i] = b.open_time;
  }
  return d;
}

BarColumns BarColumnData::View() const {
  return BarColumns{open, high, low, close, volume, open_time};
}

}  // namespace pulse::indicators
