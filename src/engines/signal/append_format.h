// AppendFormat: fmt output appended to a std::string, for the text of the records the signal
// engine outputs (notes, gate-check reasons). The text is formatted into a stack buffer and
// appended in one piece, so the string grows (allocates) at most once per call; with a compiled
// format (FMT_COMPILE) the format string is parsed at compile time; doubles with a ".Nf" or ".Ng"
// spec (optionally '+') are written by DecimalText, the same text as fmt's.
#pragma once

#include <string>

#include <fmt/compile.h>
#include <fmt/format.h>

#include "engines/signal/decimal_text.h"

namespace pulse::signal {

// A double argument of AppendFormat (formatted by the formatter below).
struct RecordNumber {
  double value;
};

}  // namespace pulse::signal

// RecordNumber: fmt's formatter<double> for the spec, but ".Nf" / ".Ng" (with an optional '+')
// go through FixedText / GeneralText when they take the value.
template <>
struct fmt::formatter<pulse::signal::RecordNumber> {
  template <typename ParseContext>
  constexpr auto parse(ParseContext& ctx) -> decltype(ctx.begin()) {
    const auto begin = ctx.begin();
    const auto end = fallback_.parse(ctx);
    auto it = begin;
    bool plus = false;
    if (it != end && *it == '+') {
      plus = true;
      ++it;
    }
    if (it == end || *it != '.') return end;
    ++it;
    int precision = 0;
    int digits = 0;
    for (; it != end && *it >= '0' && *it <= '9' && digits < 2; ++it, ++digits) {
      precision = precision * 10 + (*it - '0');
    }
    if (digits == 0 || it == end || (*it != 'f' && *it != 'g') || it + 1 != end) return end;
    type_ = *it;
    precision_ = precision;
    plus_ = plus;
    return end;
  }

  template <typename FormatContext>
  auto format(pulse::signal::RecordNumber number, FormatContext& ctx) const -> decltype(ctx.out()) {
    if (type_ != 0) {
      char text[pulse::signal::kDecimalTextMax];
      const int size = type_ == 'f'
                           ? pulse::signal::FixedText(number.value, precision_, plus_, text)
                           : pulse::signal::GeneralText(number.value, precision_, plus_, text);
      if (size >= 0) {
        return fmt::format_to(ctx.out(), FMT_COMPILE("{}"),
                              fmt::string_view(text, static_cast<std::size_t>(size)));
      }
    }
    return fallback_.format(number.value, ctx);
  }

 private:
  fmt::formatter<double> fallback_;
  char type_ = 0;  // 'f' or 'g' when the fast path applies
  int precision_ = 0;
  bool plus_ = false;
};

namespace pulse::signal {

// What AppendFormat passes to fmt for one argument: doubles as RecordNumber, the rest as is.
template <typename T>
constexpr const T& RecordArgument(const T& value) {
  return value;
}
constexpr RecordNumber RecordArgument(double value) { return {value}; }

// Appends fmt::format(format, args...) to `*out`: the same text fmt::format would return.
template <typename Format, typename... Args>
void AppendFormat(std::string* out, const Format& format, const Args&... args) {
  fmt::memory_buffer buffer;
  fmt::format_to(fmt::appender(buffer), format, RecordArgument(args)...);
  out->append(buffer.data(), buffer.size());
}

}  // namespace pulse::signal
