#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <sstream>

#include "app/backtest_report.h"

namespace pulse::app {
namespace {

// The drawn pieces of one chart of the page.
struct Chart {
  std::string y_max, y_min;
  std::vector<std::string> x_labels;
  std::vector<std::pair<double, double>> points;
  std::string note;
};

std::string Between(const std::string& text, std::size_t from, const std::string& open,
                    const std::string& close, std::size_t* end = nullptr) {
  std::size_t a = text.find(open, from);
  if (a == std::string::npos) return "";
  a += open.size();
  const std::size_t b = text.find(close, a);
  if (end != nullptr) *end = b;
  return text.substr(a, b - a);
}

Chart ParseChart(const std::string& html, const std::string& title) {
  Chart chart;
  const std::size_t at = html.find("<h3>" + title + "</h3><svg");
  if (at == std::string::npos) return chart;
  const std::size_t svg_end = html.find("</svg>", at);
  const std::string svg = html.substr(at, svg_end - at);
  chart.y_max = Between(Between(svg, 0, "class=\"y-max\"", "</text>") + "<", 0, ">", "<");
  chart.y_min = Between(Between(svg, 0, "class=\"y-min\"", "</text>") + "<", 0, ">", "<");
  for (std::size_t pos = svg.find("class=\"x-label\""); pos != std::string::npos;
       pos = svg.find("class=\"x-label\"", pos + 1)) {
    chart.x_labels.push_back(Between(svg, pos, ">", "</text>"));
  }
  std::istringstream points(Between(svg, 0, "points=\"", "\""));
  std::string point;
  while (points >> point) {
    const std::size_t comma = point.find(',');
    chart.points.emplace_back(std::stod(point.substr(0, comma)),
                              std::stod(point.substr(comma + 1)));
  }
  if (html.compare(svg_end, 22, "</svg>\n<p class=\"note\"") == 0) {
    chart.note = Between(html, svg_end, "<p class=\"note\">", "</p>");
  }
  return chart;
}

double MinY(const Chart& c) {
  double y = 1e9;
  for (const auto& p : c.points) y = std::min(y, p.second);
  return y;
}
double MaxY(const Chart& c) {
  double y = -1e9;
  for (const auto& p : c.points) y = std::max(y, p.second);
  return y;
}

TEST(BacktestHtmlTest, ChartsReachTheLabelledExtremesAndNameTheirTimes) {
  BacktestRun run;
  run.start = *ParseIso8601("2021-01-01T00:00:00Z");
  run.starting_balance = 10000;
  constexpr int kPoints = 5000;
  for (int i = 1; i <= kPoints; ++i) {
    EquityPoint p;
    p.time = run.start + i * FromSeconds(300);
    p.equity = 10000 + 50 * std::sin(i / 40.0);
    if (i == 2501) p.equity = 10500;  // the peak, on one bar only
    if (i == 3777) p.equity = 9300;   // the trough
    if (i == kPoints) p.equity = 10030.12;
    p.cash = p.equity;
    run.equity.push_back(p);
  }
  run.end = run.equity.back().time;
  run.portfolio.equity = 10030.12;
  run.prices = {{"BTCUSDT", {run.start, 100}, {{run.end, 110}}}};  // the market: one close
  Result<nlohmann::ordered_json> report = BacktestReportJson(run, MonteCarloSettings{});
  ASSERT_TRUE(report.ok()) << report.status();
  const std::string html = BacktestReportHtml(*report, run);

  const Chart equity = ParseChart(html, "Equity (quote currency)");
  EXPECT_EQ(equity.y_max, "10,500.00");
  EXPECT_EQ(equity.y_min, "9,300.00");
  ASSERT_GT(equity.points.size(), 1000u);
  EXPECT_LE(equity.points.size(), 1200u);
  EXPECT_DOUBLE_EQ(MinY(equity), 10.0);   // the top of the plot: the labelled maximum
  EXPECT_DOUBLE_EQ(MaxY(equity), 200.0);  // its bottom: the labelled minimum
  EXPECT_DOUBLE_EQ(equity.points.front().first, 90.0);
  EXPECT_DOUBLE_EQ(equity.points.back().first, 890.0);
  // The last point is drawn where its value belongs: 10030.12 between 9300 and 10500.
  EXPECT_NEAR(equity.points.back().second, 10 + (10500 - 10030.12) / 1200 * 190, 0.06);
  EXPECT_EQ(equity.x_labels, (std::vector<std::string>{"2021-01-01", "2021-01-09", "2021-01-18"}));
  EXPECT_EQ(equity.note, "");

  const Chart drawdown = ParseChart(html, "Drawdown (%)");
  EXPECT_EQ(drawdown.y_max, "0.00%");
  EXPECT_EQ(drawdown.y_min, "-11.43%");  // 9300 / 10500 - 1
  EXPECT_DOUBLE_EQ(MinY(drawdown), 10.0);
  EXPECT_DOUBLE_EQ(MaxY(drawdown), 200.0);
  EXPECT_EQ(drawdown.x_labels, equity.x_labels);
  EXPECT_NE(drawdown.note.find("every bar close"), std::string::npos) << drawdown.note;
  EXPECT_NE(drawdown.note.find("daily closes"), std::string::npos) << drawdown.note;
  EXPECT_EQ(html.find("e+0"), std::string::npos);  // no exponent notation anywhere
}

}  // namespace
}  // namespace pulse::app
