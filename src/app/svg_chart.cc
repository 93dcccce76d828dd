// The SVG charts of the HTML reports.
#include "app/svg_chart.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>

#include <fmt/format.h>

namespace pulse::app {

namespace {

constexpr std::size_t kMaxPoints = 1200;
constexpr int kLineChartHeight = 240;
constexpr int kBandHeight = 24;
// The reliability diagram's square plot.
constexpr int kSquare = 300;

// A time on the x axis: the date, with the time of day when the chart spans under two days.
std::string TimeLabel(UnixNanos t, bool with_time) {
  const std::string iso = FormatIso8601(t);  // "2021-04-01T00:00:00Z"
  return with_time ? iso.substr(0, 10) + " " + iso.substr(11, 5) : iso.substr(0, 10);
}

// The opening of a chart: its title, the svg element and the plot area's frame.
std::string Open(const std::string& title, int width, int height, int plot_width, int plot_height) {
  return fmt::format(
      "<h3>{}</h3><svg width=\"{}\" height=\"{}\" role=\"img\" aria-label=\"{}\">"
      "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#fafafa\" stroke=\"#ccc\"/>",
      HtmlEscape(title), width, height, HtmlEscape(title), ChartArea::kLeft, ChartArea::kTop,
      plot_width, plot_height);
}

// The closing of a chart and its note.
std::string Close(const std::string& note) {
  std::string out = "</svg>\n";
  if (!note.empty()) out += "<p class=\"note\">" + HtmlEscape(note) + "</p>\n";
  return out;
}

std::string Text(std::string_view css_class, double x, double y, std::string_view anchor,
                 const std::string& text, const char* fill = nullptr) {
  return fmt::format(
      "<text class=\"{}\" x=\"{:.1f}\" y=\"{:.1f}\" font-size=\"11\" text-anchor=\"{}\"{}>{}"
      "</text>",
      css_class, x, y, anchor, fill ? fmt::format(" fill=\"{}\"", fill) : "", HtmlEscape(text));
}

// The first, middle and last time of [t0, t1] under a plot whose bottom is at `plot_bottom`.
std::string TimeAxis(UnixNanos t0, UnixNanos t1, int plot_bottom) {
  const double span = std::max(1.0, static_cast<double>(t1 - t0));
  const bool with_time = span < 2.0 * static_cast<double>(kNanosPerDay);
  const auto middle = static_cast<UnixNanos>(static_cast<double>(t0) + span / 2);
  const double y = plot_bottom + 16;
  constexpr double kRight = ChartArea::kLeft + ChartArea::kPlotWidth;
  return Text("x-label", ChartArea::kLeft, y, "start", TimeLabel(t0, with_time)) +
         Text("x-label", ChartArea::kLeft + ChartArea::kPlotWidth / 2.0, y, "middle",
              TimeLabel(middle, with_time)) +
         Text("x-label", kRight, y, "end", TimeLabel(t1, with_time));
}

// A share of a whole in percent with one decimal ("96.5 %").
std::string SharePercent(double part, double whole) {
  return fmt::format("{:.1f} %", whole > 0 ? part / whole * 100 : 0.0);
}

// "a to b" of a histogram bin, "below b" / "a and above" for an open first / last bin.
std::string RangeText(const HistogramBin& bin, const std::vector<HistogramBin>& bins,
                      const std::function<std::string(double)>& label) {
  if (bin.open && &bin == &bins.front()) return "below " + label(bin.upper);
  if (bin.open && &bin == &bins.back()) return label(bin.lower) + " and above";
  return label(bin.lower) + " to " + label(bin.upper);
}

}  // namespace

std::string HtmlEscape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
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

std::string LineChart(const std::string& title, const std::vector<UnixNanos>& times,
                      const std::vector<ChartLine>& lines,
                      const std::function<std::string(double)>& label, const std::string& note) {
  // The finite values set the axis; a value that is not (NaN for "none") leaves a gap.
  std::optional<double> lo, hi;
  for (const ChartLine& line : lines) {
    for (double v : *line.values) {
      if (!std::isfinite(v)) continue;
      lo = std::min(lo.value_or(v), v);
      hi = std::max(hi.value_or(v), v);
    }
  }
  if (times.size() < 2 || !lo) {
    return "<p>" + HtmlEscape(title) + ": not enough points</p>";
  }
  const double t0 = static_cast<double>(times.front());
  const double span = std::max(1.0, static_cast<double>(times.back()) - t0);
  auto x_of = [&](std::size_t i) {
    return (static_cast<double>(times[i]) - t0) / span * ChartArea::kPlotWidth + ChartArea::kLeft;
  };
  auto y_of = [&](double v) {
    // A flat series is drawn across the middle.
    if (*hi == *lo) return ChartArea::kTop + ChartArea::kPlotHeight / 2.0;
    return (*hi - v) / (*hi - *lo) * ChartArea::kPlotHeight + ChartArea::kTop;
  };
  // With several lines, their names go in rows under the dates, each in its line's colour.
  std::string legend;
  int legend_rows = 0;
  if (lines.size() > 1) {
    constexpr double kRight = ChartArea::kLeft + ChartArea::kPlotWidth;
    double x = kRight;
    for (const ChartLine& line : lines) {
      const double width = 12 + 7.0 * static_cast<double>(line.name.size());
      if (x + width > kRight && x > ChartArea::kLeft) {
        x = ChartArea::kLeft;
        ++legend_rows;
      }
      legend += Text("legend", x, kLineChartHeight - 4 + 14.0 * (legend_rows - 1), "start",
                     line.name, line.colour);
      x += width;
    }
  }
  constexpr int kLabelX = ChartArea::kLeft - 4;
  std::string svg = Open(title, ChartArea::kWidth, kLineChartHeight + 14 * legend_rows,
                         ChartArea::kPlotWidth, ChartArea::kPlotHeight);
  svg += Text("y-max", kLabelX, y_of(*hi) + 4, "end", label(*hi));
  svg += Text("y-min", kLabelX, y_of(*lo) + 4, "end", label(*lo));
  svg += TimeAxis(times.front(), times.back(), ChartArea::kTop + ChartArea::kPlotHeight);
  for (std::size_t k = 0; k < lines.size(); ++k) {
    const ChartLine& line = lines[k];
    const std::vector<double>& values = *line.values;
    // Each stretch of finite values is a polyline of its own (a lone value a dot), thinned to
    // its share of the points.
    for (std::size_t begin = 0; begin < values.size();) {
      if (!std::isfinite(values[begin])) {
        ++begin;
        continue;
      }
      std::size_t end = begin;
      while (end < values.size() && std::isfinite(values[end])) ++end;
      if (end - begin == 1) {
        svg +=
            fmt::format("<circle class=\"dot\" cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"1.5\" fill=\"{}\"/>",
                        x_of(begin), y_of(values[begin]), line.colour);
        begin = end;
        continue;
      }
      const std::vector<double> stretch(values.begin() + static_cast<std::ptrdiff_t>(begin),
                                        values.begin() + static_cast<std::ptrdiff_t>(end));
      const std::size_t budget =
          std::max<std::size_t>(4, kMaxPoints * stretch.size() / values.size());
      std::string points;
      for (std::size_t i : MinMaxThin(stretch, budget)) {
        points += fmt::format("{:.1f},{:.1f} ", x_of(begin + i), y_of(stretch[i]));
      }
      points.pop_back();
      svg += fmt::format(
          "<polyline class=\"line\" fill=\"none\" stroke=\"{}\" stroke-width=\"1.2\" "
          "points=\"{}\"/>",
          line.colour, points);
      begin = end;
    }
  }
  return svg + legend + Close(note);
}

std::string StateBandChart(const std::string& title, UnixNanos start, UnixNanos end,
                           const std::vector<BandSegment>& segments, const std::string& note) {
  if (end <= start) return "<p>" + HtmlEscape(title) + ": no time to show</p>";
  const double span = static_cast<double>(end - start);
  auto x_of = [&](UnixNanos t) {
    return static_cast<double>(t - start) / span * ChartArea::kPlotWidth + ChartArea::kLeft;
  };
  constexpr int kBottom = ChartArea::kTop + kBandHeight;
  std::string svg =
      Open(title, ChartArea::kWidth, kBottom + 40, ChartArea::kPlotWidth, kBandHeight);
  // Each state's time, in the order the states first appear, with its colour.
  std::vector<std::pair<std::string, const char*>> order;
  std::map<std::string, double> held;
  for (const BandSegment& s : segments) {
    const UnixNanos from = std::max(s.from, start);
    const UnixNanos to = std::min(s.to, end);
    if (to <= from) continue;
    if (!held.contains(s.name)) order.emplace_back(s.name, s.colour);
    held[s.name] += static_cast<double>(to - from);
    svg += fmt::format(
        "<rect class=\"band\" x=\"{:.1f}\" y=\"{}\" width=\"{:.1f}\" height=\"{}\" fill=\"{}\">"
        "<title>{}: {} .. {}</title></rect>",
        x_of(from), ChartArea::kTop, x_of(to) - x_of(from), kBandHeight, s.colour,
        HtmlEscape(s.name), FormatIso8601(from), FormatIso8601(to));
  }
  svg += TimeAxis(start, end, kBottom);
  double x = ChartArea::kLeft;
  for (const auto& [name, colour] : order) {
    const std::string text = name + " " + SharePercent(held[name], span);
    svg += Text("legend", x, kBottom + 32, "start", text, colour);
    x += 12 + 7.0 * static_cast<double>(text.size());
  }
  return svg + Close(note);
}

std::string ReliabilityChart(const std::string& title, const std::vector<ReliabilityPoint>& points,
                             const std::string& note) {
  if (points.empty()) return "<p>" + HtmlEscape(title) + ": no predictions with a confidence</p>";
  constexpr int kBottom = ChartArea::kTop + kSquare;
  constexpr int kRight = ChartArea::kLeft + kSquare;
  auto x_of = [](double v) { return ChartArea::kLeft + v * kSquare; };
  auto y_of = [](double v) { return kBottom - v * kSquare; };
  std::string svg = Open(title, kRight + 60, kBottom + 40, kSquare, kSquare);
  for (int i = 1; i < 10; ++i) {
    const double v = i / 10.0;
    svg += fmt::format(
        "<line class=\"grid\" x1=\"{0:.1f}\" y1=\"{1}\" x2=\"{0:.1f}\" y2=\"{2}\" stroke=\"#eee\"/>"
        "<line class=\"grid\" x1=\"{3}\" y1=\"{4:.1f}\" x2=\"{5}\" y2=\"{4:.1f}\" "
        "stroke=\"#eee\"/>",
        x_of(v), ChartArea::kTop, kBottom, ChartArea::kLeft, y_of(v), kRight);
  }
  svg += fmt::format(
      "<line class=\"diagonal\" x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#999\" "
      "stroke-dasharray=\"4 3\"/>",
      ChartArea::kLeft, kBottom, kRight, ChartArea::kTop);
  for (double v : {0.0, 0.5, 1.0}) {
    svg += Text("x-label", x_of(v), kBottom + 16, "middle", fmt::format("{:g}", v));
    svg += Text("y-label", ChartArea::kLeft - 4, y_of(v) + 4, "end", fmt::format("{:g}", v));
  }
  svg +=
      Text("x-title", ChartArea::kLeft + kSquare / 2.0, kBottom + 32, "middle", "mean confidence");
  svg += Text("y-title", ChartArea::kLeft - 30, ChartArea::kTop + kSquare / 2.0, "end", "hit rate");
  std::int64_t largest = 1;
  for (const ReliabilityPoint& p : points) largest = std::max(largest, p.count);
  for (const ReliabilityPoint& p : points) {
    const double r = 3 + 9 * std::sqrt(static_cast<double>(std::max<std::int64_t>(p.count, 0)) /
                                       static_cast<double>(largest));
    const double cx = x_of(std::clamp(p.mean_confidence, 0.0, 1.0));
    const double cy = y_of(std::clamp(p.hit_rate, 0.0, 1.0));
    svg += fmt::format(
        "<circle class=\"bin\" cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"{:.1f}\" fill=\"#1f77b4\" "
        "fill-opacity=\"0.6\"><title>mean confidence {:.3f}, hit rate {:.3f}, {} predictions"
        "</title></circle>",
        cx, cy, r, p.mean_confidence, p.hit_rate, p.count);
    svg += Text("count", cx + r + 2, cy + 4, "start", std::to_string(p.count));
  }
  return svg + Close(note);
}

std::string HistogramChart(const std::string& title, const std::vector<HistogramBin>& bins,
                           const std::function<std::string(double)>& label,
                           const std::string& note) {
  if (bins.empty()) return "<p>" + HtmlEscape(title) + ": nothing to count</p>";
  const double lo = bins.front().lower;
  const double hi = bins.back().upper;
  std::int64_t largest = 1;
  for (const HistogramBin& b : bins) largest = std::max(largest, b.count);
  constexpr int kBottom = ChartArea::kTop + ChartArea::kPlotHeight;
  auto x_of = [&](double v) {
    return (v - lo) / (hi - lo) * ChartArea::kPlotWidth + ChartArea::kLeft;
  };
  std::string svg = Open(title, ChartArea::kWidth, kLineChartHeight, ChartArea::kPlotWidth,
                         ChartArea::kPlotHeight);
  svg += Text("y-max", ChartArea::kLeft - 4, ChartArea::kTop + 4, "end", std::to_string(largest));
  svg += Text("y-min", ChartArea::kLeft - 4, kBottom + 4, "end", "0");
  for (const HistogramBin& b : bins) {
    if (b.count <= 0) continue;
    const double height =
        static_cast<double>(b.count) / static_cast<double>(largest) * ChartArea::kPlotHeight;
    svg += fmt::format(
        "<rect class=\"bar\" x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\" "
        "fill=\"{}\" stroke=\"#fff\"><title>{}: {}</title></rect>",
        x_of(b.lower), kBottom - height, x_of(b.upper) - x_of(b.lower), height, b.colour,
        HtmlEscape(RangeText(b, bins, label)), b.count);
  }
  svg += Text("x-label", ChartArea::kLeft, kBottom + 16, "start", label(lo));
  if (lo < 0 && hi > 0) svg += Text("x-label", x_of(0), kBottom + 16, "middle", label(0));
  svg += Text("x-label", ChartArea::kLeft + ChartArea::kPlotWidth, kBottom + 16, "end", label(hi));
  return svg + Close(note);
}

std::string HeatmapChart(const std::string& title, const std::vector<std::string>& row_names,
                         const std::vector<std::string>& column_names,
                         const std::vector<HeatCell>& cells, const std::string& note) {
  if (row_names.empty() || column_names.empty()) {
    return "<p>" + HtmlEscape(title) + ": no grid</p>";
  }
  constexpr int kCellHeight = 22;
  constexpr int kTop = ChartArea::kTop + 16;  // room for the column names
  const double cell_width =
      static_cast<double>(ChartArea::kPlotWidth) / static_cast<double>(column_names.size());
  const int height = kCellHeight * static_cast<int>(row_names.size());
  std::string svg = fmt::format(
      "<h3>{0}</h3><svg width=\"{1}\" height=\"{2}\" role=\"img\" aria-label=\"{0}\">"
      "<rect x=\"{3}\" y=\"{4}\" width=\"{5}\" height=\"{6}\" fill=\"#fafafa\" "
      "stroke=\"#ccc\"/>",
      HtmlEscape(title), ChartArea::kWidth, kTop + height + 10, ChartArea::kLeft, kTop,
      ChartArea::kPlotWidth, height);
  for (std::size_t r = 0; r < row_names.size(); ++r) {
    svg += Text("row-label", ChartArea::kLeft - 4, kTop + kCellHeight * (r + 0.5) + 4, "end",
                row_names[r]);
  }
  for (std::size_t c = 0; c < column_names.size(); ++c) {
    svg += Text("column-label", ChartArea::kLeft + cell_width * (c + 0.5), kTop - 4, "middle",
                column_names[c]);
  }
  const auto rows = static_cast<int>(row_names.size());
  const auto columns = static_cast<int>(column_names.size());
  auto inside = [&](const HeatCell& cell) {
    return cell.row >= 0 && cell.row < rows && cell.column >= 0 && cell.column < columns;
  };
  double largest = 0;
  for (const HeatCell& cell : cells) {
    if (inside(cell)) largest = std::max(largest, std::fabs(cell.value));
  }
  for (const HeatCell& cell : cells) {
    if (!inside(cell)) continue;
    const char* colour = cell.value > 0 ? "#2ca02c" : cell.value < 0 ? "#d62728" : "#bbbbbb";
    const double opacity = 0.15 + (largest > 0 ? 0.85 * std::fabs(cell.value) / largest : 0.0);
    svg += fmt::format(
        "<rect class=\"cell\" x=\"{:.1f}\" y=\"{}\" width=\"{:.1f}\" height=\"{}\" "
        "fill=\"{}\" fill-opacity=\"{:.3f}\" stroke=\"#fff\"><title>{}</title></rect>",
        ChartArea::kLeft + cell_width * cell.column, kTop + kCellHeight * cell.row, cell_width,
        kCellHeight, colour, opacity, HtmlEscape(cell.tip));
    if (!cell.label.empty()) {  // over the cell, leaving the hover to the cell's tooltip
      svg += fmt::format(
          "<text class=\"cell-label\" x=\"{:.1f}\" y=\"{:.1f}\" font-size=\"11\" "
          "text-anchor=\"middle\" pointer-events=\"none\">{}</text>",
          ChartArea::kLeft + cell_width * (cell.column + 0.5),
          kTop + kCellHeight * (cell.row + 0.5) + 4, HtmlEscape(cell.label));
    }
  }
  return svg + Close(note);
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

std::vector<HistogramBin> EqualWidthBins(const std::vector<double>& values, int max_bins,
                                         double tail) {
  std::vector<HistogramBin> bins;
  std::vector<double> finite;
  for (double v : values) {
    if (std::isfinite(v)) finite.push_back(v);
  }
  if (finite.empty()) return bins;
  max_bins = std::max(max_bins, 1);
  std::sort(finite.begin(), finite.end());
  const std::size_t n = finite.size();
  const auto cut = static_cast<std::size_t>(std::clamp(tail, 0.0, 0.49) * static_cast<double>(n));
  const double lo = finite[cut], hi = finite[n - 1 - cut];
  // The index of the bin of `width` holding `v`; a value on an edge opens the next bin.
  auto index_of = [](double v, double width) {
    return static_cast<std::int64_t>(std::floor(v / width));
  };
  double width = 1;
  if (hi > lo) {
    // Start below the width that would just fit and step up through 1, 2, 5 x 10^k.
    auto k = static_cast<int>(std::floor(std::log10((hi - lo) / max_bins))) - 1;
    for (bool fits = false; !fits; ++k) {
      for (double step : {1.0, 2.0, 5.0}) {
        width = step * std::pow(10.0, k);
        fits = index_of(hi, width) - index_of(lo, width) + 1 <= max_bins;
        if (fits) break;
      }
    }
  }
  const std::int64_t first = index_of(lo, width);
  const std::int64_t last = index_of(hi, width);
  for (std::int64_t i = first; i <= last; ++i) {
    bins.push_back({static_cast<double>(i) * width, static_cast<double>(i + 1) * width, 0});
  }
  for (double v : finite) {
    const std::int64_t i = std::clamp(index_of(v, width), first, last) - first;
    ++bins[static_cast<std::size_t>(i)].count;
  }
  bins.front().open = finite.front() < bins.front().lower;
  bins.back().open = bins.back().open || finite.back() >= bins.back().upper;
  return bins;
}

int SuggestedBinCount(std::size_t n) {
  return std::clamp(static_cast<int>(std::ceil(2 * std::sqrt(static_cast<double>(n)))), 5, 40);
}

}  // namespace pulse::app
