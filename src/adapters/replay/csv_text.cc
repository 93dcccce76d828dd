#include "adapters/replay/csv_text.h"

#include <charconv>
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

// The common shape of a price or a quantity, `-?digits(.digits)?` with at most 19 digits, whose
// digits as an integer m fit in 53 bits and whose fraction has at most 22 digits: then m and
// 10^k are exact doubles, and the one division m / 10^k is the correctly rounded value
// (Clinger's fast path), the same double from_chars gives. False, with nothing written, for
// anything else.
bool ParseSimpleDecimal(std::string_view s, double* out) {
  const char* p = s.data();
  const char* const end = p + s.size();
  const bool negative = p != end && *p == '-';
  if (negative) ++p;
  std::uint64_t mantissa = 0;
  int digits = 0;
  const char* const integer = p;
  for (; p != end && *p >= '0' && *p <= '9'; ++p, ++digits) {
    mantissa = mantissa * 10 + static_cast<std::uint64_t>(*p - '0');
  }
  if (p == integer) return false;
  int fraction = 0;
  if (p != end && *p == '.') {
    ++p;
    const char* const fraction_start = p;
    for (; p != end && *p >= '0' && *p <= '9'; ++p, ++digits) {
      mantissa = mantissa * 10 + static_cast<std::uint64_t>(*p - '0');
    }
    fraction = static_cast<int>(p - fraction_start);
    if (fraction == 0) return false;
  }
  if (p != end || digits > 19 || fraction > 22 || mantissa > (std::uint64_t{1} << 53)) {
    return false;
  }
  const double value = static_cast<double>(mantissa) / kExactPowersOf10[fraction];
  *out = negative ? -value : value;
  return true;
}

}  // namespace

bool ParseDouble(std::string_view s, double* out) {
  if (s.empty()) return false;
  const char* first = s.data();
  if (*first == '+') ++first;
  if (ParseSimpleDecimal(std::string_view(first, s.data() + s.size() - first), out)) return true;
  const auto [ptr, ec] = std::from_chars(first, s.data() + s.size(), *out);
  return ec == std::errc() && ptr == s.data() + s.size();
}

bool LooksLikeHeader(std::string_view line) {
  const std::string_view t = Trim(line);
  if (t.empty()) return false;
  const char c = t.front();
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '"' || c == '_';
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
