// Small text helpers shared by the replay adapter's file readers: trimming, quoting for error
// messages, strict number parsing and header detection of CSV lines.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace pulse::replay {

// Space, tab, CR or LF. (This and the two below are inline: the readers call them for every
// field.)
inline bool IsBlank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// `s` without leading and trailing blanks.
inline std::string_view Trim(std::string_view s) {
  while (!s.empty() && IsBlank(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsBlank(s.back())) s.remove_suffix(1);
  return s;
}

// `s` without a leading UTF-8 byte order mark.
std::string_view StripBom(std::string_view s);

// `s` without one pair of surrounding double quotes.
inline std::string_view Unquote(std::string_view s) {
  if (s.size() >= 2 && s.front() == '"' && s.back() == '"') return s.substr(1, s.size() - 2);
  return s;
}

// A copy of `s` shortened to 40 characters for error messages.
std::string QuoteForError(std::string_view s);

// Parses the whole of `s` as a double (a leading '+' is accepted); false otherwise.
bool ParseDouble(std::string_view s, double* out);

// The number at the start of [p, end) when it has the common shape of a price or a quantity,
// `-?digits(.digits)?` with at most 19 digits, whose digits as an integer m fit in 53 bits and
// whose fraction has at most 22 digits: then m and 10^k are exact doubles, and the one division
// m / 10^k is the correctly rounded value (Clinger's fast path), the double std::from_chars
// gives. Returns the end of the number, or nullptr (nothing written) when it does not have
// that shape or an exponent, a second point or more digits follow it.
const char* ParseSimpleDecimal(const char* p, const char* end, double* out);

// True when `line` is a header row: its first field, without blanks and quotes, starts with a
// letter or '_', or is empty and the second one does (pandas' unnamed index column). A data
// row with quoted numbers is not one.
bool LooksLikeHeader(std::string_view line);

// Walks text line by line without copying: LF or CRLF endings, the last line with or without
// one. Usage: `for (std::string_view line; lines.Next(&line);) { ... lines.number() ... }`.
class LineReader {
 public:
  explicit LineReader(std::string_view text) : text_(text) {}

  // The next line without its ending; false at the end of the text.
  bool Next(std::string_view* line);
  // 1-based number of the line last returned.
  std::int64_t number() const { return number_; }

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
  std::int64_t number_ = 0;
};

}  // namespace pulse::replay
