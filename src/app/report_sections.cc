#include "app/report_sections.h"

#include <algorithm>
#include <map>
#include <sstream>

#include <fmt/format.h>

#include "analytics/equity_curve.h"
#include "analytics/time_in_market.h"
#include "analytics/trade_stats.h"
#include "app/json_views.h"
#include "app/table_printer.h"
#include "core/numbers.h"

namespace pulse::app {

Result<std::vector<analytics::TradeRecord>> TradeRecordsOf(
    std::span<const OutcomeResolved> outcomes) {
  std::vector<analytics::TradeRecord> records;
  records.reserve(outcomes.size());
  for (const OutcomeResolved& o : outcomes) {
    ASSIGN_OR_RETURN(analytics::TradeRecord record, analytics::MakeTradeRecord(o.signal, o.result));
    records.push_back(std::move(record));
  }
  return records;
}

std::vector<std::string> AttributedSources(const OutcomeResolved& outcome) {
  std::vector<std::string> sources;
  for (const TheoryContribution& c : outcome.contributions) {
    if (std::find(sources.begin(), sources.end(), c.theory_name) == sources.end()) {
      sources.push_back(c.theory_name);
    }
  }
  if (sources.empty()) sources.push_back(outcome.signal.source);
  return sources;
}

std::string StoppedBy(const Signal& signal) {
  for (const GateCheck& g : signal.gate_checks) {
    if (!g.passed) return g.gate;
  }
  return "unknown";
}

nlohmann::ordered_json CalibrationJson(const analytics::CalibrationReport& report) {
  nlohmann::ordered_json j;
  j["count"] = report.count;
  j["ece"] = FigureToJson(report.ece);
  j["brier"] = FigureToJson(report.brier);
  j["brier_skill"] = FigureToJson(report.brier_skill);
  j["reliability"] = FigureToJson(report.reliability);
  j["resolution"] = FigureToJson(report.resolution);
  j["uncertainty"] = FigureToJson(report.uncertainty);
  nlohmann::ordered_json bins = nlohmann::ordered_json::array();
  for (const analytics::ReliabilityBin& b : report.bins) {
    if (b.count == 0) continue;
    bins.push_back({{"lower", b.lower},
                    {"upper", b.upper},
                    {"count", b.count},
                    {"mean_confidence", FigureToJson(b.mean_confidence)},
                    {"hit_rate", FigureToJson(b.hit_rate)}});
  }
  j["bins"] = std::move(bins);
  return j;
}

Result<nlohmann::ordered_json> CalibrationSectionJson(
    std::span<const analytics::TradeRecord> trades,
    std::span<const analytics::TradeRecord> per_source_trades) {
  ASSIGN_OR_RETURN(analytics::CalibrationBreakdown overall, analytics::CalibrateBySource(trades));
  ASSIGN_OR_RETURN(analytics::CalibrationBreakdown by_source,
                   analytics::CalibrateBySource(per_source_trades));
  nlohmann::ordered_json j;
  j["overall"] = CalibrationJson(overall.overall);
  nlohmann::ordered_json per_source = nlohmann::ordered_json::object();
  for (const analytics::SourceCalibration& s : by_source.per_source) {
    per_source[s.source] = CalibrationJson(s.report);
  }
  j["per_source"] = std::move(per_source);
  return j;
}

nlohmann::ordered_json BreakdownsJson(std::span<const analytics::TradeRecord> trades,
                                      std::span<const analytics::BreakdownKey> keys) {
  nlohmann::ordered_json breakdowns = nlohmann::ordered_json::object();
  for (analytics::BreakdownKey key : keys) {
    nlohmann::ordered_json groups = nlohmann::ordered_json::array();
    for (const analytics::BreakdownGroup& g : analytics::BreakDown(trades, key)) {
      nlohmann::ordered_json row;
      row["label"] = g.label;
      row["count"] = g.stats.count;
      row["win_rate_pct"] = FigureToJson(g.stats.win_rate_pct);
      row["expectancy_pct"] = FigureToJson(g.stats.expectancy_pct);
      row["profit_factor"] = OptionalFigureToJson(g.stats.profit_factor);
      row["total_pnl_quote"] = OptionalFigureToJson(QuoteFigure(g.stats, g.stats.total_pnl_quote));
      groups.push_back(std::move(row));
    }
    breakdowns[std::string(analytics::BreakdownKeyName(key))] = std::move(groups);
  }
  return breakdowns;
}

std::string BreakdownLabel(std::string_view key, const std::string& label) {
  static constexpr const char* kDays[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
  if (key != "weekday" || label.size() != 1 || label[0] < '1' || label[0] > '7') return label;
  return label + " " + kDays[label[0] - '1'];
}

std::string BreakdownsText(const nlohmann::ordered_json& breakdowns) {
  std::ostringstream out;
  for (const auto& [key, groups] : breakdowns.items()) {
    if (groups.empty()) continue;
    out << fmt::format("\nBy {}\n", key);
    TablePrinter table(
        {key, ">trades", ">win rate %", ">expectancy %", ">profit factor", ">P&L (quote)"});
    for (const nlohmann::ordered_json& g : groups) {
      table.AddRow({BreakdownLabel(key, g["label"].get<std::string>()), FigureText(g["count"]),
                    FigureText(g["win_rate_pct"]), FigureText(g["expectancy_pct"], "{:.3f}"),
                    FigureText(g["profit_factor"]), FigureText(g["total_pnl_quote"])});
    }
    table.Print(out);
  }
  return out.str();
}

Result<nlohmann::ordered_json> ShadowsJson(std::span<const OutcomeResolved> outcomes,
                                           bool with_quote_pnl) {
  std::vector<analytics::TradeRecord> all;
  std::map<std::string, std::vector<analytics::TradeRecord>> by_gate;
  for (const OutcomeResolved& o : outcomes) {
    if (!o.shadow) continue;
    ASSIGN_OR_RETURN(analytics::TradeRecord record, analytics::MakeTradeRecord(o.signal, o.result));
    by_gate[StoppedBy(o.signal)].push_back(record);
    all.push_back(std::move(record));
  }
  nlohmann::ordered_json shadows;
  shadows["overall"] = TradeStatsToJson(analytics::ComputeTradeStats(all));
  nlohmann::ordered_json gates = nlohmann::ordered_json::array();
  for (const auto& [gate, records] : by_gate) {
    const analytics::TradeStats s = analytics::ComputeTradeStats(records);
    nlohmann::ordered_json row = {{"gate", gate},
                                  {"count", s.count},
                                  {"win_rate_pct", FigureToJson(s.win_rate_pct)},
                                  {"total_pnl_pct", FigureToJson(s.total_pnl_pct)},
                                  {"saved_pnl_pct", FigureToJson(-s.total_pnl_pct)}};
    if (with_quote_pnl) {
      row["total_pnl_quote"] = OptionalFigureToJson(QuoteFigure(s, s.total_pnl_quote));
    }
    gates.push_back(std::move(row));
  }
  shadows["by_gate"] = std::move(gates);
  return shadows;
}

nlohmann::ordered_json SourcesJson(std::span<const signal::SourceActivity> sources) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const signal::SourceActivity& s : sources) {
    const std::int64_t votes = s.votes.votes();
    const std::int64_t seen = votes + s.votes.abstained;
    out.push_back({{"source", s.source},
                   {"long", s.votes.long_votes},
                   {"short", s.votes.short_votes},
                   {"neutral", s.votes.neutral},
                   {"abstained", s.votes.abstained},
                   {"voted_pct", seen > 0 ? FigureToJson(100.0 * static_cast<double>(votes) /
                                                         static_cast<double>(seen))
                                          : nlohmann::json(nullptr)},
                   {"accuracy", FigureToJson(s.accuracy)},
                   {"weight", FigureToJson(s.weight)}});
  }
  return out;
}

