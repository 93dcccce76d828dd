// BacktestReportHtml: the report as one static page with inline SVG charts.
#include "app/backtest_html.h"

#include <algorithm>
#include <cmath>
#include <functional>

#include <fmt/format.h>

#include "analytics/return_stats.h"
#include "app/backtest_report.h"

namespace pulse::app {

namespace {

// The chart's SVG box and its plot area inside it (y labels on the left, time labels below).
constexpr int kWidth = 900;
constexpr int kHeight = 240;
constexpr int kPlotLeft = 90;
constexpr int kPlotTop = 10;
constexpr int kPlotWidth = kWidth - kPlotLeft - 10;
constexpr int kPlotHeight = 190;
constexpr std::size_t kMaxPoints = 1200;

std::string Escape(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '&':
        out += "&amp;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string Cell(const nlohmann::json& j) {
  if (j.is_null()) return "-";
  if (j.is_string()) return Escape(j.get<std::string>());
  if (j.is_number_integer()) return std::to_string(j.get<std::int64_t>());
  if (j.is_number()) {
    // Money-sized figures in fixed notation ("10,000.00", not "1e+04"), the rest to 4 digits.
    const double v = j.get<double>();
    return std::fabs(v) >= 1000 ? FormatGrouped(v, 2) : fmt::format("{:.4g}", v);
  }
  return Escape(j.dump());
}

// "-1.37%" for a value in percent.
std::string PercentLabel(double value) { return FormatGrouped(value, 2) + "%"; }

// A time on the x axis: the date, with the time of day when the chart spans under two days.
std::string TimeLabel(UnixNanos t, bool with_time) {
  const std::string iso = FormatIso8601(t);  // "2021-04-01T00:00:00Z"
  return with_time ? iso.substr(0, 10) + " " + iso.substr(11, 5) : iso.substr(0, 10);
}

// One line of a chart: its values over the chart's times, its colour and, when the chart has
// more than one line, its name in the legend.
struct ChartLine {
  std::string name;
  const std::vector<double>* values = nullptr;
  const char* colour = "#1f77b4";
};

// A line chart of `lines` over `times` (each thinned by MinMaxThin to at most kMaxPoints
// points), the highest and the lowest value of all written by `label` at the top and the bottom
// of the y axis, the first, middle and last time under the x axis, a legend when there are
// several lines, and `note` (if any) under the chart.
std::string LineChart(const std::string& title, const std::vector<UnixNanos>& times,
                      const std::vector<ChartLine>& lines,
                      const std::function<std::string(double)>& label,
                      const std::string& note = "") {
  if (times.size() < 2) return "<p>" + Escape(title) + ": not enough points</p>";
  double lo = (*lines.front().values)[0], hi = lo;
  for (const ChartLine& line : lines) {
    const auto [lo_it, hi_it] = std::minmax_element(line.values->begin(), line.values->end());
    lo = std::min(lo, *lo_it);
    hi = std::max(hi, *hi_it);
  }
  const double t0 = static_cast<double>(times.front());
  const double span = std::max(1.0, static_cast<double>(times.back()) - t0);
  auto y_of = [&](double v) {
    // A flat series is drawn across the middle.
    if (hi == lo) return kPlotTop + kPlotHeight / 2.0;
    return (hi - v) / (hi - lo) * kPlotHeight + kPlotTop;
  };
  const bool with_time = span < 2.0 * static_cast<double>(kNanosPerDay);
  const auto middle = static_cast<UnixNanos>(t0 + span / 2);
  const int label_x = kPlotLeft - 4;
  const int time_y = kPlotTop + kPlotHeight + 16;
  std::string svg = fmt::format(
      "<h3>{}</h3><svg width=\"{}\" height=\"{}\" role=\"img\" aria-label=\"{}\">"
      "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#fafafa\" stroke=\"#ccc\"/>"
      "<text class=\"y-max\" x=\"{}\" y=\"{:.1f}\" font-size=\"11\" text-anchor=\"end\">{}</text>"
      "<text class=\"y-min\" x=\"{}\" y=\"{:.1f}\" font-size=\"11\" text-anchor=\"end\">{}</text>",
      Escape(title), kWidth, kHeight, Escape(title), kPlotLeft, kPlotTop, kPlotWidth, kPlotHeight,
      label_x, y_of(hi) + 4, Escape(label(hi)), label_x, y_of(lo) + 4, Escape(label(lo)));
  svg += fmt::format(
      "<text class=\"x-label\" x=\"{}\" y=\"{}\" font-size=\"11\" text-anchor=\"start\">{}</text>"
      "<text class=\"x-label\" x=\"{}\" y=\"{}\" font-size=\"11\" text-anchor=\"middle\">{}"
      "</text>"
      "<text class=\"x-label\" x=\"{}\" y=\"{}\" font-size=\"11\" text-anchor=\"end\">{}</text>",
      kPlotLeft, time_y, TimeLabel(times.front(), with_time), kPlotLeft + kPlotWidth / 2, time_y,
      TimeLabel(middle, with_time), kPlotLeft + kPlotWidth, time_y,
      TimeLabel(times.back(), with_time));
  for (std::size_t k = 0; k < lines.size(); ++k) {
    const ChartLine& line = lines[k];
    std::string points;
    for (std::size_t i : MinMaxThin(*line.values, kMaxPoints)) {
      const double x = (static_cast<double>(times[i]) - t0) / span * kPlotWidth + kPlotLeft;
      points += fmt::format("{:.1f},{:.1f} ", x, y_of((*line.values)[i]));
    }
    if (!points.empty()) points.pop_back();
    svg += fmt::format("<polyline fill=\"none\" stroke=\"{}\" stroke-width=\"1.2\" points=\"{}\"/>",
                       line.colour, points);
    if (lines.size() > 1) {
      svg += fmt::format(
          "<text class=\"legend\" x=\"{}\" y=\"{}\" font-size=\"11\" fill=\"{}\">{}</text>",
          kPlotLeft + 8, kPlotTop + 14 + 14 * static_cast<int>(k), line.colour, Escape(line.name));
    }
  }
  svg += "</svg>\n";
  if (!note.empty()) svg += "<p class=\"note\">" + Escape(note) + "</p>\n";
  return svg;
}

std::string Table(const nlohmann::ordered_json& rows) {
  if (!rows.is_array() || rows.empty()) return "<p>none</p>\n";
  std::string out = "<table><tr>";
  for (const auto& [key, value] : rows.front().items()) out += "<th>" + Escape(key) + "</th>";
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
    out += "<tr><th>" + Escape(key) + "</th><td>" + Cell(value) + "</td></tr>";
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

std::vector<std::size_t> MinMaxThin(const std::vector<double>& values, std::size_t max_points) {
  const std::size_t n = values.size();
  std::vector<std::size_t> kept;
  max_points = std::max<std::size_t>(max_points, 4);
  if (n <= max_points) {
    for (std::size_t i = 0; i < n; ++i) kept.push_back(i);
    return kept;
  }
  const std::size_t inner = n - 2;  // points 1 .. n-2
  const std::size_t buckets = (max_points - 2) / 2;
  kept.push_back(0);
  for (std::size_t b = 0; b < buckets; ++b) {
    const std::size_t begin = 1 + b * inner / buckets;
    const std::size_t end = 1 + (b + 1) * inner / buckets;
    if (begin == end) continue;
    const auto [lo, hi] = std::minmax_element(values.begin() + static_cast<std::ptrdiff_t>(begin),
                                              values.begin() + static_cast<std::ptrdiff_t>(end));
    const auto lo_i = static_cast<std::size_t>(lo - values.begin());
    const auto hi_i = static_cast<std::size_t>(hi - values.begin());
    kept.push_back(std::min(lo_i, hi_i));
    if (lo_i != hi_i) kept.push_back(std::max(lo_i, hi_i));
  }
  kept.push_back(n - 1);
  return kept;
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
  html += "<h2>Trades</h2>" + Figures(r["trades"]);
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
  html += MarketSection(r, run);
  html += "<h2>What the gates and the controller stopped</h2>" + Table(r["shadows"]["by_gate"]);
  html += "<h2>Calibration</h2>" + Figures(r["calibration"]["overall"]) +
          Table(r["calibration"]["overall"]["bins"]);
  for (const auto& [key, rows] : r["breakdowns"].items()) {
    html += "<h2>By " + Escape(key) + "</h2>" + Table(rows);
  }
  nlohmann::ordered_json episodes = nlohmann::ordered_json::array();
  for (const auto& e : r["controller"]) {
    std::string reasons;
    for (const auto& text : e["reasons"])
      reasons += (reasons.empty() ? "" : "; ") + text.get<std::string>();
    episodes.push_back({{"at", e["at"]}, {"state", e["state"]}, {"reasons", reasons}});
  }
  html += "<h2>Traffic light</h2>" + Table(episodes);
  html += "<h2>Circuit breakers</h2>" + Table(r["breaker_trips"]);
  nlohmann::ordered_json warnings = nlohmann::ordered_json::array();
  for (const auto& w : r["forecast_warnings"]) {
    warnings.push_back({{"at", w["at"]}, {"light", w["light"]}, {"warning", w["text"]}});
  }
  html += "<h2>Light forecast warnings</h2>" + Table(warnings);
  return html + "</body></html>\n";
}

}  // namespace pulse::app
