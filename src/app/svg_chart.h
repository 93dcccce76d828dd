// SVG charts for the static HTML reports: lines over time, a band of states over time (the
// traffic light), a reliability diagram (calibration) and a histogram. Each function returns
// "<h3>title</h3><svg ...>...</svg>\n" and, when a note is given, a "<p class=\"note\">"
// paragraph under it. Charts over time share one plot area, so a band drawn under a line chart
// lines up with it. Pure functions; thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/time.h"

namespace pulse::app {

// `text` with <, >, & and " written as HTML entities.
std::string HtmlEscape(std::string_view text);

// The plot area of every chart, in SVG pixels: labels left of it and under it.
struct ChartArea {
  static constexpr int kWidth = 900;
  static constexpr int kLeft = 90;
  static constexpr int kTop = 10;
  static constexpr int kPlotWidth = kWidth - kLeft - 10;
  static constexpr int kPlotHeight = 190;
};

// One line of a line chart: its values over the chart's times, its colour and, when the chart
// has more than one line, its name in the legend.
struct ChartLine {
  std::string name;
  const std::vector<double>* values = nullptr;
  const char* colour = "#1f77b4";
};

// A line chart of `lines` over `times` (each thinned by MinMaxThin to at most 1200 points), the
// highest and the lowest value of all written by `label` at the top and the bottom of the y
// axis, the first, middle and last time under the x axis and, when there are several lines,
// their names in rows under it (the chart grows by a row's height for each). A value that is not
// finite (NaN: none at that time) leaves a gap: each stretch of finite values is its own polyline,
// a lone one a dot.
std::string LineChart(const std::string& title, const std::vector<UnixNanos>& times,
                      const std::vector<ChartLine>& lines,
                      const std::function<std::string(double)>& label,
                      const std::string& note = "");

// One stretch of a state band: the state `name` held over [from, to), drawn in `colour`.
struct BandSegment {
  UnixNanos from = 0;
  UnixNanos to = 0;
  std::string name;
  const char* colour = "#2ca02c";
};

// A band across [start, end] on the time axis of LineChart, one rectangle per segment (clipped
// to the span; empty ones left out), with a legend of each state's share of the span in the
// order the states first appear ("green 96.5 %").
std::string StateBandChart(const std::string& title, UnixNanos start, UnixNanos end,
                           const std::vector<BandSegment>& segments, const std::string& note = "");

// One bin of a reliability diagram: the mean confidence of its predictions, how often they were
// right, and how many there were.
struct ReliabilityPoint {
  double mean_confidence = 0;
  double hit_rate = 0;
  std::int64_t count = 0;
};

// Hit rate against mean confidence, both on 0..1 with gridlines every 0.1, the diagonal of a
// perfectly calibrated source, and one circle per bin whose area grows with its count (radius
// 3 + 9 * sqrt(count / largest count)), its count written beside it.
std::string ReliabilityChart(const std::string& title, const std::vector<ReliabilityPoint>& points,
                             const std::string& note = "");

// One cell of a heatmap: its row and column, the value its colour shows, its tooltip and the
// text written in it (none when empty).
struct HeatCell {
  int row = 0;
  int column = 0;
  double value = 0;
  std::string tip;
  std::string label;
};

// A grid of rows x columns cells of equal size across the plot's width (22 pixels high), row
// names left of it and column names above; each given cell filled green above 0, red below and
// grey at 0, its opacity 0.15 + 0.85 |value| / the largest |value|; cells not given stay blank.
// Cells outside the grid are left out.
std::string HeatmapChart(const std::string& title, const std::vector<std::string>& row_names,
                         const std::vector<std::string>& column_names,
                         const std::vector<HeatCell>& cells, const std::string& note = "");

// One bar of a histogram: [lower, upper) holding `count`, drawn in `colour`. An open bin also
// holds the values beyond its outer edge (below the first bin's lower, above the last's upper).
struct HistogramBin {
  double lower = 0;
  double upper = 0;
  std::int64_t count = 0;
  const char* colour = "#1f77b4";
  bool open = false;
};

// Bars over adjacent bins (x from the first bin's lower to the last bin's upper edge, y from 0
// to the largest count), the largest count on the y axis and the outer edges and 0 (when inside)
// written by `label` under the x axis.
std::string HistogramChart(const std::string& title, const std::vector<HistogramBin>& bins,
                           const std::function<std::string(double)>& label,
                           const std::string& note = "");

// The indices of `values` to draw when there are more than `max_points` (at least 4): the
// points between the first and the last are cut into (max_points - 2) / 2 buckets of equal
// count, and each bucket keeps its lowest and its highest point, so the line still reaches the
// series' extremes; the first and the last point are always kept. Ascending; all indices when
// the series is short enough.
std::vector<std::size_t> MinMaxThin(const std::vector<double>& values, std::size_t max_points);

// Bins of equal width for `values` (NaN and infinities left out): the width is the smallest of
// 1, 2 or 5 times a power of ten that cuts the range into at most `max_bins` bins, and the edges
// are multiples of it (so 0 is an edge). The range is that of the values, or with `tail` > 0
// from the `tail` to the 1 - `tail` quantile (nearest rank), the values beyond it counted in
// the first or last bin, which is then open. Empty for no values; one bin of width 1 around a
// single repeated value.
std::vector<HistogramBin> EqualWidthBins(const std::vector<double>& values, int max_bins,
                                         double tail = 0);

// How many bins suit `n` values: 2 sqrt(n) rounded up, within 5 .. 40.
int SuggestedBinCount(std::size_t n);

}  // namespace pulse::app
