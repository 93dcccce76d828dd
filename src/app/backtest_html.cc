// BacktestReportHtml: the report as one static page with inline SVG charts.
#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "app/backtest_report.h"

namespace pulse::app {

namespace {

constexpr int kWidth = 900;
constexpr int kHeight = 220;
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
  if (j.is_number()) return fmt::format("{:.4g}", j.get<double>());
  return Escape(j.dump());
}

// A line chart of `values` over `times` (at most kMaxPoints points, evenly picked), with the
// minimum and maximum written on the axis.
std::string LineChart(const std::string& title, const std::vector<UnixNanos>& times,
                      const std::vector<double>& values, const char* colour) {
  if (values.size() < 2) return "<p>" + Escape(title) + ": not enough points</p>";
  const auto [lo_it, hi_it] = std::minmax_element(values.begin(), values.end());
  const double lo = *lo_it, hi = *hi_it == *lo_it ? *lo_it + 1 : *hi_it;
  const double t0 = static_cast<double>(times.front());
  const double span = std::max(1.0, static_cast<double>(times.back()) - t0);
  std::string points;
  const std::size_t step = std::max<std::size_t>(1, values.size() / kMaxPoints);
  for (std::size_t i = 0; i < values.size(); i += step) {
    const double x = (static_cast<double>(times[i]) - t0) / span * (kWidth - 80) + 70;
    const double y = (hi - values[i]) / (hi - lo) * (kHeight - 30) + 10;
    points += fmt::format("{:.1f},{:.1f} ", x, y);
  }
  return fmt::format(
      "<h3>{}</h3><svg width=\"{}\" height=\"{}\" role=\"img\" aria-label=\"{}\">"
      "<rect x=\"70\" y=\"10\" width=\"{}\" height=\"{}\" fill=\"#fafafa\" stroke=\"#ccc\"/>"
      "<text x=\"2\" y=\"18\" font-size=\"11\">{:.4g}</text>"
      "<text x=\"2\" y=\"{}\" font-size=\"11\">{:.4g}</text>"
      "<polyline fill=\"none\" stroke=\"{}\" stroke-width=\"1.2\" points=\"{}\"/></svg>\n",
      Escape(title), kWidth, kHeight, Escape(title), kWidth - 80, kHeight - 30, hi, kHeight - 20,
      lo, colour, points);
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

}  // namespace

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
  html += "<h2>Trades</h2>" + Figures(r["trades"]);
  html += "<h2>Returns (daily)</h2>" + Figures(r["returns"]);
  html += "<h2>Paper account</h2>" + Figures(r["paper"]);
  html += LineChart("Equity (quote currency)", times, equity, "#1f77b4");
  html += LineChart("Drawdown (%)", times, drawdown, "#d62728");
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
  return html + "</body></html>\n";
}

}  // namespace pulse::app
