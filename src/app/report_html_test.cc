#include "app/report_html.h"

#include <gtest/gtest.h>

namespace pulse::app {
namespace {

TEST(ReportHtmlTest, CellsNeverUseExponents) {
  EXPECT_EQ(HtmlCell(nlohmann::json(5.928e-09)), "0.0000");
  EXPECT_EQ(HtmlCell(nlohmann::json(-3e-09)), "0.0000");  // no "-" on a value that rounds to 0
  EXPECT_EQ(HtmlCell(nlohmann::json(-0.00004)), "0.0000");
  EXPECT_EQ(HtmlCell(nlohmann::json(0.00012345)), "0.0001234");
  EXPECT_EQ(HtmlCell(nlohmann::json(0.12345)), "0.1235");
  EXPECT_EQ(HtmlCell(nlohmann::json(12345.678)), "12,345.68");
  EXPECT_EQ(HtmlCell(nlohmann::json(1e12)), "1,000,000,000,000.00");
  EXPECT_EQ(HtmlCell(nlohmann::json(0.0)), "0.0000");
  EXPECT_EQ(HtmlCell(nlohmann::json(7)), "7");
  EXPECT_EQ(HtmlCell(nlohmann::json(nullptr)), "-");
  EXPECT_EQ(HtmlCell(nlohmann::json("a<b & \"c\"")), "a&lt;b &amp; &quot;c&quot;");
}

// The months as a heatmap of years by months, each month's return in its cell and against the
// market in its tooltip; a month without a figure left blank; then the table.
TEST(ReportHtmlTest, MonthsAsAHeatmapOfYearsByMonths) {
  const nlohmann::ordered_json monthly = {
      {{"month", "2020-12"}, {"account_pct", -1.12}, {"market_pct", 14.62}},
      {{"month", "2021-01"}, {"account_pct", 0.0}, {"market_pct", 74.08}},
      {{"month", "2021-02"}, {"account_pct", nullptr}, {"market_pct", 86.75}},
      {{"month", "2021-03"}, {"account_pct", 2.5}, {"market_pct", nullptr}}};
  const std::string html = MonthsHtml(monthly);
  auto count = [&html](const std::string& what) {
    std::size_t n = 0;
    for (std::size_t at = html.find(what); at != std::string::npos; at = html.find(what, at + 1)) {
      ++n;
    }
    return n;
  };
  EXPECT_EQ(html.rfind("<h3>Months</h3><h3>The account's return by month (%)</h3>", 0), 0u)
      << html.substr(0, 120);
  EXPECT_EQ(count("class=\"row-label\""), 2u);  // 2020, 2021
  EXPECT_NE(html.find(">2020</text>"), std::string::npos);
  EXPECT_NE(html.find(">2021</text>"), std::string::npos);
  EXPECT_EQ(count("class=\"column-label\""), 12u);
  EXPECT_EQ(count("<rect class=\"cell\""), 3u);
  EXPECT_NE(html.find("<title>2020-12: account -1.12 %, market +14.62 %</title>"),
            std::string::npos);
  EXPECT_NE(html.find("<title>2021-03: account +2.50 %, market -</title>"), std::string::npos);
  EXPECT_NE(html.find("pointer-events=\"none\">-1.12</text>"), std::string::npos);
  EXPECT_NE(html.find("pointer-events=\"none\">+0.00</text>"), std::string::npos);
  EXPECT_EQ(html.find("2021-02: account"), std::string::npos);
  EXPECT_NE(html.find("<td>2021-02</td><td>-</td><td>86.75</td>"), std::string::npos);
  // No months: just the table's "none".
  EXPECT_EQ(MonthsHtml(nlohmann::ordered_json::array()), "<h3>Months</h3><p>none</p>\n");
}

TEST(ReportHtmlTest, TablesAndEpisodes) {
  const nlohmann::ordered_json rows = {{{"symbol", "BTCUSDT"}, {"count", 2}},
                                       {{"symbol", "ETHUSDT"}, {"count", 1}}};
  EXPECT_EQ(HtmlTable(rows),
            "<table><tr><th>symbol</th><th>count</th></tr>\n"
            "<tr><td>BTCUSDT</td><td>2</td></tr>\n<tr><td>ETHUSDT</td><td>1</td></tr>\n"
            "</table>\n");
  EXPECT_EQ(HtmlTable(nlohmann::ordered_json::array()), "<p>none</p>\n");
  EXPECT_EQ(HtmlFigures({{"a", 1}, {"nested", {{"b", 2}}}, {"c", "x"}}),
            "<table><tr><th>a</th><td>1</td></tr><tr><th>c</th><td>x</td></tr></table>\n");
  const nlohmann::ordered_json episodes = {
      {{"at", "2021-05-04T08:15:00Z"},
       {"state", "red"},
       {"previous", "green"},
       {"reasons", {"5 consecutive losses >= 5", "drawdown 16% > 15%"}}}};
  EXPECT_NE(ControllerEpisodesTable(episodes).find(
                "<td>2021-05-04T08:15:00Z</td><td>red</td><td>5 consecutive losses &gt;= 5; "
                "drawdown 16% &gt; 15%</td>"),
            std::string::npos);
}

}  // namespace
}  // namespace pulse::app