nlohmann::ordered_json PaperVsSignalsJson(const analytics::PaperReconciliation& reconciled) {
  return {{"positions", reconciled.positions},
          {"signals", FigureToJson(reconciled.signals)},
          {"size", FigureToJson(reconciled.size)},
          {"timing", FigureToJson(reconciled.timing)},
          {"slippage", FigureToJson(reconciled.slippage)},
          {"fees", FigureToJson(reconciled.fees)},
          {"paper", FigureToJson(reconciled.paper)},
          {"unmatched", reconciled.unmatched},
          {"unmatched_paper", FigureToJson(reconciled.unmatched_paper)}};
}

std::string PaperVsSignalsText(const nlohmann::ordered_json& v) {
  std::string text = fmt::format(
      "paper vs its signals ({} positions): signals {}, size {}, timing {}, slippage {}, fees {} "
      "= paper {}",
      FigureText(v["positions"]), FigureText(v["signals"], "{:+.2f}"),
      FigureText(v["size"], "{:+.2f}"), FigureText(v["timing"], "{:+.2f}"),
      FigureText(v["slippage"], "{:+.2f}"), FigureText(v["fees"], "{:+.2f}"),
      FigureText(v["paper"], "{:+.2f}"));
  if (v["unmatched"].get<int>() > 0) {
    text += fmt::format(" ({} positions without a signal outcome left out: {})",
                        FigureText(v["unmatched"]), FigureText(v["unmatched_paper"], "{:+.2f}"));
  }
  return text;
}

