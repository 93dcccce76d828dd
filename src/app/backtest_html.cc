// BacktestReportHtml: the report as one static page with inline SVG charts.
#include "app/backtest_html.h"

#include <algorithm>
#include <cmath>
#include <functional>

#include <fmt/format.h>

#include "analytics/return_stats.h"
#include "app/backtest_report.h"
#include "app/controller_time.h"
#include "app/svg_chart.h"

namespace pulse::app {

namespace {

std::string Cell(const nlohmann::json& j) {
  if (j.is_null()) return "-";
  if (j.is_string()) return HtmlEscape(j.get<std::string>());
  if (j.is_number_integer()) return std::to_string(j.get<std::int64_t>());
  if (j.is_number()) {
    // Money-sized figures in fixed notation ("10,000.00", not "1e+04"), the rest to 4 digits.
    const double v = j.get<double>();
    return std::fabs(v) >= 1000 ? FormatGrouped(v, 2) : fmt::format("{:.4g}", v);
  }
  return HtmlEscape(j.dump());
}

// "-1.37%" for a value in percent.
std::string PercentLabel(double value) { return FormatGrouped(value, 2) + "%"; }

std::string Table(const nlohmann::ordered_json& rows) {
  if (!rows.is_array() || rows.empty()) return "<p>none</p>\n";
  std::string out = "<table><tr>";
  for (const auto& [key, value] : rows.front().items()) out += "<th>" + HtmlEscape(key) + "</th>";
  out += "</tr>\n";
  for (const auto& row : rows) {
    out += "<tr>";
    for (const auto& [key, value] : row.items()) out += "<td>" + Cell(value) + "</td>";
    out += "</tr>\n";
  }
  return out + "</table>\n";
}

std::string Figures(const nlohmann::ordered_json& object) {
  std::string out = "<table>";
  for (const auto& [key, value] : object.items()) {
    if (value.is_object() || value.is_array()) continue;
    out += "<tr><th>" + HtmlEscape(key) + "</th><td>" + Cell(value) + "</td></tr>";
  }
  return out + "</table>\n";
}

// The account against the equal-weight buy-and-hold of its symbols: the figures, a chart of
// both compounded daily, each symbol's change and the months.
std::string MarketSection(const nlohmann::ordered_json& r, const BacktestRun& run) {
  std::string html =
      "<h2>Against the market</h2><p>The paper account against an equal-weight buy and hold of "
      "the same symbols, bought with the starting balance at the first bar and held to the "
      "end. Alpha (annual), beta and the capture ratios compare the daily returns.</p>" +
      Figures(r["market"]);
  const Result<MarketComparison> market = CompareWithMarket(run);
  if (market.ok()) {
    std::vector<UnixNanos> times{run.start};
    std::vector<double> account{0}, benchmark{0};
    const std::vector<double> account_growth = analytics::CumReturns(market->account);
    const std::vector<double> market_growth = analytics::CumReturns(market->benchmark);
    for (std::size_t i = 0; i < market->days.size(); ++i) {
      times.push_back(std::min(market->days[i] + kNanosPerDay, run.end));
      account.push_back(account_growth[i] * 100);
      benchmark.push_back(market_growth[i] * 100);
    }
    html +=
        LineChart("Return against buy and hold (%)", times,
                  {{"paper account", &account, "#1f77b4"}, {"buy and hold", &benchmark, "#7f7f7f"}},
                  PercentLabel, "Both compounded from one return per UTC day.");
  }
  return html + "<h3>Symbols</h3>" + Table(r["market"]["symbols"]) + "<h3>Months</h3>" +
         Table(r["monthly"]);
}

// The colour of a controller state in the traffic-light band.
const char* StateColour(RiskState state) {
  switch (state) {
    case RiskState::kGreen:
      return "#2ca02c";
    case RiskState::kYellow:
      return "#e6b800";
    case RiskState::kRed:
      return "#d62728";
    case RiskState::kPaused:
      return "#7f7f7f";
    case RiskState::kStopped:
      return "#222222";
  }
  return "#7f7f7f";
}

// The controller's states over [from, to] as a band under the equity and drawdown charts.
std::string LightBand(const BacktestRun& run, UnixNanos from, UnixNanos to) {
  std::vector<BandSegment> segments;
  for (const StateSpan& s : ControllerStateSpans(ControllerRows(run), from, to)) {
    segments.push_back({s.from, s.to, std::string(RiskStateName(s.state)), StateColour(s.state)});
  }
  return StateBandChart("Traffic light", from, to, segments,
                        "The controller's state on the time axis of the charts above: the "
                        "light while active, paused or stopped when set by hand.");
}

// A histogram of the P&L % (before fees) of the real trades (`shadow` false) or of the shadows,
// losing bins red and the others green (0 is always a bin edge). The shadows' outer bars also
// hold their 1 % most extreme at each end, so that a few far outliers do not squeeze the rest.
std::string PnlHistogram(const BacktestRun& run, bool shadow, const std::string& title,
                         const std::string& note) {
  std::vector<double> pnl;
  for (const OutcomeResolved& o : run.outcomes) {
    if (o.shadow == shadow && o.result.pnl_percent) pnl.push_back(*o.result.pnl_percent);
  }
  std::vector<HistogramBin> bins =
      EqualWidthBins(pnl, SuggestedBinCount(pnl.size()), shadow ? 0.01 : 0.0);
  for (HistogramBin& b : bins) b.colour = b.upper <= 0 ? "#d62728" : "#2ca02c";
  return HistogramChart(title, bins, PercentLabel, note);
}

// The reliability diagram of the calibration section's bins.
std::string Reliability(const nlohmann::ordered_json& bins) {
  std::vector<ReliabilityPoint> points;
  for (const auto& b : bins) {
    points.push_back({b["mean_confidence"].get<double>(), b["hit_rate"].get<double>(),
                      b["count"].get<std::int64_t>()});
  }
  return ReliabilityChart("Reliability", points,
                          "Each confidence bin's hit rate against its mean confidence; on the "
                          "dashed diagonal a confidence means what it says. Circle area grows "
                          "with the bin's count.");
}

}  // namespace

std::string FormatGrouped(double value, int decimals) {
  if (!std::isfinite(value)) return fmt::format("{}", value);
  std::string digits = fmt::format("{:.{}f}", std::fabs(value), std::max(decimals, 0));
  const std::size_t point = std::min(digits.find('.'), digits.size());
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && i < point && (point - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  const bool zero = digits.find_first_not_of("0.") == std::string::npos;
  return (value < 0 && !zero ? "-" : "") + out;
}

std::string BacktestReportHtml(const nlohmann::ordered_json& r, const BacktestRun& run) {
  std::vector<UnixNanos> times{run.start};
  std::vector<double> equity{run.starting_balance};
  for (const EquityPoint& p : run.equity) {
    times.push_back(p.time);
    equity.push_back(p.equity);
  }
  std::vector<double> drawdown;
  double peak = equity.front();
  for (double e : equity) {
    peak = std::max(peak, e);
    drawdown.push_back((e / peak - 1) * 100);
  }
  std::string html =
      "<!doctype html><html><head><meta charset=\"utf-8\"><title>Pulse backtest</title>"
      "<style>body{font-family:sans-serif;margin:24px;max-width:960px}"
      "table{border-collapse:collapse;margin:8px 0}td,th{border:1px solid #ddd;padding:3px 8px;"
      "text-align:right}th{background:#f4f4f4}</style></head><body>\n";
  html += fmt::format("<h1>Backtest {} .. {}</h1>\n", Cell(r["period"]["from"]),
                      Cell(r["period"]["to"]));
  html += "<h2>Signals</h2>" + Figures(r["signals"]);
  html += "<h2>Sources</h2>" + Table(r["sources"]);
  html += "<h2>Trades</h2>" + Figures(r["trades"]) +
          PnlHistogram(run, false, "P&L per trade (%)",
                       "Each trade's P&L in percent of its entry (before fees), in bins of "
                       "equal width; losing bins red.");
  html += "<h2>Returns (daily)</h2>" + Figures(r["returns"]);
  nlohmann::ordered_json paper = r["paper"];
  paper.erase("vs_signals");
  html += "<h2>Paper account</h2>" + Figures(paper);
  html +=
      "<h2>Paper account against its signals</h2><p>The signals' P&amp;L (the tracker's, at "
      "their own size) taken step by step to the account's: another quantity, fills at the "
      "reference price (the next open), slippage and impact, the account's fees.</p>" +
      Figures(r["paper"]["vs_signals"]);
  html += LineChart("Equity (quote currency)", times, {{"equity", &equity, "#1f77b4"}},
                    [](double v) { return FormatGrouped(v, 2); });
  html += LineChart("Drawdown (%)", times, {{"drawdown", &drawdown, "#d62728"}}, PercentLabel,
                    "Drawn from the equity at every bar close; max_drawdown under Returns (daily) "
                    "is a fraction measured on daily closes only, so it can be shallower.");
  html += LightBand(run, times.front(), times.back());
  html += MarketSection(r, run);
  html += "<h2>What the gates and the controller stopped</h2>" + Table(r["shadows"]["by_gate"]) +
          PnlHistogram(run, true, "P&L per stopped candidate (%)",
                       "What the rejected and denied candidates made when followed as shadows "
                       "(before fees), in bins of equal width; losing bins red; the outer bars "
                       "also hold the 1 % most extreme at each end.");
  html += "<h2>Calibration</h2>" + Figures(r["calibration"]["overall"]) +
          Table(r["calibration"]["overall"]["bins"]) +
          Reliability(r["calibration"]["overall"]["bins"]);
  for (const auto& [key, rows] : r["breakdowns"].items()) {
    html += "<h2>By " + HtmlEscape(key) + "</h2>" + Table(rows);
  }
  nlohmann::ordered_json episodes = nlohmann::ordered_json::array();
  for (const auto& e : r["controller"]) {
    std::string reasons;
    for (const auto& text : e["reasons"])
      reasons += (reasons.empty() ? "" : "; ") + text.get<std::string>();
    episodes.push_back({{"at", e["at"]}, {"state", e["state"]}, {"reasons", reasons}});
  }
  html += "<h2>Traffic light</h2><p>Time in each state: " +
          HtmlEscape(StateTimeText(r["controller_time_pct"])) + "</p>" + Table(episodes);
  html += "<h2>Circuit breakers</h2>" + Table(r["breaker_trips"]);
  nlohmann::ordered_json warnings = nlohmann::ordered_json::array();
  for (const auto& w : r["forecast_warnings"]) {
    warnings.push_back({{"at", w["at"]}, {"light", w["light"]}, {"warning", w["text"]}});
  }
  html += "<h2>Light forecast warnings</h2>" + Table(warnings);
  return html + "</body></html>\n";
}

}  // namespace pulse::app
