#include "app/stats_html.h"

#include <fmt/format.h>

#include "app/controller_time.h"
#include "app/light_forecast_view.h"
#include "app/monte_carlo_section.h"
#include "app/report_html.h"
#include "app/report_sections.h"
#include "app/svg_chart.h"

namespace pulse::app {

namespace {

using Json = nlohmann::ordered_json;

// "BTCUSDT, ETHUSDT" or "all" for a filter list.
std::string FilterText(const Json& names) { return names.empty() ? "all" : JoinedNames(names); }

// The account as steps: its equity holds until the next exit, so each point is drawn after one
// at its time with the equity before it.
std::vector<analytics::EquityPoint> Steps(const std::vector<analytics::EquityPoint>& curve) {
  std::vector<analytics::EquityPoint> steps;
  for (std::size_t i = 0; i < curve.size(); ++i) {
    if (i > 0) steps.push_back({curve[i].time, curve[i - 1].equity});
    steps.push_back(curve[i]);
  }
  return steps;
}

// The figures a reader looks for first: the trades, their quote P&L, the risk taken and the
// light now.
std::vector<HeadlineFigure> Headline(const Json& r) {
  std::vector<HeadlineFigure> figures = TradeHeadline(r["trades"]);
  const Json& t = r["trades"];
  figures.push_back({"P&L (quote)", HeadlineNumber(t.value("total_pnl_quote", Json()), 2, "", true),
                     "of " + HeadlineNumber(t.value("quote_count", Json()), 0) +
                         " trades with a size, after fees",
                     ToneAgainst(t.value("total_pnl_quote", Json()))});
  for (HeadlineFigure& f : ReturnsHeadline(r["returns"])) figures.push_back(std::move(f));
  const Json& latest = r["controller"]["latest"];
  if (latest.is_object()) {
    const std::string state = latest["state"].get<std::string>();
    figures.push_back({"Light", state, "since " + latest["at"].get<std::string>(),
                       state == "green" ? HeadlineTone::kGood
                       : state == "red" ? HeadlineTone::kBad
                                        : HeadlineTone::kPlain});
  }
  return figures;
}

}  // namespace

std::string StatsReportHtml(const Json& r, const StatsChartData& charts) {
  std::string html = HtmlPageStart("Pulse performance");
  html += fmt::format("<h1>Performance over the {} days to {}</h1>\n", HtmlCell(r["days"]),
                      HtmlCell(r["at"]));
  html += fmt::format("<p>Trades closed since {}; symbols: {}; sources: {}.</p>\n",
                      HtmlCell(r["since"]), HtmlEscape(FilterText(r["filters"]["symbols"])),
                      HtmlEscape(FilterText(r["filters"]["sources"])));
  if (const std::string note = EmptyWindowNote(r); !note.empty()) {
    html += "<p class=\"note\">" + HtmlEscape(note) + "</p>\n";
  }
  html += HeadlineHtml(Headline(r));
  html += "<h2>Trades</h2>" + HtmlFigures(r["trades"]) + TradePnlHistogram(charts.trade_pnl_pct);
  if (!r["last_trades"].is_null()) {
    html += fmt::format("<h2>The last {}</h2><p>Closed since {}.</p>",
                        HtmlEscape(CountText(r["last_trades"]["trades"]["count"], "trade")),
                        HtmlCell(r["last_trades"]["since"])) +
            HtmlFigures(r["last_trades"]["trades"]);
  }

  html +=
      "<h2>The trades' account</h2><p>The capital with each trade's quote P&amp;L (after "
      "fees) booked at its exit.</p>";
  if (charts.equity.size() >= 2) {
    html += EquityAndDrawdownCharts(Steps(charts.equity),
                                    "From the running peak of the account above, at each exit.");
    html +=
        ControllerBand(charts.controller, charts.equity.front().time, charts.equity.back().time);
  } else {
    html += "<p>No account to draw (no trade with a quote P&amp;L).</p>";
  }
  html += "<h2>Returns (daily)</h2>" +
          (r["returns"].is_null() ? std::string("<p>none</p>") : HtmlFigures(r["returns"])) +
          DaysHtml(r["daily"], charts.equity) + MonteCarloHtml(r["monte_carlo"]);

  html += "<h2>Against the market</h2>";
  if (r["market"].is_null()) {
    html += "<p>No market to compare with (no candles of the symbols in the store).</p>";
  } else {
    html +=
        "<p>The trades' account against an equal-weight buy and hold of the symbols traded "
        "or followed in the window, bought with the capital at its start.</p>" +
        HtmlFigures(r["market"]);
    if (charts.market) html += MarketChart(*charts.market, charts.since, charts.at, "trades");
    html += "<h3>Symbols</h3>" + HtmlTable(r["market"]["symbols"]) + MonthsHtml(r["monthly"]);
  }

  html += "<h2>What the gates and the controller stopped</h2>" +
          HtmlFigures(r["shadows"]["overall"]) + HtmlTable(r["shadows"]["by_gate"]) +
          StoppedPnlHistogram(charts.shadow_pnl_pct);
  html += CalibrationHtml(r["calibration"]) + BreakdownsHtml(r["breakdowns"]) +
          WeekdayHourHeatmap(charts.weekday_hour);

  const Json& c = r["controller"];
  html += "<h2>Traffic light</h2>";
  if (c["latest"].is_null()) {
    html += "<p>No state recorded.</p>";
  } else {
    html += fmt::format("<p>{} since {}.</p>", HtmlCell(c["latest"]["state"]),
                        HtmlCell(c["latest"]["at"]));
  }
  if (!c["time_pct"].is_null() && !c["time_pct"].empty()) {
    html += "<p>Time in each state over the window: " + HtmlEscape(StateTimeText(c["time_pct"])) +
            "</p>";
  }
  if (!c["forecast"].is_null()) {
    html += "<p>" + HtmlEscape(LightForecastText(c["forecast"])) + "</p>";
  }
  html += ControllerEpisodesTable(c["history"]);

  if (!r["paper"].is_null()) {
    Json paper = r["paper"];
    paper.erase("vs_signals");
    paper.erase("positions");
    paper.erase("monte_carlo");
    html += "<h2>Paper account</h2>" + HtmlFigures(paper) + "<h3>Against its signals</h3>" +
            HtmlFigures(r["paper"]["vs_signals"]) + "<h3>Position by position</h3>" +
            HtmlTable(r["paper"]["positions"]) +
            MonteCarloHtml(r["paper"]["monte_carlo"], MonteCarloOf::kPaper);
  }
  html += "<h2>Open positions</h2>" + HtmlTable(r["open_positions"]);
  html += "<h2>Recent trades</h2>" + HtmlTable(r["recent_trades"]);
  return WithSectionIndex(html + HtmlPageEnd());
}

}  // namespace pulse::app