std::string SourcesText(const nlohmann::ordered_json& sources) {
  TablePrinter table({"source", ">votes", ">voted %", ">long", ">short", ">accuracy", ">weight"});
  for (const auto& s : sources) {
    table.AddRow({s["source"].get<std::string>(),
                  FigureText(s["long"].get<std::int64_t>() + s["short"].get<std::int64_t>() +
                             s["neutral"].get<std::int64_t>()),
                  FigureText(s["voted_pct"]), FigureText(s["long"]), FigureText(s["short"]),
                  FigureText(s["accuracy"], "{:.3f}"), FigureText(s["weight"], "{:.3f}")});
  }
  std::ostringstream out;
  table.Print(out);
  return out.str();
}

nlohmann::ordered_json ControllerEpisodeJson(const ControllerStatusRow& row) {
  nlohmann::ordered_json reasons = nlohmann::ordered_json::array();
  for (const ControllerReason& r : row.reasons) reasons.push_back(r.text);
  return {{"at", FormatIso8601(row.changed_at)},
          {"state", RiskStateName(row.state)},
          {"previous", row.previous_state ? nlohmann::json(RiskStateName(*row.previous_state))
                                          : nlohmann::json(nullptr)},
          {"reasons", std::move(reasons)}};
}

nlohmann::ordered_json ReturnsJson(const analytics::ReturnStats& stats) {
  nlohmann::ordered_json j;
  j["periods"] = "daily";
  j["days"] = stats.periods;
  for (const auto& [name, value] : ReturnFigures(stats)) j[name] = FigureToJson(value);
  return j;
}

Result<std::vector<analytics::EquityPoint>> TradeEquityCurve(
    std::span<const analytics::TradeRecord> trades, double capital, UnixNanos from, UnixNanos to) {
  // What the curve needs of each trade with a quote P&L (no text fields to copy).
  std::vector<analytics::TradeRecord> with_quote;
  with_quote.reserve(trades.size());
  for (const analytics::TradeRecord& t : trades) {
    if (!t.pnl_quote) continue;
    analytics::TradeRecord& q = with_quote.emplace_back();
    q.signal_id = t.signal_id;
    q.exit_time = t.exit_time;
    q.pnl_quote = t.pnl_quote;
  }
  ASSIGN_OR_RETURN(std::vector<analytics::EquityPoint> curve,
                   analytics::BuildEquityCurve(with_quote, capital, from));
  if (curve.back().time < to) curve.push_back({to, curve.back().equity});
  return curve;
}

