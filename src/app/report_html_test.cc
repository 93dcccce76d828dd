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

TEST(ReportHtmlTest, HeadlineNumbersAndTones) {
  EXPECT_EQ(HeadlineNumber(nlohmann::json(1234.5678), 2, " %", true), "+1,234.57 %");
  EXPECT_EQ(HeadlineNumber(nlohmann::json(-0.104), 2, " %", true), "-0.10 %");
  EXPECT_EQ(HeadlineNumber(nlohmann::json(0.001), 2, " %", true), "0.00 %");  // no "+0.00"
  EXPECT_EQ(HeadlineNumber(nlohmann::json(20), 0), "20");
  EXPECT_EQ(HeadlineNumber(nlohmann::json(nullptr), 2, " %"), "-");
  EXPECT_EQ(HeadlineNumber(nlohmann::json("x"), 2), "-");
  EXPECT_EQ(ToneAgainst(nlohmann::json(2.31), 1), HeadlineTone::kGood);
  EXPECT_EQ(ToneAgainst(nlohmann::json(0.9), 1), HeadlineTone::kBad);
  EXPECT_EQ(ToneAgainst(nlohmann::json(1), 1), HeadlineTone::kPlain);
  EXPECT_EQ(ToneAgainst(nlohmann::json(nullptr)), HeadlineTone::kPlain);

  const std::vector<HeadlineFigure> figures = {{"P&L", "+5", "a <b>", HeadlineTone::kGood},
                                               {"Light", "red", "", HeadlineTone::kBad},
                                               {"Trades", "3", "", HeadlineTone::kPlain}};
  EXPECT_EQ(HeadlineHtml(figures),
            "<div class=\"headline\">"
            "<div class=\"figure\"><div class=\"label\">P&amp;L</div><div class=\"value "
            "good\">+5</div><div class=\"detail\">a &lt;b&gt;</div></div>"
            "<div class=\"figure\"><div class=\"label\">Light</div><div class=\"value "
            "bad\">red</div><div class=\"detail\"></div></div>"
            "<div class=\"figure\"><div class=\"label\">Trades</div><div "
            "class=\"value\">3</div><div class=\"detail\"></div></div></div>\n");
}

TEST(ReportHtmlTest, TradeAndReturnHeadlinesTakeTheirFiguresFromTheJson) {
  const nlohmann::ordered_json trades = {{"count", 20},
                                         {"wins", 9},
                                         {"losses", 11},
                                         {"breakevens", 0},
                                         {"win_rate_pct", 45},
                                         {"win_rate_low_pct", 25.82},
                                         {"win_rate_high_pct", 65.79},
                                         {"expectancy_pct", 0.8544},
                                         {"expectancy_p_value", 0.07417},
                                         {"payoff_ratio", 2.821},
                                         {"profit_factor", 2.308}};
  const std::vector<HeadlineFigure> t = TradeHeadline(trades);
  ASSERT_EQ(t.size(), 4u);
  EXPECT_EQ(t[0].value, "20");
  EXPECT_EQ(t[0].detail, "9 won, 11 lost, 0 even");
  EXPECT_EQ(t[1].value, "45.0 %");
  EXPECT_EQ(t[1].detail, "95 %: 25.8 to 65.8 %");
  EXPECT_EQ(t[2].value, "2.31");
  EXPECT_EQ(t[2].tone, HeadlineTone::kGood);
  EXPECT_EQ(t[3].value, "+0.85 %");
  EXPECT_EQ(t[3].detail, "a trade; p-value of above 0: 0.074");

  // No losing trade: the profit factor is infinite (null in the JSON) and says so.
  nlohmann::ordered_json winners = trades;
  winners["losses"] = 0;
  winners["profit_factor"] = nullptr;
  EXPECT_EQ(TradeHeadline(winners)[2].value, "no loss");
  // No trade at all: every figure is "-", none coloured.
  const std::vector<HeadlineFigure> none = TradeHeadline(
      {{"count", 0}, {"wins", 0}, {"losses", 0}, {"breakevens", 0}, {"win_rate_pct", nullptr}});
  EXPECT_EQ(none[1].value, "-");
  EXPECT_EQ(none[2].value, "-");
  EXPECT_EQ(none[2].tone, HeadlineTone::kPlain);

  const std::vector<HeadlineFigure> r =
      ReturnsHeadline({{"max_drawdown", -0.0227}, {"sharpe", -0.031}, {"sortino", -0.04}});
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[0].value, "-2.27 %");  // a fraction in the JSON, percent in the headline
  EXPECT_EQ(r[1].value, "-0.03");
  EXPECT_EQ(r[1].tone, HeadlineTone::kBad);
  EXPECT_EQ(r[1].detail, "of the daily returns, annualised; Sortino -0.04");
  EXPECT_TRUE(ReturnsHeadline(nullptr).empty());
}

TEST(ReportHtmlTest, SectionIndexLinksEveryHeadingByAUniqueId) {
  const std::string page =
      "<h1>Report</h1>\n<p>intro</p><h2>By exit_reason</h2>a<h2>Monte Carlo</h2>b"
      "<h2>Monte Carlo</h2>c<h2>Monte Carlo 2</h2>d<h2>%%</h2>e";
  EXPECT_EQ(WithSectionIndex(page),
            "<h1>Report</h1>\n<p>intro</p><nav class=\"index\"><ol>"
            "<li><a href=\"#by-exit-reason\">By exit_reason</a></li>"
            "<li><a href=\"#monte-carlo\">Monte Carlo</a></li>"
            "<li><a href=\"#monte-carlo-2\">Monte Carlo</a></li>"
            "<li><a href=\"#monte-carlo-2-2\">Monte Carlo 2</a></li>"
            "<li><a href=\"#section\">%%</a></li></ol></nav>\n"
            "<h2 id=\"by-exit-reason\">By exit_reason</h2>a<h2 id=\"monte-carlo\">Monte "
            "Carlo</h2>b<h2 id=\"monte-carlo-2\">Monte Carlo</h2>c<h2 "
            "id=\"monte-carlo-2-2\">Monte Carlo 2</h2>d<h2 id=\"section\">%%</h2>e");
  EXPECT_EQ(WithSectionIndex("<h1>x</h1><p>no sections</p>"), "<h1>x</h1><p>no sections</p>");
}

}  // namespace
}  // namespace pulse::app
