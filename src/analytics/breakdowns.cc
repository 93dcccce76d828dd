#include "analytics/breakdowns.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>

#include <fmt/format.h>

namespace pulse::analytics {

namespace {

// Sort key of a label: numeric keys order as numbers, "none" after everything.
struct GroupOrder {
  bool none = false;
  double number = 0;
  std::string text;
  bool operator<(const GroupOrder& o) const {
    if (none != o.none) return !none;
    if (number != o.number) return number < o.number;
    return text < o.text;
  }
};

int ConfidenceBucket(double confidence) {
  const int b = static_cast<int>(std::floor(confidence / kConfidenceBucketWidth + 1e-9));
  return std::clamp(b, 0, static_cast<int>(std::lround(1 / kConfidenceBucketWidth)) - 1);
}

GroupOrder OrderOf(const TradeRecord& t, BreakdownKey key, const std::string& label) {
  GroupOrder o;
  o.text = label;
  switch (key) {
    case BreakdownKey::kConfidenceBucket:
      if (!t.confidence) {
        o.none = true;
      } else {
        o.number = ConfidenceBucket(*t.confidence);
      }
      break;
    case BreakdownKey::kWeekday:
    case BreakdownKey::kHour:
      o.number = std::stod(label);
      break;
    default:
      break;
  }
  return o;
}

std::vector<std::size_t> ExitOrder(std::span<const TradeRecord> trades) {
  std::vector<std::size_t> order(trades.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return trades[a].exit_time < trades[b].exit_time;
  });
  return order;
}

}  // namespace

std::string_view BreakdownKeyName(BreakdownKey key) {
  switch (key) {
    case BreakdownKey::kSymbol:
      return "symbol";
    case BreakdownKey::kDirection:
      return "direction";
    case BreakdownKey::kTimeframe:
      return "timeframe";
    case BreakdownKey::kSource:
      return "source";
    case BreakdownKey::kConfidenceBucket:
      return "confidence";
    case BreakdownKey::kExitReason:
      return "exit_reason";
    case BreakdownKey::kWeekday:
      return "weekday";
    case BreakdownKey::kHour:
      return "hour";
  }
  return "?";
}

Result<BreakdownKey> ParseBreakdownKey(std::string_view text) {
  for (BreakdownKey k : {BreakdownKey::kSymbol, BreakdownKey::kDirection, BreakdownKey::kTimeframe,
                         BreakdownKey::kSource, BreakdownKey::kConfidenceBucket,
                         BreakdownKey::kExitReason, BreakdownKey::kWeekday, BreakdownKey::kHour}) {
    if (BreakdownKeyName(k) == text) return k;
  }
  return InvalidArgumentError(
      "unknown breakdown '{}': expected symbol, direction, timeframe, source, confidence, "
      "exit_reason, weekday or hour",
      text);
}

std::string BreakdownLabel(const TradeRecord& t, BreakdownKey key) {
  switch (key) {
    case BreakdownKey::kSymbol:
      return t.symbol;
    case BreakdownKey::kDirection:
      return std::string(DirectionName(t.direction));
    case BreakdownKey::kTimeframe:
      return t.timeframe;
    case BreakdownKey::kSource:
      return t.source;
    case BreakdownKey::kConfidenceBucket: {
      if (!t.confidence) return "none";
      const int b = ConfidenceBucket(*t.confidence);
      return fmt::format("{:.1f}-{:.1f}", b * kConfidenceBucketWidth,
                         (b + 1) * kConfidenceBucketWidth);
    }
    case BreakdownKey::kExitReason:
      return t.exit_reason;
    case BreakdownKey::kWeekday:
      return std::to_string(IsoWeekday(t.entry_time) + 1);
    case BreakdownKey::kHour:
      return std::to_string(ToCivil(t.entry_time).hour);
  }
  return "";
}

std::vector<BreakdownGroup> BreakDown(std::span<const TradeRecord> trades, BreakdownKey key) {
  std::map<GroupOrder, std::vector<TradeRecord>> groups;
  for (const TradeRecord& t : trades) {
    const std::string label = BreakdownLabel(t, key);
    groups[OrderOf(t, key, label)].push_back(t);
  }
  std::vector<BreakdownGroup> out;
  out.reserve(groups.size());
  for (const auto& [order, members] : groups) {
    out.push_back({order.text, ComputeTradeStats(members)});
  }
  return out;
}

std::vector<WeekdayHourCell> BreakDownByWeekdayAndHour(std::span<const TradeRecord> trades) {
  std::map<std::pair<int, int>, std::vector<TradeRecord>> cells;
  for (const TradeRecord& t : trades) {
    cells[{IsoWeekday(t.entry_time) + 1, ToCivil(t.entry_time).hour}].push_back(t);
  }
  std::vector<WeekdayHourCell> out;
  out.reserve(cells.size());
  for (const auto& [key, members] : cells) {
    out.push_back({key.first, key.second, ComputeTradeStats(members)});
  }
  return out;
}

Result<CalibrationBreakdown> CalibrateBySource(std::span<const TradeRecord> trades, int bins) {
  ASSIGN_OR_RETURN(CalibrationAccumulator overall, CalibrationAccumulator::Create(bins));
  std::map<std::string, CalibrationAccumulator> per_source;
  for (const TradeRecord& t : trades) {
    if (!t.confidence || t.outcome == Outcome::kOpen) continue;
    const int hit = t.outcome == Outcome::kWin ? 1 : 0;
    Status st = overall.Add(*t.confidence, hit);
    if (!st.ok()) {
      return InvalidArgumentError("signal {}: confidence {} is not in [0, 1]", t.signal_id,
                                  *t.confidence);
    }
    auto it = per_source.find(t.source);
    if (it == per_source.end()) {
      ASSIGN_OR_RETURN(CalibrationAccumulator acc, CalibrationAccumulator::Create(bins));
      it = per_source.emplace(t.source, std::move(acc)).first;
    }
    RETURN_IF_ERROR(it->second.Add(*t.confidence, hit));
  }
  CalibrationBreakdown out;
  out.overall = overall.Report();
  for (const auto& [source, acc] : per_source) out.per_source.push_back({source, acc.Report()});
  return out;
}

std::vector<TradeRecord> LastTrades(std::span<const TradeRecord> trades, std::size_t n) {
  const std::vector<std::size_t> order = ExitOrder(trades);
  std::vector<TradeRecord> out;
  const std::size_t skip = order.size() > n ? order.size() - n : 0;
  for (std::size_t i = skip; i < order.size(); ++i) out.push_back(trades[order[i]]);
  return out;
}

std::vector<TradeRecord> TradesInLastDays(std::span<const TradeRecord> trades, double days,
                                          UnixNanos now) {
  std::vector<TradeRecord> out;
  if (!(days > 0)) return out;
  const auto span_nanos = static_cast<UnixNanos>(days * static_cast<double>(kNanosPerDay));
  for (std::size_t i : ExitOrder(trades)) {
    const UnixNanos t = trades[i].exit_time;
    if (t > now - span_nanos && t <= now) out.push_back(trades[i]);
  }
  return out;
}

}  // namespace pulse::analytics
