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