Result<analytics::ReturnStats> DailyTradeReturnStats(std::span<const analytics::TradeRecord> trades,
                                                     double capital, UnixNanos from, UnixNanos to) {
  if (to < from) {
    return InvalidArgumentError("return period ends ({}) before it starts ({})", FormatIso8601(to),
                                FormatIso8601(from));
  }
  ASSIGN_OR_RETURN(const std::vector<analytics::EquityPoint> curve,
                   TradeEquityCurve(trades, capital, from, to));
  return DailyReturnStats(curve);
}

Result<nlohmann::ordered_json> DailyFiguresJson(std::span<const analytics::EquityPoint> curve,
                                                std::span<const analytics::TradeRecord> trades,
                                                std::span<const UnixNanos> open_since) {
  ASSIGN_OR_RETURN(const analytics::DailyFigures f, analytics::ComputeDailyFigures(curve));
  const auto date = [](UnixNanos t) { return FormatIso8601(t).substr(0, 10); };
  nlohmann::ordered_json j;
  j["days"] = f.days;
  j["winning_days"] = f.winning_days;
  j["flat_days"] = f.flat_days;
  j["losing_days"] = f.losing_days;
  j["trades_per_day"] =
      FigureToJson(static_cast<double>(trades.size()) / static_cast<double>(f.days));
  j["time_in_market_pct"] = FigureToJson(
      100 * analytics::TimeInMarket(trades, curve.front().time, curve.back().time, open_since));
  j["best_day"] = date(f.best_day.period_start);
  j["best_day_pct"] = FigureToJson(f.best_day.value * 100);
  j["worst_day"] = date(f.worst_day.period_start);
  j["worst_day_pct"] = FigureToJson(f.worst_day.value * 100);
  j["lowest_equity"] = FigureToJson(f.lowest.equity);
  j["lowest_equity_at"] = FormatIso8601(f.lowest.time);
  j["highest_equity"] = FigureToJson(f.highest.equity);
  j["highest_equity_at"] = FormatIso8601(f.highest.time);
  j["deepest_fall"] = FigureToJson(f.FallQuote());
  j["deepest_fall_pct"] = FigureToJson(f.FallFraction() * 100);
  j["deepest_fall_from"] = FormatIso8601(f.fall_peak.time);
  j["deepest_fall_to"] = FormatIso8601(f.fall_trough.time);
  j["longest_underwater_days"] =
      FigureToJson(static_cast<double>(f.UnderwaterNanos()) / static_cast<double>(kNanosPerDay));
  j["longest_underwater_from"] = FormatIso8601(f.underwater_from);
  j["longest_underwater_to"] = FormatIso8601(f.underwater_to);
  j["longest_underwater_recovered"] = f.underwater_recovered;
  return j;
}

