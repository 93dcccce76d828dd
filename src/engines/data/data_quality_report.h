// DataQualityReport: what CandleValidator found in a candle series (gaps, duplicates, OHLC
// inconsistencies, outliers, ...), a 0-100 quality score with its deductions, and whether the
// series is usable; serialisable to JSON (stable keys) and to a text summary.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "core/time.h"

namespace pulse::data {

// A run of consecutive missing bars between two present ones.
struct GapInfo {
  UnixNanos first_missing = 0;  // open time of the first missing bar
  UnixNanos last_missing = 0;   // open time of the last missing bar
  std::int64_t missing_bars = 0;

  bool operator==(const GapInfo&) const = default;
};

// One point taken off the quality score, and why.
struct QualityDeduction {
  std::string check;  // e.g. "gaps", "duplicates"
  std::int64_t count = 0;
  double points = 0;   // rounded to 0.01
  std::string reason;  // human-readable explanation
};

// An example row behind a finding, for the reader to look at.
struct QualityExample {
  std::string check;
  std::int64_t row = 0;  // 0-based index into the validated bars (file order)
  UnixNanos time = 0;
  std::string detail;
};

// The findings for one series. Plain value type; thread-compatible.
struct DataQualityReport {
  std::string source;  // label given to the validator (file name or series key)
  std::int64_t rows = 0;
  std::optional<UnixNanos> first_time;  // earliest and latest open time
  std::optional<UnixNanos> last_time;

  // Expected bar spacing: the given timeframe, or the most common step between bars.
  std::int64_t interval_nanos = 0;
  std::string interval_name;  // "5m" when it is a known timeframe, else empty
  bool interval_inferred = false;
  std::int64_t expected_rows = 0;  // bars from first_time to last_time at the interval

  std::int64_t duplicates = 0;     // rows whose timestamp appeared in an earlier row
  std::int64_t non_monotonic = 0;  // rows earlier than the row before them
  std::int64_t misaligned = 0;     // rows whose timestamp is off the interval grid

  std::int64_t gap_count = 0;
  std::int64_t missing_bars = 0;
  std::optional<GapInfo> longest_gap;  // the first of the longest
  std::vector<GapInfo> gaps;           // in time order, at most ValidatorOptions::max_listed_gaps

  std::int64_t high_below_open_close = 0;   // high < max(open, close)
  std::int64_t low_above_open_close = 0;    // low > min(open, close)
  std::int64_t high_below_low = 0;          // high < low
  std::int64_t ohlc_inconsistent_rows = 0;  // rows with any of the three

  std::int64_t nan_prices = 0;           // rows with a NaN or infinite price
  std::int64_t non_positive_prices = 0;  // rows with a finite price <= 0
  std::int64_t zero_volume = 0;
  std::int64_t negative_volume = 0;
  std::int64_t nan_volume = 0;

  std::int64_t price_outliers = 0;    // |robust z| of log close-to-close returns > threshold
  std::int64_t volume_anomalies = 0;  // |robust z| of log volume > threshold
  double price_outlier_threshold = 0;
  double volume_anomaly_threshold = 0;

  double score = 100;  // 0..100, 100 minus the deductions
  std::vector<QualityDeduction> deductions;
  bool usable = true;
  std::vector<std::string> unusable_reasons;
  std::vector<QualityExample> examples;  // a few rows per check

  // Fraction of expected bars present (1 when nothing is missing).
  double Completeness() const;
};

// The report as JSON with stable keys (see README.md). Times are ISO-8601 strings.
nlohmann::json ToJson(const DataQualityReport& report);
// A multi-line human-readable summary ending in a newline.
std::string ToText(const DataQualityReport& report);

}  // namespace pulse::data
