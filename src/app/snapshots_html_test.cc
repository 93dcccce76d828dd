#include "app/snapshots_html.h"

#include <gtest/gtest.h>

#include <regex>
#include <sstream>
#include <string>
#include <vector>

namespace pulse::app {
namespace {

using nlohmann::ordered_json;

ordered_json Row(const char* at, const char* scope, const char* window, ordered_json win_rate,
                 int count) {
  return {{"taken_at", at},
          {"scope", scope},
          {"window", window},
          {"metrics",
           {{"trades", {{"count", count}, {"win_rate_pct", win_rate}, {"profit_factor", 1.5}}},
            {"calibration", {{"ece", 0.05}}},
            {"returns", {{"sharpe", 1.25}, {"max_drawdown", -0.02}}}}}};
}

// The SVG of the chart titled `title` in `html`.
std::string ChartSvg(const std::string& html, const std::string& title) {
  const std::size_t at = html.find("<h3>" + title + "</h3><svg");
  if (at == std::string::npos) return "";
  return html.substr(at, html.find("</svg>", at) - at);
}

// Each polyline's points of `svg` as (x, y) pairs, in order.
std::vector<std::vector<std::pair<double, double>>> Polylines(const std::string& svg) {
  std::vector<std::vector<std::pair<double, double>>> lines;
  const std::regex points("<polyline class=\"line\"[^>]*points=\"([^\"]*)\"");
  for (auto it = std::sregex_iterator(svg.begin(), svg.end(), points); it != std::sregex_iterator();
       ++it) {
    std::istringstream in((*it)[1].str());
    std::string p;
    lines.emplace_back();
    while (in >> p) {
      lines.back().emplace_back(std::stod(p.substr(0, p.find(','))),
                                std::stod(p.substr(p.find(',') + 1)));
    }
  }
  return lines;
}

std::vector<std::string> Legend(const std::string& svg) {
  std::vector<std::string> names;
  const std::regex legend("<text class=\"legend\"[^>]*>([^<]*)</text>");
  for (auto it = std::sregex_iterator(svg.begin(), svg.end(), legend); it != std::sregex_iterator();
       ++it) {
    names.push_back((*it)[1]);
  }
  return names;
}

// Three times a day apart: overall at each, symbol:BTCUSDT at the first and the third (its
// figures stand in between), source:theory:rsi from the second (none before it) with no win
// rate at the third; a 7d row that the 30d page leaves out.
ordered_json History() {
  return ordered_json::array({
      Row("2021-05-01T00:00:00Z", "symbol:BTCUSDT", "30d", 40.0, 5),
      Row("2021-05-01T00:00:00Z", "overall", "30d", 50.0, 10),
      Row("2021-05-01T00:00:00Z", "overall", "7d", 99.0, 3),
      Row("2021-05-02T00:00:00Z", "overall", "30d", 60.0, 12),
      Row("2021-05-02T00:00:00Z", "source:theory:rsi", "30d", 70.0, 2),
      Row("2021-05-03T00:00:00Z", "overall", "30d", 55.0, 14),
      Row("2021-05-03T00:00:00Z", "symbol:BTCUSDT", "30d", 45.0, 6),
      Row("2021-05-03T00:00:00Z", "source:theory:rsi", "30d", nullptr, 3),
  });
}

TEST(SnapshotsHtmlTest, EachFigureOverTimeWithALinePerScope) {
  const std::string html =
      SnapshotsReportHtml(History(), "30d", *ParseIso8601("2021-05-03T12:00:00Z"));
  for (const char* title : {"Trades", "Win rate (%)", "Profit factor", "Sharpe (daily returns)",
                            "Max drawdown", "Calibration error (ECE)"}) {
    EXPECT_NE(html.find("<h3>" + std::string(title) + "</h3>"), std::string::npos) << title;
  }
  // Figures no snapshot has: said instead of drawn.
  EXPECT_NE(html.find("<p>Expectancy (% per trade): not enough points</p>"), std::string::npos);
  EXPECT_NE(html.find("<p>P&amp;L (quote, after fees): not enough points</p>"), std::string::npos);
  EXPECT_NE(html.find("Window <b>30d</b>, 3 scope(s), the snapshots taken up to "
                      "2021-05-03T12:00:00Z"),
            std::string::npos);
  const std::string win = ChartSvg(html, "Win rate (%)");
  ASSERT_FALSE(win.empty());
  EXPECT_EQ(Legend(win),
            (std::vector<std::string>{"overall", "source:theory:rsi", "symbol:BTCUSDT"}));
  // Win rates 40 .. 70 over y 200 .. 10 (the 7d row's 99 is not drawn); days at x 90, 490, 890.
  auto y_of = [](double v) { return (70 - v) / 30 * 190 + 10; };
  EXPECT_NE(win.find(">70.00%</text>"), std::string::npos);
  EXPECT_NE(win.find(">40.00%</text>"), std::string::npos);
  const auto lines = Polylines(win);
  ASSERT_EQ(lines.size(), 2u);     // rsi is a lone dot (no win rate at the third time)
  ASSERT_EQ(lines[0].size(), 3u);  // overall
  EXPECT_NEAR(lines[0][1].second, y_of(60), 0.05);
  ASSERT_EQ(lines[1].size(), 3u);  // BTCUSDT: its first row stands on the second day
  EXPECT_DOUBLE_EQ(lines[1][1].first, 490.0);
  EXPECT_NEAR(lines[1][1].second, y_of(40), 0.05);
  EXPECT_NEAR(lines[1][2].second, y_of(45), 0.05);
  const std::regex dot("<circle class=\"dot\" cx=\"([0-9.]+)\" cy=\"([0-9.]+)\"");
  std::smatch m;
  ASSERT_TRUE(std::regex_search(win, m, dot));
  EXPECT_DOUBLE_EQ(std::stod(m[1]), 490.0);
  EXPECT_NEAR(std::stod(m[2]), y_of(70), 0.05);
  // The trades chart has every scope's line, rsi's from the second day.
  const auto trades = Polylines(ChartSvg(html, "Trades"));
  ASSERT_EQ(trades.size(), 3u);
  EXPECT_DOUBLE_EQ(trades[1].front().first, 490.0);
  // The newest row of each scope, in the table.
  EXPECT_NE(html.find("<td>2021-05-03T00:00:00Z</td><td>source:theory:rsi</td><td>30d</td>"
                      "<td>3</td><td>-</td>"),
            std::string::npos);
}

TEST(SnapshotsHtmlTest, AWindowWithoutRowsIsNamed) {
  const std::string html = SnapshotsReportHtml(History(), "day", 0);
  EXPECT_NE(html.find("No snapshots of the window day in this period."), std::string::npos);
  EXPECT_EQ(html.find("<svg"), std::string::npos);
}

TEST(SnapshotsHtmlTest, TheTableCellsFollowTheHeaders) {
  const ordered_json row = History()[1];
  const auto cells = SnapshotCells(row);
  const std::vector<std::string> headers = SnapshotHeaders();
  ASSERT_EQ(cells.size(), headers.size());
  for (std::size_t i = 0; i < cells.size(); ++i) EXPECT_EQ(cells[i].first, headers[i]);
  EXPECT_EQ(cells[0].second, "2021-05-01T00:00:00Z");
  EXPECT_EQ(cells[3].second, "10");      // trades
  EXPECT_EQ(cells[4].second, "50.00");   // win rate %
  EXPECT_EQ(cells[5].second, "1.50");    // profit factor
  EXPECT_EQ(cells[6].second, "-");       // expectancy: not in this snapshot
  EXPECT_EQ(cells[8].second, "0.0500");  // ECE
  EXPECT_EQ(cells[10].second, "1.25");   // Sharpe
}

}  // namespace
}  // namespace pulse::app
