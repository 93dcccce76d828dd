#include "app/backtest_report.h"

#include <algorithm>
#include <cmath>
#include <map>

#include <fmt/format.h>

#include "analytics/breakdowns.h"
#include "analytics/equity_curve.h"
#include "analytics/return_stats.h"
#include "analytics/trade_record.h"
#include "analytics/trade_stats.h"
#include "app/json_views.h"

namespace pulse::app {

namespace {

constexpr double kCryptoDaysPerYear = 365;

// The first failed check of a shadow: the gate (or "risk:<rule>") that stopped it.
std::string StoppedBy(const Signal& signal) {
  for (const GateCheck& g : signal.gate_checks) {
    if (!g.passed) return g.gate;
  }
  return "unknown";
}

nlohmann::ordered_json BreakdownJson(std::span<const analytics::TradeRecord> trades,
                                     analytics::BreakdownKey key) {
  nlohmann::ordered_json groups = nlohmann::ordered_json::array();
  for (const analytics::BreakdownGroup& g : analytics::BreakDown(trades, key)) {
    nlohmann::ordered_json row;
    row["label"] = g.label;
    row["count"] = g.stats.count;
    row["win_rate_pct"] = FigureToJson(g.stats.win_rate_pct);
    row["expectancy_pct"] = FigureToJson(g.stats.expectancy_pct);
    row["profit_factor"] =
        g.stats.profit_factor ? FigureToJson(*g.stats.profit_factor) : nlohmann::json(nullptr);
    row["total_pnl_quote"] = FigureToJson(g.stats.total_pnl_quote);
    groups.push_back(std::move(row));
  }
  return groups;
}

nlohmann::ordered_json CalibrationJson(const analytics::CalibrationReport& report) {
  nlohmann::ordered_json j;
  j["count"] = report.count;
  j["ece"] = FigureToJson(report.ece);
  j["brier"] = FigureToJson(report.brier);
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

// The paper account's equity as a curve starting at the starting balance.
std::vector<analytics::EquityPoint> EquityCurve(const BacktestRun& run) {
  std::vector<analytics::EquityPoint> curve;
  curve.reserve(run.equity.size() + 1);
  curve.push_back({run.start, run.starting_balance});
  for (const EquityPoint& p : run.equity) {
    if (p.time >= curve.back().time) curve.push_back({p.time, p.equity});
  }
  return curve;
}

std::string Num(const nlohmann::json& j, const char* spec = "{:.2f}") {
  if (j.is_null()) return "-";
  if (j.is_string()) return j.get<std::string>();
  if (j.is_number_integer()) return std::to_string(j.get<std::int64_t>());
  return fmt::format(fmt::runtime(spec), j.get<double>());
}

}  // namespace

Result<nlohmann::ordered_json> BacktestReportJson(const BacktestRun& run) {
  std::vector<analytics::TradeRecord> real, shadow;
  std::map<std::string, std::vector<analytics::TradeRecord>> shadow_by_gate;
  for (const OutcomeResolved& o : run.outcomes) {
    ASSIGN_OR_RETURN(analytics::TradeRecord record, analytics::MakeTradeRecord(o.signal, o.result));
    if (o.shadow) {
      shadow_by_gate[StoppedBy(o.signal)].push_back(record);
      shadow.push_back(std::move(record));
    } else {
      real.push_back(std::move(record));
    }
  }
  nlohmann::ordered_json j;
  j["period"] = {{"from", FormatIso8601(run.start)},
                 {"to", FormatIso8601(run.end)},
                 {"symbols", run.symbols},
                 {"bars", run.counts.bars},
                 {"bar_closes", run.counts.bar_closes}};
  j["signals"] = {{"emitted", run.counts.emitted},
                  {"approved", run.counts.emitted - run.counts.denied},
                  {"denied_by_controller", run.counts.denied},
                  {"rejected_by_gates", run.counts.rejected},
                  {"resolved", run.counts.resolved},
                  {"shadows_resolved", run.counts.shadows_resolved},
                  {"stored", run.stored_signals}};
  j["trades"] = TradeStatsToJson(analytics::ComputeTradeStats(real));

  const std::vector<analytics::EquityPoint> curve = EquityCurve(run);
  ASSIGN_OR_RETURN(std::vector<analytics::PeriodReturn> daily,
                   analytics::ResampleReturns(curve, kNanosPerDay, 0));
  std::vector<double> returns;
  for (const analytics::PeriodReturn& r : daily) returns.push_back(r.value);
  analytics::ReturnStatsOptions options;
  options.periods_per_year = kCryptoDaysPerYear;
  ASSIGN_OR_RETURN(analytics::ReturnStats stats, analytics::ComputeReturnStats(returns, options));
  nlohmann::ordered_json ret;
  ret["periods"] = "daily";
  ret["days"] = stats.periods;
  for (const auto& [name, value] : ReturnFigures(stats)) ret[name] = FigureToJson(value);
  j["returns"] = std::move(ret);

  const double final_equity = run.portfolio.equity;
  j["paper"] = {{"starting_balance", run.starting_balance},
                {"final_equity", FigureToJson(final_equity)},
                {"return_pct", FigureToJson((final_equity / run.starting_balance - 1) * 100)},
                {"realized_pnl", FigureToJson(run.portfolio.realized_pnl)},
                {"fills", run.counts.fills},
                {"orders_rejected", run.counts.orders_rejected}};

  nlohmann::ordered_json shadows;
  shadows["overall"] = TradeStatsToJson(analytics::ComputeTradeStats(shadow));
  nlohmann::ordered_json by_gate = nlohmann::ordered_json::array();
  for (const auto& [gate, records] : shadow_by_gate) {
    const analytics::TradeStats s = analytics::ComputeTradeStats(records);
    // What the gate saved (positive) or cost (negative): minus the P&L % the stopped
    // candidates would have made.
    by_gate.push_back({{"gate", gate},
                       {"count", s.count},
                       {"win_rate_pct", FigureToJson(s.win_rate_pct)},
                       {"total_pnl_pct", FigureToJson(s.total_pnl_pct)},
                       {"saved_pnl_pct", FigureToJson(-s.total_pnl_pct)}});
  }
  shadows["by_gate"] = std::move(by_gate);
  j["shadows"] = std::move(shadows);

  ASSIGN_OR_RETURN(analytics::CalibrationBreakdown calibration, analytics::CalibrateBySource(real));
  nlohmann::ordered_json cal;
  cal["overall"] = CalibrationJson(calibration.overall);
  nlohmann::ordered_json per_source = nlohmann::ordered_json::object();
  for (const analytics::SourceCalibration& s : calibration.per_source) {
    per_source[s.source] = CalibrationJson(s.report);
  }
  cal["per_source"] = std::move(per_source);
  j["calibration"] = std::move(cal);

  nlohmann::ordered_json breakdowns;
  for (analytics::BreakdownKey key :
       {analytics::BreakdownKey::kSymbol, analytics::BreakdownKey::kExitReason,
        analytics::BreakdownKey::kConfidenceBucket, analytics::BreakdownKey::kWeekday,
        analytics::BreakdownKey::kHour}) {
    breakdowns[std::string(analytics::BreakdownKeyName(key))] = BreakdownJson(real, key);
  }
  j["breakdowns"] = std::move(breakdowns);

  nlohmann::ordered_json episodes = nlohmann::ordered_json::array();
  for (const RiskStateChanged& c : run.controller) {
    nlohmann::ordered_json reasons = nlohmann::ordered_json::array();
    for (const ControllerReason& r : c.reasons) reasons.push_back(r.text);
    episodes.push_back({{"at", FormatIso8601(c.at)},
                        {"state", RiskStateName(c.current)},
                        {"previous", c.previous ? nlohmann::json(RiskStateName(*c.previous))
                                                : nlohmann::json(nullptr)},
                        {"reasons", std::move(reasons)}});
  }
  j["controller"] = std::move(episodes);
  nlohmann::ordered_json trips = nlohmann::ordered_json::array();
  for (const CircuitBreakerTripped& t : run.trips) {
    trips.push_back({{"at", FormatIso8601(t.at)},
                     {"breaker", t.breaker},
                     {"symbol", t.symbol},
                     {"until", FormatIso8601(t.until)},
                     {"why", t.why.text}});
  }
  j["breaker_trips"] = std::move(trips);
  return j;
}

std::string BacktestReportText(const nlohmann::ordered_json& r) {
  const auto& t = r["trades"];
  const auto& ret = r["returns"];
  const auto& s = r["signals"];
  const auto& p = r["paper"];
  std::string out = fmt::format(
      "Backtest {} .. {}: {} symbols, {} bars\n"
      "signals: {} passed the gates ({} approved, {} denied by the controller), {} rejected by "
      "the gates\n"
      "trades: {} (wins {}, losses {}, breakeven {}), win rate {} %, profit factor {}, "
      "expectancy {} %, SQN {}\n"
      "returns (daily): total {}, annual {}, Sharpe {}, Sortino {}, Calmar {}, max drawdown {}, "
      "VaR 95 {}\n"
      "paper: {} -> {} ({} %), {} fills, {} orders refused\n"
      "calibration: ECE {}, Brier {} over {} signals with a confidence\n",
      r["period"]["from"].get<std::string>(), r["period"]["to"].get<std::string>(),
      Num(r["period"]["symbols"]), Num(r["period"]["bars"]), Num(s["emitted"]), Num(s["approved"]),
      Num(s["denied_by_controller"]), Num(s["rejected_by_gates"]), Num(t["count"]), Num(t["wins"]),
      Num(t["losses"]), Num(t["breakevens"]), Num(t["win_rate_pct"], "{:.1f}"),
      Num(t["profit_factor"]), Num(t["expectancy_pct"], "{:.3f}"), Num(t["sqn"]),
      Num(ret["total_return"], "{:.4f}"), Num(ret["annual_return"], "{:.4f}"), Num(ret["sharpe"]),
      Num(ret["sortino"]), Num(ret["calmar"]), Num(ret["max_drawdown"], "{:.4f}"),
      Num(ret["var_95"], "{:.4f}"), Num(p["starting_balance"]), Num(p["final_equity"]),
      Num(p["return_pct"]), Num(p["fills"]), Num(p["orders_rejected"]),
      Num(r["calibration"]["overall"]["ece"], "{:.4f}"),
      Num(r["calibration"]["overall"]["brier"], "{:.4f}"),
      Num(r["calibration"]["overall"]["count"]));
  for (const auto& g : r["shadows"]["by_gate"]) {
    out += fmt::format("gate {}: stopped {}, their win rate {} %, P&L saved {} %\n",
                       g["gate"].get<std::string>(), Num(g["count"]),
                       Num(g["win_rate_pct"], "{:.1f}"), Num(g["saved_pnl_pct"]));
  }
  out += "traffic light:";
  for (const auto& e : r["controller"]) {
    out += fmt::format(" {} {}", e["at"].get<std::string>().substr(0, 16),
                       e["state"].get<std::string>());
  }
  out += "\n";
  return out;
}

}  // namespace pulse::app
