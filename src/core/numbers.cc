#include "core/numbers.h"

#include <algorithm>
#include <charconv>
#include <cmath>

#include <fmt/format.h>

namespace pulse {

Result<double> ParseFiniteDouble(std::string_view text, std::string_view what) {
  std::string_view t = text;
  while (!t.empty() && (t.front() == ' ' || t.front() == '\t')) t.remove_prefix(1);
  while (!t.empty() && (t.back() == ' ' || t.back() == '\t' || t.back() == '\r'))
    t.remove_suffix(1);
  if (!t.empty() && t.front() == '+') t.remove_prefix(1);
  double value = 0;
  const auto [ptr, ec] = std::from_chars(t.data(), t.data() + t.size(), value);
  if (t.empty() || ec != std::errc() || ptr != t.data() + t.size()) {
    return InvalidArgumentError("{} '{}' is not a number", what, text);
  }
  if (!std::isfinite(value)) return InvalidArgumentError("{} must be finite, got '{}'", what, text);
  return value;
}

Result<double> ParsePositiveDouble(std::string_view text, std::string_view what) {
  ASSIGN_OR_RETURN(double value, ParseFiniteDouble(text, what));
  if (value <= 0) return InvalidArgumentError("{} must be positive, got '{}'", what, text);
  return value;
}

Result<std::int64_t> ParseInt64(std::string_view text, std::string_view what) {
  std::int64_t value = 0;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || ptr != text.data() + text.size()) {
    return InvalidArgumentError("{} '{}' is not a whole number", what, text);
  }
  return value;
}

std::string PriceText(double price, int significant) {
  if (!std::isfinite(price)) return fmt::format("{}", price);
  if (price == 0) return "0";
  // Digits after the point: what `significant` leaves after the integer digits (rounding may
  // carry into one more integer digit: 9.99999999 -> "10").
  const int magnitude = static_cast<int>(std::floor(std::log10(std::fabs(price))));
  const int decimals = std::clamp(significant - 1 - magnitude, 0, 340);
  std::string text = fmt::format("{:.{}f}", price, decimals);
  if (text.find('.') != std::string::npos) {
    while (text.back() == '0') text.pop_back();
    if (text.back() == '.') text.pop_back();
  }
  if (text == "-0") text = "0";
  return text;
}

std::string FormatGrouped(double value, int decimals) {
  if (!std::isfinite(value)) return fmt::format("{}", value);
  std::string digits = fmt::format("{:.{}f}", std::fabs(value), std::max(decimals, 0));
  const std::size_t point = std::min(digits.find('.'), digits.size());
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && i < point && (point - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  const bool zero = digits.find_first_not_of("0.") == std::string::npos;
  return (value < 0 && !zero ? "-" : "") + out;
}

}  // namespace pulse
