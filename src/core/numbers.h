// Strict number parsing for user input: the whole text must be one finite number.
// Pure functions; thread-safe.
#pragma once

#include <cstdint>
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

}  // namespace pulse
