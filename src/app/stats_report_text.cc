// StatsReportText: the `pulse stats` report as tables, rendered from its JSON so both formats
// always show the same figures.
#include <sstream>

#include <fmt/format.h>

#include "app/controller_time.h"
#include "app/light_forecast_view.h"
#include "app/market_comparison.h"
#include "app/monte_carlo_section.h"
#include "app/paper_positions_section.h"
#include "app/report_sections.h"
#include "app/stats_report.h"
#include "app/table_printer.h"
#include "core/numbers.h"

namespace pulse::app {

namespace {

using Json = nlohmann::ordered_json;

// A price cell: "-" for null (a trade without an exit price).
std::string PriceFigure(const Json& price) {
  return price.is_number() ? PriceText(price.get<double>()) : FigureText(price);
}

// The quote P&L of a TradeStats JSON, with how many trades it covers when not all were sized.
std::string QuotePnlText(const Json& t) {
  const std::int64_t quoted = t["quote_count"].get<std::int64_t>();
  const std::int64_t count = t["count"].get<std::int64_t>();
  std::string text = FigureText(t["total_pnl_quote"]);
  if (quoted > 0 && quoted < count) text += fmt::format(" ({} of {} trades sized)", quoted, count);
  return text;
}

void Summary(const Json& r, std::ostream& out) {
  std::string filters;
  if (!r["filters"]["symbols"].empty())
    filters += "; symbols " + JoinedNames(r["filters"]["symbols"]);
  if (!r["filters"]["sources"].empty())
    filters += "; sources " + JoinedNames(r["filters"]["sources"]);
  out << fmt::format("Performance over the {} days to {} (closed since {}){}\n",
                     FigureText(r["days"]), r["at"].get<std::string>(),
                     r["since"].get<std::string>(), filters);
  out << EmptyWindowNote(r);
  const Json& t = r["trades"];
  TablePrinter table({"figure", ">value"});
  table.AddRow({"total trades", FigureText(t["count"])});
  table.AddRow({"wins", FigureText(t["wins"])});
  table.AddRow({"losses", FigureText(t["losses"])});
  table.AddRow({"breakevens", FigureText(t["breakevens"])});
  table.AddRow({"win rate %", FigureText(t["win_rate_pct"])});
  table.AddRow({"  95 % interval", IntervalText(t["win_rate_low_pct"], t["win_rate_high_pct"])});
  // An average over no trades is shown as "-" (the JSON keeps its documented 0).
  const bool any_win = t["wins"].get<std::int64_t>() > 0;
  const bool any_loss = t["losses"].get<std::int64_t>() > 0;
  const bool any_trade = t["count"].get<std::int64_t>() > 0;
  auto over = [](bool any, const std::string& text) { return any ? text : std::string("-"); };
  table.AddRow({"average win %", over(any_win, FigureText(t["avg_win_pct"]))});
  table.AddRow({"average loss %", over(any_loss, FigureText(t["avg_loss_pct"]))});
  table.AddRow({"average P&L % (expectancy)", FigureText(t["expectancy_pct"], "{:.3f}")});
  table.AddRow({"  95 % interval",
                IntervalText(t["expectancy_low_pct"], t["expectancy_high_pct"], "{:.3f}")});
  table.AddRow(
      {"  p-value of an expectancy above 0", FigureText(t["expectancy_p_value"], "{:.3f}")});
  table.AddRow({"payoff ratio", FigureText(t["payoff_ratio"])});
  table.AddRow({"profit factor", FigureText(t["profit_factor"])});
  table.AddRow({"SQN", FigureText(t["sqn"])});
  table.AddRow({"Kelly fraction %", FigureText(t["kelly_pct"])});
  table.AddRow({"total P&L %", FigureText(t["total_pnl_pct"])});
  table.AddRow({"total P&L (quote, after fees)", QuotePnlText(t)});
  table.AddRow({"max consecutive wins", FigureText(t["max_consecutive_wins"])});
  table.AddRow({"max consecutive losses", FigureText(t["max_consecutive_losses"])});
  table.AddRow({"average hold min", over(any_trade, FigureText(t["avg_hold_minutes"], "{:.0f}"))});
  table.AddRow({"average hold min, winners",
                over(any_win, FigureText(t["avg_hold_minutes_winners"], "{:.0f}"))});
  table.AddRow({"average hold min, losers",
                over(any_loss, FigureText(t["avg_hold_minutes_losers"], "{:.0f}"))});
  table.AddRow({"average MFE % / MAE %", fmt::format("{} / {}", FigureText(t["avg_mfe_pct"]),
                                                     FigureText(t["avg_mae_pct"]))});
  table.AddRow({"losers' average MFE %", FigureText(t["avg_mfe_pct_losers"])});
  table.AddRow({"winners' average MAE %", FigureText(t["avg_mae_pct_winners"])});
  if (any_trade) {
    table.AddRow({"best trade %", fmt::format("{} (signal {})", FigureText(t["best_pnl_pct"]),
                                              FigureText(t["best_signal_id"]))});
    table.AddRow({"worst trade %", fmt::format("{} (signal {})", FigureText(t["worst_pnl_pct"]),
                                               FigureText(t["worst_signal_id"]))});
  }
  table.Print(out);
}

// The rolling view in one line.
void LastTrades(const Json& l, std::ostream& out) {
  if (l.is_null()) return;
  const Json& t = l["trades"];
  if (t["count"].get<std::int64_t>() == 0) {
    out << fmt::format("\nLast {} trades: none closed yet\n", FigureText(l["n"]));
    return;
  }
  out << fmt::format(
      "\nLast {} (closed since {}): win rate {} %, expectancy {} %, profit factor {}, "
      "P&L (quote) {}, losing streak at most {}\n",
      CountText(t["count"], "trade"), l["since"].get<std::string>(), FigureText(t["win_rate_pct"]),
      FigureText(t["expectancy_pct"], "{:.3f}"), FigureText(t["profit_factor"]), QuotePnlText(t),
      FigureText(t["max_consecutive_losses"]));
}

void Returns(const Json& r, std::ostream& out) {
  if (r.is_null()) {
    out << "\nDaily returns: not defined (the equity would fall to zero or below)\n";
    return;
  }
  out << fmt::format("\nDaily returns on a capital of {} ({} with a quote P&L, {} days)\n",
                     FigureText(r["capital"]), CountText(r["trades"], "trade"),
                     FigureText(r["days"]));
  TablePrinter table({"figure", ">value"});
  for (const auto& [key, value] : r.items()) {
    if (key == "capital" || key == "trades" || key == "periods" || key == "days") continue;
    table.AddRow({key, FigureText(value, "{:.4f}")});
  }
  table.Print(out);
}

void Calibration(const Json& c, std::ostream& out) {
  const Json& overall = c["overall"];
  out << "\nCalibration: " << CalibrationSummaryText(overall, "trade") << "\n"
      << fmt::format(
             "the Brier score decomposed: reliability {} (lower is better), resolution {} "
             "(higher is better), uncertainty {}\n",
             FigureText(overall["reliability"], "{:.4f}"),
             FigureText(overall["resolution"], "{:.4f}"),
             FigureText(overall["uncertainty"], "{:.4f}"));
  if (overall["bins"].empty()) return;
  TablePrinter bins({"confidence", ">trades", ">mean confidence", ">hit rate"});
  for (const Json& b : overall["bins"]) {
    bins.AddRow({fmt::format("{:.1f}-{:.1f}", b["lower"].get<double>(), b["upper"].get<double>()),
                 FigureText(b["count"]), FigureText(b["mean_confidence"], "{:.3f}"),
                 FigureText(b["hit_rate"], "{:.3f}")});
  }
  bins.Print(out);
  TablePrinter sources({"source", ">trades", ">ECE", ">Brier", ">Brier skill"});
  for (const auto& [source, s] : c["per_source"].items()) {
    sources.AddRow({source, FigureText(s["count"]), FigureText(s["ece"], "{:.4f}"),
                    FigureText(s["brier"], "{:.4f}"), FigureText(s["brier_skill"], "{:+.3f}")});
  }
  out << "\n";
  sources.Print(out);
}

std::string Reasons(const Json& episode) {
  std::string out;
  for (const Json& r : episode["reasons"]) out += (out.empty() ? "" : "; ") + r.get<std::string>();
  return out;
}

void Controller(const Json& c, std::ostream& out) {
  if (c["latest"].is_null()) {
    out << "\nController: no state recorded\n";
  } else {
    const Json& latest = c["latest"];
    const std::string why = Reasons(latest);
    out << fmt::format("\nController: {} since {}{}\n", latest["state"].get<std::string>(),
                       latest["at"].get<std::string>(), why.empty() ? "" : " (" + why + ")");
  }
  if (!c["time_pct"].is_null() && !c["time_pct"].empty()) {
    out << "Time in each state over the window: " << StateTimeText(c["time_pct"]) << "\n";
  }
  if (!c["forecast"].is_null()) out << LightForecastText(c["forecast"]) << "\n";
  if (c["history"].empty()) return;
  TablePrinter table({"at", "state", "previous", "reasons"});
  for (const Json& e : c["history"]) {
    table.AddRow({e["at"].get<std::string>(), e["state"].get<std::string>(),
                  FigureText(e["previous"]), Reasons(e)});
  }
  table.Print(out);
}

void Shadows(const Json& s, std::ostream& out) {
  const Json& all = s["overall"];
  out << fmt::format(
      "\nShadow outcomes: {} rejected or denied candidates closed, win rate {} %, P&L {} %\n",
      FigureText(all["count"]), FigureText(all["win_rate_pct"]), FigureText(all["total_pnl_pct"]));
  if (s["by_gate"].empty()) return;
  TablePrinter table({"stopped by", ">count", ">win rate %", ">P&L %", ">saved %", ">P&L (quote)"});
  for (const Json& g : s["by_gate"]) {
    table.AddRow({g["gate"].get<std::string>(), FigureText(g["count"]),
                  FigureText(g["win_rate_pct"]), FigureText(g["total_pnl_pct"]),
                  FigureText(g["saved_pnl_pct"]), FigureText(g["total_pnl_quote"])});
  }
  table.Print(out);
}

void Paper(const Json& p, std::ostream& out) {
  if (p.is_null()) return;
  out << fmt::format("\nPaper account {}: {} positions closed, realized P&L {}\n",
                     p["account"].get<std::string>(), FigureText(p["positions_closed"]),
                     FigureText(p["realized_pnl"], "{:+.2f}"));
  if (p["positions_closed"].get<std::int64_t>() > 0) {
    out << PaperVsSignalsText(p["vs_signals"]) << "\n"
        << PaperPositionsText(p["positions"], kPaperPositionsShown)
        << MonteCarloText(p["monte_carlo"], MonteCarloOf::kPaper);
  }
}

TablePrinter OpenPositionsTable(const Json& positions) {
  TablePrinter open({">id", "symbol", "dir", ">entry", "entered", ">age min"});
  for (const Json& p : positions) {
    open.AddRow({FigureText(p["signal_id"]), p["symbol"].get<std::string>(),
                 p["direction"].get<std::string>(), PriceFigure(p["entry_price"]),
                 p["entry_time"].get<std::string>(), FigureText(p["age_minutes"], "{:.0f}")});
  }
  return open;
}

TablePrinter RecentTradesTable(const Json& trades) {
  TablePrinter recent({">id", "symbol", "dir", ">entry", ">exit", ">pnl%", "outcome", "reason",
                       "exited", ">held min"});
  for (const Json& t : trades) {
    recent.AddRow({FigureText(t["signal_id"]), t["symbol"].get<std::string>(),
                   t["direction"].get<std::string>(), PriceFigure(t["entry_price"]),
                   PriceFigure(t["exit_price"]), FigureText(t["pnl_percent"]),
                   t["outcome"].get<std::string>(), FigureText(t["exit_reason"]),
                   FigureText(t["exit_time"]), FigureText(t["hold_minutes"], "{:.0f}")});
  }
  return recent;
}

void Positions(const Json& r, std::ostream& out) {
  if (r["open_positions"].empty()) {
    out << "\nOpen positions: none\n";
  } else {
    out << fmt::format("\nOpen positions ({})\n", r["open_positions"].size());
    OpenPositionsTable(r["open_positions"]).Print(out);
  }
  if (r["recent_trades"].empty()) {
    out << "\nRecent trades: none\n";
  } else {
    out << fmt::format("\nRecent trades ({})\n", r["recent_trades"].size());
    RecentTradesTable(r["recent_trades"]).Print(out);
  }
}

}  // namespace

std::string EmptyWindowNote(const nlohmann::ordered_json& r) {
  std::string out;
  const bool others_in_window =
      r["filters"].contains("in_window") && !r["filters"]["in_window"]["symbols"].empty();
  if (others_in_window) {
    const Json& names = r["filters"]["in_window"];
    out += fmt::format(
        "No trade or candidate of these days matches the filters. Their symbols: {}; their "
        "sources: {}.\n",
        JoinedNames(names["symbols"]), JoinedNames(names["sources"]));
  }
  if (r["filters"].contains("newest_close")) {
    const Json& newest = r["filters"]["newest_close"];
    const bool filtered = !r["filters"]["symbols"].empty() || !r["filters"]["sources"].empty();
    const std::string which = filtered ? " matching the filters" : "";
    if (newest.is_null()) {
      out += fmt::format("No trade or candidate{} has closed by then.\n", which);
    } else if (others_in_window) {
      out += fmt::format("The newest{} closed at {}.\n", which, newest.get<std::string>());
    } else {
      out += fmt::format(
          "No trade or candidate{} closed in these days; the newest closed at {}. To report as "
          "at another time: --at, or --run NAME for the time a replayed run reached.\n",
          which, newest.get<std::string>());
    }
  }
  return out;
}

std::string StatsReportText(const nlohmann::ordered_json& report) {
  std::ostringstream out;
  Summary(report, out);
  LastTrades(report["last_trades"], out);
  Returns(report["returns"], out);
  if (!report["daily"].is_null()) out << "\n" << DailyFiguresText(report["daily"]);
  if (!report["monte_carlo"].is_null()) out << MonteCarloText(report["monte_carlo"]);
  Calibration(report["calibration"], out);
  out << BreakdownsText(report["breakdowns"]);
  Controller(report["controller"], out);
  Shadows(report["shadows"], out);
  if (!report["market"].is_null()) {
    out << "\nAgainst the market\n" << MarketText(report["market"], report["monthly"]);
  }
  Paper(report["paper"], out);
  Positions(report, out);
  return out.str();
}

}  // namespace pulse::app
