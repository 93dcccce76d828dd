// BacktestReportHtml: the report as one static page with inline SVG charts.
#include <fmt/format.h>

#include "analytics/breakdowns.h"
#include "app/backtest_report.h"
#include "app/controller_time.h"
#include "app/monte_carlo_section.h"
#include "app/report_html.h"
#include "app/svg_chart.h"

namespace pulse::app {

namespace {

// The P&L % (before fees) of the real trades (`shadow` false) or of the shadows.
std::vector<double> PnlPercents(const BacktestRun& run, bool shadow) {
  std::vector<double> pnl;
  for (const OutcomeResolved& o : run.outcomes) {
    if (o.shadow == shadow && o.result.pnl_percent) pnl.push_back(*o.result.pnl_percent);
  }
  return pnl;
}

// The account against the equal-weight buy-and-hold of its symbols: the figures, a chart of
// both compounded daily, each symbol's change and the months.
std::string MarketSection(const nlohmann::ordered_json& r, const BacktestRun& run) {
  std::string html =
      "<h2>Against the market</h2><p>The paper account against an equal-weight buy and hold of "
      "the same symbols, bought with the starting balance at the first bar and held to the "
      "end. Alpha (annual), beta and the capture ratios compare the daily returns.</p>" +
      HtmlFigures(r["market"]);
  const Result<MarketComparison> market = CompareWithMarket(run);
  if (market.ok()) html += MarketChart(*market, run.start, run.end, "paper account");
  return html + "<h3>Symbols</h3>" + HtmlTable(r["market"]["symbols"]) + MonthsHtml(r["monthly"]);
}

// The figures a reader looks for first: the paper account, the trades, the risk taken, the market
// and the time the light was red.
std::vector<HeadlineFigure> Headline(const nlohmann::ordered_json& r) {
  const nlohmann::ordered_json& paper = r["paper"];
  std::vector<HeadlineFigure> figures = {{"Paper account",
                                          HeadlineNumber(paper["return_pct"], 2, " %", true),
                                          HeadlineNumber(paper["starting_balance"], 2) + " to " +
                                              HeadlineNumber(paper["final_equity"], 2),
                                          ToneAgainst(paper["return_pct"])}};
  for (HeadlineFigure& f : TradeHeadline(r["trades"])) figures.push_back(std::move(f));
  for (HeadlineFigure& f : ReturnsHeadline(r["returns"])) figures.push_back(std::move(f));
  const nlohmann::ordered_json& market = r["market"];
  figures.push_back({"Market", HeadlineNumber(market["market_change_pct"], 2, " %", true),
                     "buy and hold; the account " +
                         HeadlineNumber(market["excess_return_pct"], 2, " %", true) +
                         " against it"});
  const nlohmann::ordered_json& time = r["controller_time_pct"];
  const nlohmann::ordered_json red = time.contains("red") ? time["red"] : nlohmann::ordered_json(0);
  figures.push_back({"Light red", HeadlineNumber(red, 1, " % of the time"), StateTimeText(time),
                     red > 0 ? HeadlineTone::kBad : HeadlineTone::kGood});
  return figures;
}

}  // namespace

std::string BacktestReportHtml(const nlohmann::ordered_json& r, const BacktestRun& run) {
  const std::vector<analytics::EquityPoint> curve = EquityCurve(run);
  std::string html = HtmlPageStart("Pulse backtest");
  html += fmt::format("<h1>Backtest {} .. {}</h1>\n", HtmlCell(r["period"]["from"]),
                      HtmlCell(r["period"]["to"]));
  html += fmt::format("<p>{} symbols, {} bars.</p>\n", HtmlCell(r["period"]["symbols"]),
                      HtmlCell(r["period"]["bars"]));
  html += HeadlineHtml(Headline(r));
  html += "<h2>Equity</h2>" +
          EquityAndDrawdownCharts(
              curve,
              "Drawn from the equity at every bar close; the maximum drawdown of the daily "
              "returns is measured on daily closes only, so it can be shallower.");
  if (curve.size() >= 2) {
    html += ControllerBand(ControllerRows(run), curve.front().time, curve.back().time);
  }
  html += "<h2>Signals</h2>" + HtmlFigures(r["signals"]);
  html += "<h2>Sources</h2>" + HtmlTable(r["sources"]);
  html += "<h2>Trades</h2>" + HtmlFigures(r["trades"]) + TradePnlHistogram(PnlPercents(run, false));
  html += "<h2>Returns (daily)</h2>" + HtmlFigures(r["returns"]) + DaysHtml(r["daily"], curve);
  nlohmann::ordered_json paper = r["paper"];
  paper.erase("vs_signals");
  paper.erase("positions");
  paper.erase("monte_carlo");
  html += "<h2>Paper account</h2>" + HtmlFigures(paper);
  html +=
      "<h2>Paper account against its signals</h2><p>The signals' P&amp;L (the tracker's, at "
      "their own size) taken step by step to the account's: another quantity, fills at the "
      "reference price (the next open), slippage and impact, the account's fees.</p>" +
      HtmlFigures(r["paper"]["vs_signals"]) + "<h3>Position by position</h3>" +
      HtmlTable(r["paper"]["positions"]);
  html += MarketSection(r, run);
  html += MonteCarloHtml(r["monte_carlo"]);
  html += MonteCarloHtml(r["paper"]["monte_carlo"], MonteCarloOf::kPaper);
  html += "<h2>What the gates and the controller stopped</h2>" +
          HtmlTable(r["shadows"]["by_gate"]) + StoppedPnlHistogram(PnlPercents(run, true));
  html += CalibrationHtml(r["calibration"]) + BreakdownsHtml(r["breakdowns"]) +
          WeekdayHourHeatmap(analytics::BreakDownByWeekdayAndHour(
              RealTradeRecords(run).value_or(std::vector<analytics::TradeRecord>{})));
  html += "<h2>Traffic light</h2><p>Time in each state: " +
          HtmlEscape(StateTimeText(r["controller_time_pct"])) + "</p>" +
          ControllerEpisodesTable(r["controller"]);
  html += "<h2>Circuit breakers</h2>" + HtmlTable(r["breaker_trips"]);
  nlohmann::ordered_json warnings = nlohmann::ordered_json::array();
  for (const auto& w : r["forecast_warnings"]) {
    warnings.push_back({{"at", w["at"]}, {"light", w["light"]}, {"warning", w["text"]}});
  }
  html += "<h2>Light forecast warnings</h2>" + HtmlTable(warnings);
  html += "<h2>Every trade</h2>" + HtmlTable(r["trade_list"]);
  return WithSectionIndex(html + HtmlPageEnd());
}

}  // namespace pulse::app
