#include "adapters/replay/csv_text.h"

#include <charconv>
#include <cstddef>
#include <cstdint>

namespace pulse::replay {

std::string_view StripBom(std::string_view s) {
  if (s.size() >= 3 && s.substr(0, 3) == "\xEF\xBB\xBF") s.remove_prefix(3);
  return s;
}

std::string QuoteForError(std::string_view s) {
  constexpr std::size_t kMax = 40;
  if (s.size() <= kMax) return std::string(s);
  return std::string(s.substr(0, kMax)) + "...";
}

namespace {

// 10^0 .. 10^22: every one exactly a double.
constexpr double kExactPowersOf10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                       1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                       1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

}  // namespace

const char* ParseSimpleDecimal(const char* p, const char* end, double* out) {
  const bool negative = p != end && *p == '-';
  if (negative) ++p;
  // Digits accumulate into the mantissa (wrapping past 19 digits, which are refused below).
  std::uint64_t mantissa = 0;
  auto take_digits = [&](const char* q) {
    for (; q != end; ++q) {
      const unsigned digit = static_cast<unsigned>(static_cast<unsigned char>(*q)) - '0';
      if (digit > 9) break;
      mantissa = mantissa * 10 + digit;
    }
    return q;
  };
  const char* const integer = p;
  p = take_digits(p);
  if (p == integer) return nullptr;
  std::ptrdiff_t digits = p - integer;
  std::ptrdiff_t fraction = 0;
  if (p != end && *p == '.') {
    const char* const fraction_start = ++p;
    p = take_digits(p);
    fraction = p - fraction_start;
    if (fraction == 0) return nullptr;
    digits += fraction;
  }
  // Not the simple shape when an exponent or a second point follows, or when it is too long.
  if ((p != end && (*p == 'e' || *p == 'E' || *p == '.')) || digits > 19 || fraction > 22 ||
      mantissa > (std::uint64_t{1} << 53)) {
    return nullptr;
  }
  const double value = static_cast<double>(mantissa) / kExactPowersOf10[fraction];
  *out = negative ? -value : value;
  return p;
}

bool ParseDouble(std::string_view s, double* out) {
  if (s.empty()) return false;
  const char* first = s.data();
  if (*first == '+') ++first;
  const char* const end = s.data() + s.size();
  double simple = 0;
  if (ParseSimpleDecimal(first, end, &simple) == end) {
    *out = simple;
    return true;
  }
  const auto [ptr, ec] = std::from_chars(first, s.data() + s.size(), *out);
  return ec == std::errc() && ptr == s.data() + s.size();
}

bool LooksLikeHeader(std::string_view line) {
  auto starts_with_name = [](std::string_view field) {
    field = Trim(Unquote(Trim(field)));
    const char c = field.empty() ? '\0' : field.front();
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  };
  const std::size_t comma = line.find(',');
  const std::string_view first = line.substr(0, comma);
  if (comma == std::string_view::npos || !Trim(Unquote(Trim(first))).empty()) {
    return starts_with_name(first);
  }
  const std::size_t next = line.find(',', comma + 1);
  return starts_with_name(line.substr(
      comma + 1, next == std::string_view::npos ? std::string_view::npos : next - comma - 1));
}

bool LineReader::Next(std::string_view* line) {
  if (pos_ >= text_.size()) return false;
  std::size_t eol = text_.find('\n', pos_);
  if (eol == std::string_view::npos) eol = text_.size();
  *line = text_.substr(pos_, eol - pos_);
  if (!line->empty() && line->back() == '\r') line->remove_suffix(1);
  pos_ = eol + 1;
  ++number_;
  return true;
}

}  // namespace pulse::replay
