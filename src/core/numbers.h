// Strict number parsing for user input (the whole text must be one finite number) and the
// display forms of prices and grouped figures. Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/status.h"

namespace pulse {

// Parses a decimal or scientific number ("50000", "0.81", "1e-3"). `what` names the field in
// the error: "price 'abc' is not a number". NaN and infinity are refused.
Result<double> ParseFiniteDouble(std::string_view text, std::string_view what);
// Like ParseFiniteDouble and also > 0: "price must be positive, got '-3'".
Result<double> ParsePositiveDouble(std::string_view text, std::string_view what);
// Whole decimal integer, no sign junk or trailing characters.
Result<std::int64_t> ParseInt64(std::string_view text, std::string_view what);

// A price for people to read in tables: rounded to `significant` significant digits, in fixed
// notation (never "1e-05"), without trailing zeros. "3435.6185" for 3435.6185234684763,
// "50000", "0.000012345678" for 1.2345678e-5. NaN and infinity print as "nan", "inf", "-inf".
std::string PriceText(double price, int significant = 8);

// `value` in fixed notation with `decimals` digits after the point and "," between groups of
// thousands: FormatGrouped(-10030.123, 2) == "-10,030.12". No "-" on a value that rounds to 0.
std::string FormatGrouped(double value, int decimals);

}  // namespace pulse
