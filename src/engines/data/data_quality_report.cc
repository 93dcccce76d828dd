#include "engines/data/data_quality_report.h"

#include <nlohmann/json.hpp>

#include <fmt/format.h>

namespace pulse::data {

namespace {

nlohmann::json TimeOrNull(const std::optional<UnixNanos>& t) {
  return t.has_value() ? nlohmann::json(FormatIso8601(*t)) : nlohmann::json(nullptr);
}

nlohmann::json GapJson(const GapInfo& gap) {
  return {{"first_missing", FormatIso8601(gap.first_missing)},
          {"last_missing", FormatIso8601(gap.last_missing)},
          {"missing_bars", gap.missing_bars}};
}

std::string IntervalText(const DataQualityReport& r) {
  std::string name = r.interval_name;
  if (name.empty()) {
    name =
        r.interval_nanos == 0 ? "unknown" : fmt::format("{}s", r.interval_nanos / kNanosPerSecond);
  }
  return fmt::format("{}{}", name, r.interval_inferred ? " (inferred)" : "");
}

}  // namespace

double DataQualityReport::Completeness() const {
  if (expected_rows <= 0) return 1.0;
  return static_cast<double>(expected_rows - missing_bars) / static_cast<double>(expected_rows);
}

nlohmann::json ToJson(const DataQualityReport& r) {
  nlohmann::json gaps_list = nlohmann::json::array();
  for (const GapInfo& g : r.gaps) gaps_list.push_back(GapJson(g));
  nlohmann::json deductions = nlohmann::json::array();
  for (const QualityDeduction& d : r.deductions) {
    deductions.push_back(
        {{"check", d.check}, {"count", d.count}, {"points", d.points}, {"reason", d.reason}});
  }
  nlohmann::json examples = nlohmann::json::array();
  for (const QualityExample& e : r.examples) {
    examples.push_back({{"check", e.check},
                        {"row", e.row},
                        {"time", FormatIso8601(e.time)},
                        {"detail", e.detail}});
  }
  return {
      {"source", r.source},
      {"rows", r.rows},
      {"first_time", TimeOrNull(r.first_time)},
      {"last_time", TimeOrNull(r.last_time)},
      {"interval",
       {{"name", r.interval_name},
        {"seconds", r.interval_nanos / kNanosPerSecond},
        {"inferred", r.interval_inferred}}},
      {"expected_rows", r.expected_rows},
      {"completeness", r.Completeness()},
      {"duplicates", r.duplicates},
      {"non_monotonic", r.non_monotonic},
      {"misaligned", r.misaligned},
      {"gaps",
       {{"count", r.gap_count},
        {"missing_bars", r.missing_bars},
        {"longest", r.longest_gap.has_value() ? GapJson(*r.longest_gap) : nlohmann::json(nullptr)},
        {"list", gaps_list}}},
      {"ohlc",
       {{"high_below_open_close", r.high_below_open_close},
        {"low_above_open_close", r.low_above_open_close},
        {"high_below_low", r.high_below_low},
        {"inconsistent_rows", r.ohlc_inconsistent_rows}}},
      {"prices", {{"nan", r.nan_prices}, {"non_positive", r.non_positive_prices}}},
      {"volume", {{"zero", r.zero_volume}, {"negative", r.negative_volume}, {"nan", r.nan_volume}}},
      {"outliers",
       {{"price", r.price_outliers},
        {"price_threshold", r.price_outlier_threshold},
        {"volume", r.volume_anomalies},
        {"volume_threshold", r.volume_anomaly_threshold}}},
      {"score", r.score},
      {"deductions", deductions},
      {"usable", r.usable},
      {"unusable_reasons", r.unusable_reasons},
      {"examples", examples},
  };
}

std::string ToText(const DataQualityReport& r) {
  std::string out = fmt::format("Data quality{}{}\n", r.source.empty() ? "" : ": ", r.source);
  if (r.rows == 0) {
    out += "  no rows\n";
  } else {
    out += fmt::format("  rows {}, {} .. {}, interval {}\n", r.rows, FormatIso8601(*r.first_time),
                       FormatIso8601(*r.last_time), IntervalText(r));
  }
  out += fmt::format("  gaps {} ({} missing of {} expected bars, {:.2f}% complete)", r.gap_count,
                     r.missing_bars, r.expected_rows, 100.0 * r.Completeness());
  if (r.longest_gap.has_value()) {
    out += fmt::format("; longest {} bars {} .. {}", r.longest_gap->missing_bars,
                       FormatIso8601(r.longest_gap->first_missing),
                       FormatIso8601(r.longest_gap->last_missing));
  }
  out += "\n";
  out += fmt::format("  duplicates {}, non-monotonic {}, misaligned {}\n", r.duplicates,
                     r.non_monotonic, r.misaligned);
  out += fmt::format(
      "  OHLC inconsistent rows {} (high<max(open,close) {}, low>min(open,close) {}, high<low "
      "{})\n",
      r.ohlc_inconsistent_rows, r.high_below_open_close, r.low_above_open_close, r.high_below_low);
  out += fmt::format("  prices NaN {}, non-positive {}; volume zero {}, negative {}, NaN {}\n",
                     r.nan_prices, r.non_positive_prices, r.zero_volume, r.negative_volume,
                     r.nan_volume);
  out +=
      fmt::format("  outliers: price {} (|z| > {:g}), volume {} (|z| > {:g})\n", r.price_outliers,
                  r.price_outlier_threshold, r.volume_anomalies, r.volume_anomaly_threshold);
  out += fmt::format("  score {:.2f}/100, usable: {}\n", r.score, r.usable ? "yes" : "no");
  for (const std::string& reason : r.unusable_reasons)
    out += fmt::format("    unusable: {}\n", reason);
  for (const QualityDeduction& d : r.deductions) {
    out += fmt::format("    -{:.2f} {}: {}\n", d.points, d.check, d.reason);
  }
  if (!r.examples.empty()) out += "  examples:\n";
  for (const QualityExample& e : r.examples) {
    out +=
        fmt::format("    {} row {} at {}: {}\n", e.check, e.row, FormatIso8601(e.time), e.detail);
  }
  return out;
}

}  // namespace pulse::data
