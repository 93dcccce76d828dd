// Pieces of the HTML backtest report (backtest_html.cc) that tests and the backtest command use:
// number formatting for labels and the min/max thinning of chart series.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace pulse::app {

// `value` in fixed notation with `decimals` digits after the point and "," between groups of
// thousands: FormatGrouped(-10030.123, 2) == "-10,030.12". No "-" on a value that rounds to 0.
std::string FormatGrouped(double value, int decimals);

// The indices of `values` to draw when there are more than `max_points` (at least 4): the
// points between the first and the last are cut into (max_points - 2) / 2 buckets of equal
// count, and each bucket keeps its lowest and its highest point, so the line still reaches the
// series' extremes; the first and the last point are always kept. Ascending; all indices when
// the series is short enough.
std::vector<std::size_t> MinMaxThin(const std::vector<double>& values, std::size_t max_points);

}  // namespace pulse::app
