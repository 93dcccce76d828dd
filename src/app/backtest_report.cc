#include "app/backtest_report.h"

#include <fmt/format.h>

#include "analytics/bracket_exit.h"
#include "analytics/breakdowns.h"
#include "analytics/equity_curve.h"
#include "analytics/return_stats.h"
#include "analytics/trade_record.h"
#include "analytics/trade_stats.h"
#include "app/controller_time.h"
#include "app/json_views.h"
#include "app/market_comparison.h"
#include "app/paper_positions_section.h"
#include "app/report_sections.h"

namespace pulse::app {

std::vector<analytics::EquityPoint> EquityCurve(const BacktestRun& run) {
  std::vector<analytics::EquityPoint> curve;
  curve.reserve(run.equity.size() + 1);
  curve.push_back({run.start, run.starting_balance});
  for (const EquityPoint& p : run.equity) {
    if (p.time >= curve.back().time) curve.push_back({p.time, p.equity});
  }
  return curve;
}

Result<std::vector<analytics::TradeRecord>> RealTradeRecords(const BacktestRun& run) {
  std::vector<analytics::TradeRecord> real;
  for (const OutcomeResolved& o : run.outcomes) {
    if (o.shadow) continue;
    ASSIGN_OR_RETURN(analytics::TradeRecord record, analytics::MakeTradeRecord(o.signal, o.result));
    real.push_back(std::move(record));
  }
  return real;
}

std::vector<ControllerStatusRow> ControllerRows(const BacktestRun& run) {
  std::vector<ControllerStatusRow> rows;
  rows.reserve(run.controller.size());
  for (const RiskStateChanged& c : run.controller) rows.push_back(StatusRowOf(c));
  return rows;
}

Result<MarketComparison> CompareWithMarket(const BacktestRun& run) {
  return CompareWithMarket(EquityCurve(run), run.prices, run.starting_balance, run.start);
}

namespace {

// Outcomes (real and shadow) whose exit bar touched both levels: decided by the finer bars
// (--detail) and by the policy.
struct BothLevels {
  std::int64_t by_finer_bars = 0;
  std::int64_t by_policy = 0;
};
BothLevels CountBothLevels(const std::vector<OutcomeResolved>& outcomes) {
  BothLevels n;
  for (const OutcomeResolved& o : outcomes) {
    if (o.result.exit_resolution.empty()) continue;
    ++(o.result.exit_resolution == analytics::kExitResolutionLowerTimeframe ? n.by_finer_bars
                                                                            : n.by_policy);
  }
  return n;
}

}  // namespace

Result<nlohmann::ordered_json> BacktestReportJson(const BacktestRun& run,
                                                  const MonteCarloSettings& monte_carlo) {
  ASSIGN_OR_RETURN(const std::vector<analytics::TradeRecord> real, RealTradeRecords(run));
  nlohmann::ordered_json j;
  j["period"] = {{"from", FormatIso8601(run.start)},
                 {"to", FormatIso8601(run.end)},
                 {"symbols", run.symbols},
                 {"bars", run.counts.bars},
                 {"bar_closes", run.counts.bar_closes}};
  const BothLevels both = CountBothLevels(run.outcomes);
  j["signals"] = {{"emitted", run.counts.emitted},
                  {"approved", run.counts.emitted - run.counts.denied},
                  {"denied_by_controller", run.counts.denied},
                  {"rejected_by_gates", run.counts.candidates_rejected},
                  {"shadows_recorded", run.counts.rejected},
                  {"resolved", run.counts.resolved},
                  {"shadows_resolved", run.counts.shadows_resolved},
                  {"stored", run.stored_signals},
                  {"both_levels_by_finer_bars", both.by_finer_bars},
                  {"both_levels_by_policy", both.by_policy}};
  j["sources"] = SourcesJson(run.sources);
  j["trades"] = TradeStatsToJson(analytics::ComputeTradeStats(real));

  const std::vector<analytics::EquityPoint> curve = EquityCurve(run);
  ASSIGN_OR_RETURN(analytics::ReturnStats stats, DailyReturnStats(curve));
  j["returns"] = ReturnsJson(stats);
  ASSIGN_OR_RETURN(j["daily"], DailyFiguresJson(curve, real));
  ASSIGN_OR_RETURN(const MarketComparison market, CompareWithMarket(run));
  ASSIGN_OR_RETURN(j["market"], MarketJson(market, run.symbols_without_bars));
  ASSIGN_OR_RETURN(j["monthly"], MonthlyReturnsJson(market));
  ASSIGN_OR_RETURN(j["monte_carlo"], MonteCarloJson(real, run.starting_balance, monte_carlo));

  const double final_equity = run.portfolio.equity;
  j["paper"] = {{"starting_balance", run.starting_balance},
                {"final_equity", FigureToJson(final_equity)},
                {"return_pct", FigureToJson((final_equity / run.starting_balance - 1) * 100)},
                {"realized_pnl", FigureToJson(run.portfolio.realized_pnl)},
                {"fills", run.counts.fills},
                {"orders_rejected", run.counts.orders_rejected}};
  ASSIGN_OR_RETURN(const std::vector<analytics::PositionReconciliation> positions,
                   analytics::ReconcilePaperPositions(run.outcomes, run.fills));
  j["paper"]["vs_signals"] = PaperVsSignalsJson(analytics::SumPaperPositions(positions));
  j["paper"]["positions"] = PaperPositionsJson(positions);
  ASSIGN_OR_RETURN(const std::vector<analytics::AccountTrade> paper_account,
                   analytics::PaperAccountTrades(positions, run.starting_balance));
  ASSIGN_OR_RETURN(j["paper"]["monte_carlo"],
                   MonteCarloJson(paper_account, run.starting_balance, monte_carlo));
  ASSIGN_OR_RETURN(j["shadows"], ShadowsJson(run.outcomes));
  ASSIGN_OR_RETURN(j["calibration"], CalibrationSectionJson(real, real));
  constexpr analytics::BreakdownKey kKeys[] = {
      analytics::BreakdownKey::kSymbol,     analytics::BreakdownKey::kDirection,
      analytics::BreakdownKey::kExitReason, analytics::BreakdownKey::kConfidenceBucket,
      analytics::BreakdownKey::kWeekday,    analytics::BreakdownKey::kHour};
  j["breakdowns"] = BreakdownsJson(real, kKeys);

  const std::vector<ControllerStatusRow> controller_rows = ControllerRows(run);
  nlohmann::ordered_json episodes = nlohmann::ordered_json::array();
  for (const ControllerStatusRow& row : controller_rows) {
    episodes.push_back(ControllerEpisodeJson(row));
  }
  j["controller"] = std::move(episodes);
  j["controller_time_pct"] =
      StateTimeJson(ControllerStateSpans(controller_rows, run.start, run.end), run.start, run.end);
  nlohmann::ordered_json trips = nlohmann::ordered_json::array();
  for (const CircuitBreakerTripped& t : run.trips) {
    trips.push_back({{"at", FormatIso8601(t.at)},
                     {"breaker", t.breaker},
                     {"symbol", t.symbol},
                     {"until", FormatIso8601(t.until)},
                     {"why", t.why.text}});
  }
  j["breaker_trips"] = std::move(trips);
  nlohmann::ordered_json warnings = nlohmann::ordered_json::array();
  for (const LightForecastWarned& w : run.forecast_warnings) {
    warnings.push_back({{"at", FormatIso8601(w.at)},
                        {"light", TrafficLightName(w.light)},
                        {"p_red", w.p_red},
                        {"p_yellow_or_worse", w.p_yellow_or_worse},
                        {"win_probability", w.win_probability},
                        {"text", w.text}});
  }
  j["forecast_warnings"] = std::move(warnings);
  nlohmann::ordered_json trade_list = nlohmann::ordered_json::array();
  for (const OutcomeResolved& o : run.outcomes) {
    if (!o.shadow) trade_list.push_back(TradeRowJson(o.signal, o.result));
  }
  j["trade_list"] = std::move(trade_list);
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
      "the gates ({} followed as shadows)\n"
      "trades: {} (wins {}, losses {}, breakeven {}), win rate {} % (95 % interval {}), profit "
      "factor {}, expectancy {} % (95 % interval {}, p-value of above 0 {}), SQN {}\n"
      "returns (daily): total {}, annual {}, Sharpe {}, Sortino {}, Calmar {}, max drawdown {}, "
      "VaR 95 {}\n"
      "paper: {} -> {} ({} %), {} fills, {} orders refused\n"
      "calibration: {}\n",
      r["period"]["from"].get<std::string>(), r["period"]["to"].get<std::string>(),
      FigureText(r["period"]["symbols"]), FigureText(r["period"]["bars"]), FigureText(s["emitted"]),
      FigureText(s["approved"]), FigureText(s["denied_by_controller"]),
      FigureText(s["rejected_by_gates"]), FigureText(s["shadows_recorded"]), FigureText(t["count"]),
      FigureText(t["wins"]), FigureText(t["losses"]), FigureText(t["breakevens"]),
      FigureText(t["win_rate_pct"], "{:.1f}"),
      IntervalText(t["win_rate_low_pct"], t["win_rate_high_pct"], "{:.1f}"),
      FigureText(t["profit_factor"]), FigureText(t["expectancy_pct"], "{:.3f}"),
      IntervalText(t["expectancy_low_pct"], t["expectancy_high_pct"], "{:.3f}"),
      FigureText(t["expectancy_p_value"], "{:.3f}"), FigureText(t["sqn"]),
      FigureText(ret["total_return"], "{:.4f}"), FigureText(ret["annual_return"], "{:.4f}"),
      FigureText(ret["sharpe"]), FigureText(ret["sortino"]), FigureText(ret["calmar"]),
      FigureText(ret["max_drawdown"], "{:.4f}"), FigureText(ret["var_95"], "{:.4f}"),
      FigureText(p["starting_balance"]), FigureText(p["final_equity"]), FigureText(p["return_pct"]),
      FigureText(p["fills"]), FigureText(p["orders_rejected"]),
      CalibrationSummaryText(r["calibration"]["overall"], "signal"));
  out += DailyFiguresText(r["daily"]);
  out += fmt::format(
      "excursions: MFE {} %, MAE {} % on average; losers had offered {} %, winners took {} %\n",
      FigureText(t["avg_mfe_pct"]), FigureText(t["avg_mae_pct"]),
      FigureText(t["avg_mfe_pct_losers"]), FigureText(t["avg_mae_pct_winners"]));
  out += PaperVsSignalsText(p["vs_signals"]) + "\n";
  out += PaperPositionsText(p["positions"], kPaperPositionsShown);
  out += MarketText(r["market"], r["monthly"]);
  out += MonteCarloText(r["monte_carlo"]);
  out += MonteCarloText(p["monte_carlo"], MonteCarloOf::kPaper);
  if (s["both_levels_by_finer_bars"].get<std::int64_t>() +
          s["both_levels_by_policy"].get<std::int64_t>() >
      0) {
    out += fmt::format(
        "bars touching both levels: {} decided by the finer bars, {} by tracker.both_hit_policy\n",
        FigureText(s["both_levels_by_finer_bars"]), FigureText(s["both_levels_by_policy"]));
  }
  for (const auto& g : r["shadows"]["by_gate"]) {
    out += fmt::format("gate {}: stopped {}, their win rate {} %, P&L saved {} %\n",
                       g["gate"].get<std::string>(), FigureText(g["count"]),
                       FigureText(g["win_rate_pct"], "{:.1f}"), FigureText(g["saved_pnl_pct"]));
  }
  out += "sources (votes on the symbols evaluated; accuracy and weight at the end):\n";
  out += SourcesText(r["sources"]);
  const std::string breakdowns = BreakdownsText(r["breakdowns"]);
  if (!breakdowns.empty()) out += breakdowns + "\n";
  out += "traffic light:";
  for (const auto& e : r["controller"]) {
    out += fmt::format(" {} {}", e["at"].get<std::string>().substr(0, 16),
                       e["state"].get<std::string>());
  }
  out += "; time in each state: " + StateTimeText(r["controller_time_pct"]) + "\n";
  for (const auto& w : r["forecast_warnings"]) {
    out += fmt::format("forecast warning {}: {}\n", w["at"].get<std::string>().substr(0, 16),
                       w["text"].get<std::string>());
  }
  return out;
}

}  // namespace pulse::app
