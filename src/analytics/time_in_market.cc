#include "analytics/time_in_market.h"

#include <algorithm>
#include <utility>
#include <vector>

namespace pulse::analytics {

double TimeInMarket(std::span<const TradeRecord> trades, UnixNanos from, UnixNanos to,
                    std::span<const UnixNanos> open_since) {
  if (to <= from) return 0;
  std::vector<std::pair<UnixNanos, UnixNanos>> spans;
  spans.reserve(trades.size() + open_since.size());
  const auto add = [&](UnixNanos entry, UnixNanos exit) {
    const UnixNanos start = std::max(entry, from), end = std::min(exit, to);
    if (start < end) spans.emplace_back(start, end);
  };
  for (const TradeRecord& t : trades) add(t.entry_time, t.exit_time);
  for (const UnixNanos entry : open_since) add(entry, to);
  std::sort(spans.begin(), spans.end());
  UnixNanos covered = 0;
  UnixNanos reach = from;  // the covered time ends here so far
  for (const auto& [start, end] : spans) {
    const UnixNanos begin = std::max(start, reach);
    if (end > begin) {
      covered += end - begin;
      reach = end;
    }
  }
  return static_cast<double>(covered) / static_cast<double>(to - from);
}

}  // namespace pulse::analytics
