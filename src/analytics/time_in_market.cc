#include "analytics/time_in_market.h"

#include <algorithm>
#include <utility>
#include <vector>

namespace pulse::analytics {

double TimeInMarket(std::span<const TradeRecord> trades, UnixNanos from, UnixNanos to) {
  if (to <= from) return 0;
  std::vector<std::pair<UnixNanos, UnixNanos>> spans;
  spans.reserve(trades.size());
  for (const TradeRecord& t : trades) {
    const UnixNanos start = std::max(t.entry_time, from), end = std::min(t.exit_time, to);
    if (start < end) spans.emplace_back(start, end);
  }
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
