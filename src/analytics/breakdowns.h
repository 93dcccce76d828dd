// Breakdowns of resolved trades: TradeStats per symbol, timeframe, source (theory / model),
// confidence bucket, exit reason, weekday and hour (UTC, for the heatmap); calibration per
// source and overall; and the rolling windows (last N trades, last N days).
// Pure functions; thread-safe.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "analytics/calibration.h"
#include "analytics/trade_stats.h"
#include "core/status.h"

namespace pulse::analytics {

// What trades are grouped by. Weekday and hour are those of the ENTRY time in UTC (when the
// signal acted), weekday 1 = Monday .. 7 = Sunday (ISO).
enum class BreakdownKey {
  kSymbol,
  kDirection,
  kTimeframe,
  kSource,
  kConfidenceBucket,
  kExitReason,
  kWeekday,
  kHour
};
// "symbol", "direction", "timeframe", "source", "confidence", "exit_reason", "weekday", "hour".
std::string_view BreakdownKeyName(BreakdownKey key);
Result<BreakdownKey> ParseBreakdownKey(std::string_view text);

// Width of the confidence buckets: [0, 0.1), [0.1, 0.2), ... [0.9, 1.0] (1.0 in the last).
inline constexpr double kConfidenceBucketWidth = 0.1;

// One group: its label and the statistics of its trades. Labels: the field's text for symbol,
// timeframe, source and exit reason ("" stays ""); "long" / "short" for the direction; "0.6-0.7"
// for a confidence bucket and "none" for trades without a confidence; "1".."7" for weekdays;
// "0".."23" for hours.
struct BreakdownGroup {
  std::string label;
  TradeStats stats;
};

// Groups in label order (numeric order for confidence, weekday and hour; "none" last). Only
// groups with trades appear.
std::vector<BreakdownGroup> BreakDown(std::span<const TradeRecord> trades, BreakdownKey key);

// The label a trade gets under `key`.
std::string BreakdownLabel(const TradeRecord& trade, BreakdownKey key);

// One cell of the weekday x hour heatmap: the ISO weekday (1 = Monday .. 7) and the hour (0..23)
// of the entry in UTC, as the kWeekday and kHour breakdowns, and the statistics of its trades.
struct WeekdayHourCell {
  int weekday = 1;
  int hour = 0;
  TradeStats stats;
};
// The cells that have trades, by weekday and then hour.
std::vector<WeekdayHourCell> BreakDownByWeekdayAndHour(std::span<const TradeRecord> trades);

// Calibration of signal confidence against hits (outcome win = 1; loss and breakeven = 0) over
// the trades that have a confidence, overall and per source (sources in name order).
struct SourceCalibration {
  std::string source;
  CalibrationReport report;
};
struct CalibrationBreakdown {
  CalibrationReport overall;  // count 0 (NaN scores) when no trade has a confidence
  std::vector<SourceCalibration> per_source;
};
// InvalidArgument for a bad bin count or a confidence outside [0, 1] (naming the signal).
Result<CalibrationBreakdown> CalibrateBySource(std::span<const TradeRecord> trades,
                                               int bins = kDefaultCalibrationBins);

// The last `n` trades by exit time (ties in the given order), oldest first.
std::vector<TradeRecord> LastTrades(std::span<const TradeRecord> trades, std::size_t n);
// The trades that exited in (now - days, now], oldest first. Days must be positive (else none).
std::vector<TradeRecord> TradesInLastDays(std::span<const TradeRecord> trades, double days,
                                          UnixNanos now);

}  // namespace pulse::analytics
