#include "app/svg_chart.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

namespace pulse::app {
namespace {

using Attributes = std::map<std::string, std::string>;

// The attributes of every `<tag class="css_class" ...>` element of `svg`, in order.
std::vector<Attributes> Elements(const std::string& svg, const std::string& tag,
                                 const std::string& css_class) {
  std::vector<Attributes> found;
  const std::regex element("<" + tag + " class=\"" + css_class + "\"([^>]*)>");
  const std::regex attribute("([a-z0-9-]+)=\"([^\"]*)\"");
  for (auto it = std::sregex_iterator(svg.begin(), svg.end(), element);
       it != std::sregex_iterator(); ++it) {
    Attributes a;
    const std::string inside = (*it)[1];
    for (auto at = std::sregex_iterator(inside.begin(), inside.end(), attribute);
         at != std::sregex_iterator(); ++at) {
      a[(*at)[1]] = (*at)[2];
    }
    found.push_back(std::move(a));
  }
  return found;
}

// The texts of every `<text class="css_class" ...>` element of `svg`, in order.
std::vector<std::string> Texts(const std::string& svg, const std::string& css_class) {
  std::vector<std::string> texts;
  const std::regex element("<text class=\"" + css_class + "\"[^>]*>([^<]*)</text>");
  for (auto it = std::sregex_iterator(svg.begin(), svg.end(), element);
       it != std::sregex_iterator(); ++it) {
    texts.push_back((*it)[1]);
  }
  return texts;
}

double Number(const Attributes& a, const std::string& key) { return std::stod(a.at(key)); }

std::string Percent(double v) { return std::to_string(static_cast<int>(std::lround(v))) + "%"; }

TEST(SvgChartTest, MinMaxThinKeepsTheExtremesAndBothEnds) {
  std::vector<double> values(10);
  for (std::size_t i = 0; i < values.size(); ++i) values[i] = static_cast<double>(i);
  EXPECT_EQ(MinMaxThin(values, 10).size(), 10u);  // short enough: everything

  values.assign(10001, 0.0);
  for (std::size_t i = 0; i < values.size(); ++i) values[i] = std::sin(i / 50.0);
  values[4321] = 7;   // a single-point peak
  values[7777] = -9;  // and trough
  values[10000] = 3;  // a last point unlike its neighbours
  const std::vector<std::size_t> kept = MinMaxThin(values, 1200);
  EXPECT_LE(kept.size(), 1200u);
  EXPECT_GT(kept.size(), 1000u);
  EXPECT_TRUE(std::is_sorted(kept.begin(), kept.end()));
  EXPECT_EQ(std::adjacent_find(kept.begin(), kept.end()), kept.end());  // no repeats
  EXPECT_EQ(kept.front(), 0u);
  EXPECT_EQ(kept.back(), 10000u);
  EXPECT_NE(std::find(kept.begin(), kept.end(), 4321u), kept.end());
  EXPECT_NE(std::find(kept.begin(), kept.end(), 7777u), kept.end());
}

TEST(SvgChartTest, EqualWidthBinsUseRoundWidthsWithZeroOnAnEdge) {
  // Range 6 in at most 10 bins: 0.5 would need 13, so 1 it is, from -3 to 4.
  std::vector<HistogramBin> bins = EqualWidthBins({-2.3, -0.4, 0.1, 1.9, 3.7}, 10);
  ASSERT_EQ(bins.size(), 7u);
  const std::vector<std::int64_t> counts = {1, 0, 1, 1, 1, 0, 1};
  for (std::size_t i = 0; i < bins.size(); ++i) {
    EXPECT_DOUBLE_EQ(bins[i].lower, -3.0 + static_cast<double>(i)) << i;
    EXPECT_DOUBLE_EQ(bins[i].upper, -2.0 + static_cast<double>(i)) << i;
    EXPECT_EQ(bins[i].count, counts[i]) << i;
  }
  // A value on an edge opens the bin above it; NaN is not counted.
  bins = EqualWidthBins({0.0, 2.0, 5.0, std::nan("")}, 10);
  ASSERT_EQ(bins.size(), 6u);  // width 1: 0 .. 6
  EXPECT_EQ(bins[0].count, 1);
  EXPECT_EQ(bins[2].count, 1);
  EXPECT_EQ(bins[5].count, 1);
  EXPECT_DOUBLE_EQ(bins[5].lower, 5.0);
  // 0.5 .. 0.7 in one bin: width 0.5, [0.5, 1).
  bins = EqualWidthBins({0.5, 0.7}, 1);
  ASSERT_EQ(bins.size(), 1u);
  EXPECT_DOUBLE_EQ(bins[0].lower, 0.5);
  EXPECT_DOUBLE_EQ(bins[0].upper, 1.0);
  EXPECT_EQ(bins[0].count, 2);
  // Small values get small widths: 0.013 .. 0.049 in at most 4 bins is width 0.01.
  bins = EqualWidthBins({0.013, 0.049, 0.031}, 4);
  ASSERT_EQ(bins.size(), 4u);
  EXPECT_NEAR(bins[0].lower, 0.01, 1e-15);
  EXPECT_NEAR(bins[3].upper, 0.05, 1e-15);
  // One repeated value: one bin of width 1 around it; nothing: no bins.
  bins = EqualWidthBins({1.5, 1.5}, 10);
  ASSERT_EQ(bins.size(), 1u);
  EXPECT_DOUBLE_EQ(bins[0].lower, 1.0);
  EXPECT_EQ(bins[0].count, 2);
  EXPECT_TRUE(EqualWidthBins({}, 10).empty());
  EXPECT_FALSE(bins[0].open);
}

TEST(SvgChartTest, EqualWidthBinsFoldTheTailsIntoOpenOuterBins) {
  // 100 values 0.00 .. 0.99 and two far outliers; 2 % tails cut at ranks 2 and 99 of 102.
  std::vector<double> values;
  for (int i = 0; i < 100; ++i) values.push_back(i / 100.0);
  values.push_back(-50);
  values.push_back(80);
  std::vector<HistogramBin> bins = EqualWidthBins(values, 10, 0.02);
  ASSERT_EQ(bins.size(), 10u);  // 0.01 .. 0.98 in width 0.1: 0 .. 1
  EXPECT_NEAR(bins.front().lower, 0.0, 1e-15);
  EXPECT_NEAR(bins.back().upper, 1.0, 1e-15);
  EXPECT_TRUE(bins.front().open);
  EXPECT_TRUE(bins.back().open);
  EXPECT_EQ(bins.front().count, 11);  // 0.00 .. 0.09 and -50
  EXPECT_EQ(bins.back().count, 11);   // 0.90 .. 0.99 and 80
  std::int64_t total = 0;
  for (const HistogramBin& b : bins) total += b.count;
  EXPECT_EQ(total, 102);
  // Without tails the outliers set the range.
  bins = EqualWidthBins(values, 10);
  EXPECT_DOUBLE_EQ(bins.front().lower, -60.0);
  EXPECT_FALSE(bins.front().open);
  // The tooltip of an open bin names its open side.
  bins = EqualWidthBins(values, 10, 0.02);
  const std::string svg = HistogramChart("H", bins, Percent);
  EXPECT_NE(svg.find("<title>below 0%: 11</title>"), std::string::npos) << svg;
  EXPECT_NE(svg.find("<title>1% and above: 11</title>"), std::string::npos);
  EXPECT_EQ(SuggestedBinCount(0), 5);
  EXPECT_EQ(SuggestedBinCount(7), 6);
  EXPECT_EQ(SuggestedBinCount(5626), 40);
}

// The (x, y) points of a polyline's `points` attribute.
std::vector<std::pair<double, double>> Points(const Attributes& polyline) {
  std::vector<std::pair<double, double>> out;
  std::istringstream in(polyline.at("points"));
  std::string point;
  while (in >> point) {
    out.emplace_back(std::stod(point.substr(0, point.find(','))),
                     std::stod(point.substr(point.find(',') + 1)));
  }
  return out;
}

TEST(SvgChartTest, LinesLeaveAGapWhereAValueIsMissing) {
  const UnixNanos start = *ParseIso8601("2021-05-01T00:00:00Z");
  std::vector<UnixNanos> times;
  for (int i = 0; i <= 8; ++i) times.push_back(start + i * kNanosPerDay);
  const double none = std::nan("");
  // a: 10, 20, gap, 30 alone, gap, 40 .. 60; b starts on the fifth day and reaches 80.
  const std::vector<double> a = {10, 20, none, 30, none, 40, 50, 55, 60};
  const std::vector<double> b = {none, none, none, none, 70, 80, 75, 72, 71};
  const std::string svg = LineChart("Win rate", times, {{"a", &a, "#111111"}, {"b", &b, "#222222"}},
                                    [](double v) { return Percent(v); });
  const std::vector<Attributes> lines = Elements(svg, "polyline", "line");
  ASSERT_EQ(lines.size(), 3u);
  // The plot runs from x 90 over 800 pixels (100 a day) and from y 10 over 190, 80 to 10.
  auto y_of = [](double v) { return (80 - v) / 70 * 190 + 10; };
  const auto first = Points(lines[0]);
  ASSERT_EQ(first.size(), 2u);
  EXPECT_DOUBLE_EQ(first[0].first, 90.0);
  EXPECT_NEAR(first[1].second, y_of(20), 0.05);
  const auto second = Points(lines[1]);
  ASSERT_EQ(second.size(), 4u);
  EXPECT_DOUBLE_EQ(second[0].first, 590.0);
  EXPECT_DOUBLE_EQ(second[3].first, 890.0);
  EXPECT_EQ(lines[1].at("stroke"), "#111111");
  const auto third = Points(lines[2]);
  ASSERT_EQ(third.size(), 5u);
  EXPECT_DOUBLE_EQ(third[0].first, 490.0);
  EXPECT_NEAR(third[1].second, 10.0, 0.05);  // b's 80 is the top
  EXPECT_EQ(lines[2].at("stroke"), "#222222");
  const std::vector<Attributes> dots = Elements(svg, "circle", "dot");
  ASSERT_EQ(dots.size(), 1u);
  EXPECT_DOUBLE_EQ(Number(dots[0], "cx"), 390.0);
  EXPECT_NEAR(Number(dots[0], "cy"), y_of(30), 0.05);
  EXPECT_EQ(Texts(svg, "y-max"), std::vector<std::string>{"80%"});
  EXPECT_EQ(Texts(svg, "y-min"), std::vector<std::string>{"10%"});
  EXPECT_EQ(Texts(svg, "legend"), (std::vector<std::string>{"a", "b"}));
  // The names in a row under the dates (x labels at y 216), the chart a row taller.
  const std::vector<Attributes> legend = Elements(svg, "text", "legend");
  ASSERT_EQ(legend.size(), 2u);
  EXPECT_DOUBLE_EQ(Number(legend[0], "x"), 90.0);
  EXPECT_DOUBLE_EQ(Number(legend[0], "y"), 236.0);
  EXPECT_DOUBLE_EQ(Number(legend[1], "x"), 109.0);  // after "a": 12 + 7 per character
  EXPECT_NE(svg.find("<svg width=\"900\" height=\"254\""), std::string::npos);
  // Names that do not fit in a row wrap to the next.
  const std::string wide(60, 'w');
  const std::string wrapped = LineChart("Wide", times, {{wide, &a}, {wide, &b}, {"c", &a}},
                                        [](double v) { return Percent(v); });
  const std::vector<Attributes> rows = Elements(wrapped, "text", "legend");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_DOUBLE_EQ(Number(rows[1], "x"), 90.0);  // 90 + 2 x (12 + 7 x 60) passes 890
  EXPECT_DOUBLE_EQ(Number(rows[1], "y"), 250.0);
  EXPECT_DOUBLE_EQ(Number(rows[2], "x"), 90.0 + 12 + 7 * 60);
  EXPECT_DOUBLE_EQ(Number(rows[2], "y"), 250.0);
  EXPECT_NE(wrapped.find("<svg width=\"900\" height=\"268\""), std::string::npos);

  const std::vector<double> nothing(times.size(), none);
  EXPECT_NE(LineChart("Empty", times, {{"a", &nothing}}, [](double v) { return Percent(v); })
                .find("Empty: not enough points"),
            std::string::npos);
}

TEST(SvgChartTest, StateBandDrawsEachSpanOnTheTimeAxisAndItsShare) {
  const UnixNanos start = *ParseIso8601("2021-05-01T00:00:00Z");
  const UnixNanos end = start + 100 * kNanosPerDay;
  const std::string svg =
      StateBandChart("Traffic light", start, end,
                     {{start - kNanosPerDay, start + 25 * kNanosPerDay, "green", "#2ca02c"},
                      {start + 25 * kNanosPerDay, start + 25 * kNanosPerDay, "yellow", "#e6b800"},
                      {start + 25 * kNanosPerDay, end + kNanosPerDay, "red", "#d62728"}},
                     "a note");
  const std::vector<Attributes> rects = Elements(svg, "rect", "band");
  ASSERT_EQ(rects.size(), 2u);  // the empty yellow span is left out
  // The plot runs from x 90 over 800 pixels: a quarter, then the rest (both clipped to the span).
  EXPECT_DOUBLE_EQ(Number(rects[0], "x"), 90.0);
  EXPECT_DOUBLE_EQ(Number(rects[0], "width"), 200.0);
  EXPECT_EQ(rects[0].at("fill"), "#2ca02c");
  EXPECT_DOUBLE_EQ(Number(rects[1], "x"), 290.0);
  EXPECT_DOUBLE_EQ(Number(rects[1], "width"), 600.0);
  EXPECT_EQ(rects[1].at("fill"), "#d62728");
  EXPECT_EQ(Texts(svg, "legend"), (std::vector<std::string>{"green 25.0 %", "red 75.0 %"}));
  EXPECT_EQ(Texts(svg, "x-label"),
            (std::vector<std::string>{"2021-05-01", "2021-06-20", "2021-08-09"}));
  EXPECT_NE(svg.find("<title>red: 2021-05-26T00:00:00Z .. 2021-08-09T00:00:00Z</title>"),
            std::string::npos);
  EXPECT_NE(svg.find("<p class=\"note\">a note</p>"), std::string::npos);
  EXPECT_NE(StateBandChart("Empty", end, start, {}).find("no time to show"), std::string::npos);
}

TEST(SvgChartTest, ReliabilityPlacesEachBinByConfidenceAndHitRate) {
  const std::string svg = ReliabilityChart("Reliability", {{0.75, 0.25, 4}, {0.85, 2.0 / 3, 1}});
  const std::vector<Attributes> circles = Elements(svg, "circle", "bin");
  ASSERT_EQ(circles.size(), 2u);
  // A 300-pixel square from (90, 10): x = 90 + 300 c, y = 310 - 300 h.
  EXPECT_DOUBLE_EQ(Number(circles[0], "cx"), 315.0);
  EXPECT_DOUBLE_EQ(Number(circles[0], "cy"), 235.0);
  EXPECT_DOUBLE_EQ(Number(circles[0], "r"), 12.0);  // the largest bin
  EXPECT_DOUBLE_EQ(Number(circles[1], "cx"), 345.0);
  EXPECT_DOUBLE_EQ(Number(circles[1], "cy"), 110.0);
  EXPECT_DOUBLE_EQ(Number(circles[1], "r"), 7.5);  // 3 + 9 sqrt(1/4)
  EXPECT_EQ(Texts(svg, "count"), (std::vector<std::string>{"4", "1"}));
  // The diagonal runs from (0, 0) to (1, 1).
  const std::vector<Attributes> diagonal = Elements(svg, "line", "diagonal");
  ASSERT_EQ(diagonal.size(), 1u);
  EXPECT_EQ(diagonal[0].at("x1"), "90");
  EXPECT_EQ(diagonal[0].at("y1"), "310");
  EXPECT_EQ(diagonal[0].at("x2"), "390");
  EXPECT_EQ(diagonal[0].at("y2"), "10");
  EXPECT_EQ(Elements(svg, "line", "grid").size(), 18u);
  EXPECT_NE(ReliabilityChart("R", {}).find("no predictions"), std::string::npos);
}

TEST(SvgChartTest, HistogramBarsScaleToTheLargestCount) {
  const std::string svg = HistogramChart(
      "P&L", {{-1, 0, 2, "#d62728"}, {0, 1, 4, "#2ca02c"}, {1, 2, 0, "#2ca02c"}}, Percent);
  const std::vector<Attributes> bars = Elements(svg, "rect", "bar");
  ASSERT_EQ(bars.size(), 2u);  // the empty bin draws nothing
  // x from -1 to 2 over 800 pixels; heights out of 190 for 4.
  EXPECT_NEAR(Number(bars[0], "x"), 90.0, 0.05);
  EXPECT_NEAR(Number(bars[0], "width"), 800.0 / 3, 0.05);
  EXPECT_DOUBLE_EQ(Number(bars[0], "height"), 95.0);
  EXPECT_DOUBLE_EQ(Number(bars[0], "y"), 105.0);
  EXPECT_EQ(bars[0].at("fill"), "#d62728");
  EXPECT_NEAR(Number(bars[1], "x"), 90.0 + 800.0 / 3, 0.05);
  EXPECT_DOUBLE_EQ(Number(bars[1], "height"), 190.0);
  EXPECT_DOUBLE_EQ(Number(bars[1], "y"), 10.0);
  EXPECT_EQ(Texts(svg, "y-max"), (std::vector<std::string>{"4"}));
  EXPECT_EQ(Texts(svg, "x-label"), (std::vector<std::string>{"-1%", "0%", "2%"}));
  EXPECT_NE(svg.find("<title>0% to 1%: 4</title>"), std::string::npos);
  EXPECT_NE(svg.find("<h3>P&amp;L</h3>"), std::string::npos);
  EXPECT_NE(HistogramChart("H", {}, Percent).find("nothing to count"), std::string::npos);
}

TEST(SvgChartTest, HeatmapPlacesEachCellAndScalesItsOpacity) {
  const std::string svg = HeatmapChart("Heat", {"Mon", "Tue"}, {"0", "1", "2", "3"},
                                       {{0, 1, 2.0, "a", "+2"},
                                        {1, 3, -4.0, "b", ""},
                                        {1, 0, 0.0, "c", ""},
                                        {2, 0, 9.0, "outside", "x"}},
                                       "n");
  const std::vector<Attributes> cells = Elements(svg, "rect", "cell");
  ASSERT_EQ(cells.size(), 3u);  // the cell outside the grid is left out
  // Four columns over 800 pixels from x 90; rows of 22 from y 26.
  EXPECT_DOUBLE_EQ(Number(cells[0], "x"), 290.0);
  EXPECT_DOUBLE_EQ(Number(cells[0], "y"), 26.0);
  EXPECT_DOUBLE_EQ(Number(cells[0], "width"), 200.0);
  EXPECT_EQ(cells[0].at("fill"), "#2ca02c");
  EXPECT_DOUBLE_EQ(Number(cells[0], "fill-opacity"), 0.575);  // 0.15 + 0.85 * 2 / 4
  EXPECT_DOUBLE_EQ(Number(cells[1], "x"), 690.0);
  EXPECT_DOUBLE_EQ(Number(cells[1], "y"), 48.0);
  EXPECT_EQ(cells[1].at("fill"), "#d62728");
  EXPECT_DOUBLE_EQ(Number(cells[1], "fill-opacity"), 1.0);
  EXPECT_EQ(cells[2].at("fill"), "#bbbbbb");
  EXPECT_DOUBLE_EQ(Number(cells[2], "fill-opacity"), 0.15);
  EXPECT_EQ(Texts(svg, "row-label"), (std::vector<std::string>{"Mon", "Tue"}));
  EXPECT_EQ(Texts(svg, "column-label"), (std::vector<std::string>{"0", "1", "2", "3"}));
  EXPECT_NE(svg.find("<title>b</title>"), std::string::npos);
  EXPECT_EQ(svg.find("outside"), std::string::npos);
  // A cell's label is written at its centre (column 1 of 200 pixels: x 390; row 0: y 26 + 11 +
  // 4), the others have none.
  const std::vector<Attributes> labels = Elements(svg, "text", "cell-label");
  ASSERT_EQ(labels.size(), 1u);
  EXPECT_DOUBLE_EQ(Number(labels[0], "x"), 390.0);
  EXPECT_DOUBLE_EQ(Number(labels[0], "y"), 41.0);
  EXPECT_EQ(Texts(svg, "cell-label"), (std::vector<std::string>{"+2"}));
  EXPECT_NE(HeatmapChart("H", {}, {"0"}, {}).find("no grid"), std::string::npos);
}

}  // namespace
}  // namespace pulse::app