std::string DailyFiguresText(const nlohmann::ordered_json& d) {
  const auto money = [](const nlohmann::json& v) {
    return v.is_number() ? FormatGrouped(v.get<double>(), 2) : FigureText(v);
  };
  const auto minute = [](const nlohmann::json& v) { return v.get<std::string>().substr(0, 16); };
  // "best 2021-05-02 +1.23 %", or "no winning day" when there was none.
  const auto day = [&](const char* label, const char* kind) {
    if (d[fmt::format("{}_days", kind)].get<std::int64_t>() == 0) {
      return fmt::format("no {} day", kind);
    }
    return fmt::format("{} {} {} %", label, d[fmt::format("{}_day", label)].get<std::string>(),
                       FigureText(d[fmt::format("{}_day_pct", label)], "{:+.2f}"));
  };
  std::string out = fmt::format(
      "days: {} ({} winning, {} flat, {} losing), {} trades a day, a trade open {} % of the "
      "time; {}, {}\n",
      FigureText(d["days"]), FigureText(d["winning_days"]), FigureText(d["flat_days"]),
      FigureText(d["losing_days"]), FigureText(d["trades_per_day"]),
      FigureText(d["time_in_market_pct"], "{:.1f}"), day("best", "winning"),
      day("worst", "losing"));
  out += fmt::format("equity: low {} at {}, high {} at {}; ", money(d["lowest_equity"]),
                     minute(d["lowest_equity_at"]), money(d["highest_equity"]),
                     minute(d["highest_equity_at"]));
  if (d["deepest_fall"].is_number() && d["deepest_fall"].get<double>() > 0) {
    out += fmt::format("deepest fall {} ({} %) from {} to {}\n", money(d["deepest_fall"]),
                       FigureText(d["deepest_fall_pct"]), minute(d["deepest_fall_from"]),
                       minute(d["deepest_fall_to"]));
    const bool back = d["longest_underwater_recovered"].get<bool>();
    out += fmt::format("under water: the longest time below a high {} days ({} {}, {} {})\n",
                       FigureText(d["longest_underwater_days"], "{:.1f}"), back ? "from" : "since",
                       minute(d["longest_underwater_from"]), back ? "back at" : "not back by",
                       minute(d["longest_underwater_to"]));
  } else {
    out += "it never fell below a high\n";
  }
  return out;
}

Result<analytics::ReturnStats> DailyReturnStats(std::span<const analytics::EquityPoint> curve) {
  ASSIGN_OR_RETURN(std::vector<analytics::PeriodReturn> daily,
                   analytics::ResampleReturns(curve, kNanosPerDay, 0));
  std::vector<double> returns;
  returns.reserve(daily.size());
  for (const analytics::PeriodReturn& r : daily) returns.push_back(r.value);
  analytics::ReturnStatsOptions options;
  options.periods_per_year = kCryptoDaysPerYear;
  return analytics::ComputeReturnStats(returns, options);
}

std::string IntervalText(const nlohmann::json& low, const nlohmann::json& high, const char* spec) {
  if (low.is_null() || high.is_null()) return "-";
  return FigureText(low, spec) + " to " + FigureText(high, spec);
}

std::string CountText(const nlohmann::json& count, std::string_view noun) {
  return fmt::format("{} {}{}", FigureText(count), noun, count == 1 ? "" : "s");
}

std::string CalibrationSummaryText(const nlohmann::ordered_json& calibration,
                                   std::string_view noun) {
  return fmt::format(
      "ECE {}, Brier {} (skill {} against always the base rate) over {} with a "
      "confidence",
      FigureText(calibration["ece"], "{:.4f}"), FigureText(calibration["brier"], "{:.4f}"),
      FigureText(calibration["brier_skill"], "{:+.3f}"), CountText(calibration["count"], noun));
}

std::string FigureText(const nlohmann::json& figure, const char* spec) {
  if (figure.is_null()) return "-";
  if (figure.is_string()) return figure.get<std::string>();
  if (figure.is_number_integer()) return std::to_string(figure.get<std::int64_t>());
  std::string text = fmt::format(fmt::runtime(spec), figure.get<double>());
  // A negative value that rounds to zero is shown as zero: "0.0000" (or "+0.00" with a sign
  // asked for), not "-0.0000".
  if (text.size() > 1 && text[0] == '-' && text.find_first_not_of("0.", 1) == std::string::npos) {
    if (std::string_view(spec).find('+') != std::string_view::npos) {
      text[0] = '+';
    } else {
      text.erase(0, 1);
    }
  }
  return text;
}

std::string JoinedNames(const nlohmann::ordered_json& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + n.get<std::string>();
  return out;
}

}  // namespace pulse::app
