// Number formatting of the HTML backtest report (backtest_html.cc) that the backtest command
// uses too.
#pragma once

#include <string>

namespace pulse::app {

// `value` in fixed notation with `decimals` digits after the point and "," between groups of
// thousands: FormatGrouped(-10030.123, 2) == "-10,030.12". No "-" on a value that rounds to 0.
std::string FormatGrouped(double value, int decimals);

}  // namespace pulse::app
