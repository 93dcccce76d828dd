#include "app/snapshots_html.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

#include <fmt/format.h>

#include "app/performance_snapshots.h"
#include "app/report_html.h"
#include "app/report_sections.h"
#include "app/svg_chart.h"
#include "core/numbers.h"

namespace pulse::app {

namespace {

// One figure of the table: its header, where it is in the metrics and how it is written.
struct FigureColumn {
  const char* header;
  const char* section;
  const char* key;
  const char* spec;
};

constexpr FigureColumn kTableFigures[] = {
    {"trades", "trades", "count", "{:.2f}"},
    {"win rate %", "trades", "win_rate_pct", "{:.2f}"},
    {"profit factor", "trades", "profit_factor", "{:.2f}"},
    {"expectancy %", "trades", "expectancy_pct", "{:.3f}"},
    {"P&L (quote)", "trades", "total_pnl_quote", "{:.2f}"},
    {"ECE", "calibration", "ece", "{:.4f}"},
    {"Brier", "calibration", "brier", "{:.4f}"},
    {"Sharpe", "returns", "sharpe", "{:.2f}"},
    {"max drawdown", "returns", "max_drawdown", "{:.4f}"},
};

// One chart of the page: its title, the figure and how its axis labels are written.
struct FigureChart {
  const char* title;
  const char* section;
  const char* key;
  std::string (*label)(double);
};

std::string Plain(double v) { return FormatGrouped(v, 2); }
std::string Fine(double v) { return FormatGrouped(v, 4); }

constexpr FigureChart kCharts[] = {
    {"Trades", "trades", "count", Plain},
    {"Win rate (%)", "trades", "win_rate_pct", PercentLabel},
    {"Expectancy (% per trade)", "trades", "expectancy_pct", PercentLabel},
    {"P&L (quote, after fees)", "trades", "total_pnl_quote", Plain},
    {"Profit factor", "trades", "profit_factor", Plain},
    {"Sharpe (daily returns)", "returns", "sharpe", Plain},
    {"Max drawdown", "returns", "max_drawdown", Fine},
    {"Calibration error (ECE)", "calibration", "ece", Fine},
};

// Matplotlib's ten-colour cycle, one per scope in turn.
constexpr const char* kPalette[] = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
                                    "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"};

// A figure as a number for a chart: NaN when it is none or not a number.
double ChartValue(const nlohmann::ordered_json& figure) {
  return figure.is_number() ? figure.get<double>() : std::numeric_limits<double>::quiet_NaN();
}

}  // namespace

nlohmann::ordered_json SnapshotFigure(const nlohmann::ordered_json& metrics, const char* section,
                                      const char* key) {
  if (!metrics.contains(section) || !metrics[section].is_object() ||
      !metrics[section].contains(key)) {
    return nullptr;
  }
  return metrics[section][key];
}

std::vector<std::string> SnapshotHeaders() {
  std::vector<std::string> headers = {"taken at", "scope", "window"};
  for (const FigureColumn& c : kTableFigures) headers.emplace_back(c.header);
  return headers;
}

std::vector<std::pair<std::string, std::string>> SnapshotCells(const nlohmann::ordered_json& row) {
  std::vector<std::pair<std::string, std::string>> cells = {
      {"taken at", row["taken_at"].get<std::string>()},
      {"scope", row["scope"].get<std::string>()},
      {"window", row["window"].get<std::string>()}};
  const nlohmann::ordered_json& metrics = row["metrics"];
  for (const FigureColumn& c : kTableFigures) {
    cells.emplace_back(c.header, FigureText(SnapshotFigure(metrics, c.section, c.key), c.spec));
  }
  return cells;
}

std::string SnapshotsReportHtml(const nlohmann::ordered_json& rows, std::string_view window,
                                UnixNanos at) {
  // The rows of the window, and its scopes: overall first, then by name.
  std::vector<const nlohmann::ordered_json*> of_window;
  std::vector<std::string> scopes;
  for (const nlohmann::ordered_json& row : rows) {
    if (row["window"] != window) continue;
    of_window.push_back(&row);
    const std::string scope = row["scope"].get<std::string>();
    if (std::find(scopes.begin(), scopes.end(), scope) == scopes.end()) scopes.push_back(scope);
  }
  std::sort(scopes.begin(), scopes.end(), [](const std::string& a, const std::string& b) {
    const bool a_overall = a == kOverallScope, b_overall = b == kOverallScope;
    return a_overall != b_overall ? a_overall : a < b;
  });
  std::string html = HtmlPageStart("Pulse performance snapshots");
  html += "<h1>Performance snapshots</h1>\n";
  html += fmt::format(
      "<p>Window <b>{}</b>, {} scope(s), the snapshots taken up to {}. A figure stands until a "
      "snapshot changes it.</p>\n",
      HtmlEscape(std::string(window)), scopes.size(), FormatIso8601(at));
  if (of_window.empty()) {
    html += fmt::format("<p>No snapshots of the window {} in this period.</p>\n",
                        HtmlEscape(std::string(window)));
    return html + HtmlPageEnd();
  }
  // The times a row was taken (each row's time parsed once), and each scope's row in effect
  // at each of them.
  std::vector<UnixNanos> times;
  std::map<std::string, std::vector<const nlohmann::ordered_json*>> in_effect;
  for (const nlohmann::ordered_json* row : of_window) {
    const UnixNanos t = *ParseIso8601((*row)["taken_at"].get<std::string>());
    if (times.empty() || times.back() != t) times.push_back(t);
    std::vector<const nlohmann::ordered_json*>& at_time =
        in_effect[(*row)["scope"].get<std::string>()];
    at_time.resize(times.size(), nullptr);
    at_time.back() = row;
  }
  for (auto& [scope, at_time] : in_effect) {
    // Each row stands until the scope's next one, and the last to the end.
    at_time.resize(times.size(), nullptr);
    for (std::size_t i = 1; i < at_time.size(); ++i) {
      if (at_time[i] == nullptr) at_time[i] = at_time[i - 1];
    }
  }
  for (const FigureChart& chart : kCharts) {
    std::vector<std::vector<double>> values(scopes.size());
    std::vector<ChartLine> lines;
    for (std::size_t s = 0; s < scopes.size(); ++s) {
      for (const nlohmann::ordered_json* row : in_effect[scopes[s]]) {
        values[s].push_back(row == nullptr ? std::numeric_limits<double>::quiet_NaN()
                                           : ChartValue(SnapshotFigure((*row)["metrics"],
                                                                       chart.section, chart.key)));
      }
    }
    for (std::size_t s = 0; s < scopes.size(); ++s) {
      lines.push_back({scopes[s], &values[s], kPalette[s % std::size(kPalette)]});
    }
    html += LineChart(chart.title, times, lines, chart.label);
  }
  // The newest row of each scope.
  nlohmann::ordered_json table = nlohmann::ordered_json::array();
  for (const std::string& scope : scopes) {
    nlohmann::ordered_json cells = nlohmann::ordered_json::object();
    for (auto& [header, text] : SnapshotCells(*in_effect[scope].back())) cells[header] = text;
    table.push_back(std::move(cells));
  }
  html += "<h2>The newest of each scope</h2>\n" + HtmlTable(table);
  return html + HtmlPageEnd();
}

}  // namespace pulse::app
