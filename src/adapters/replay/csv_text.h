// Small text helpers shared by the replay adapter's file readers: trimming, quoting for error
// messages, strict number parsing and header detection of CSV lines.
#pragma once

#include <string>
#include <string_view>

namespace pulse::replay {

// Space, tab, CR or LF.
bool IsBlank(char c);

// `s` without leading and trailing blanks.
std::string_view Trim(std::string_view s);

// `s` without a leading UTF-8 byte order mark.
std::string_view StripBom(std::string_view s);

// `s` without one pair of surrounding double quotes.
std::string_view Unquote(std::string_view s);

// A copy of `s` shortened to 40 characters for error messages.
std::string QuoteForError(std::string_view s);

// Parses the whole of `s` as a double (a leading '+' is accepted); false otherwise.
bool ParseDouble(std::string_view s, double* out);

// True when the first non-blank character of `line` is a letter, a quote or '_' (a header row).
bool LooksLikeHeader(std::string_view line);

}  // namespace pulse::replay
