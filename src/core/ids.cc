#include "core/ids.h"

#include <cctype>

namespace pulse {

Result<std::string> NormalizeSymbol(std::string_view raw) {
  std::string out;
  out.reserve(raw.size());
  for (char c : raw) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u)) {
      out.push_back(static_cast<char>(std::toupper(u)));
    } else if (c != '/' && c != '-' && c != '_') {
      return InvalidArgumentError("symbol '{}' has an invalid character '{}'", raw, c);
    }
  }
  if (out.empty()) return InvalidArgumentError("symbol is empty");
  return out;
}

Result<InstrumentId> InstrumentId::Parse(std::string_view text) {
  InstrumentId id;
  const size_t dot = text.rfind('.');
  ASSIGN_OR_RETURN(id.symbol, NormalizeSymbol(text.substr(0, dot)));
  if (dot != std::string_view::npos) {
    for (char c : text.substr(dot + 1)) {
      if (!std::isalnum(static_cast<unsigned char>(c))) {
        return InvalidArgumentError("venue in '{}' must be letters and digits", text);
      }
      id.venue.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
    }
    if (id.venue.empty()) return InvalidArgumentError("venue in '{}' is empty", text);
  }
  return id;
}

std::string InstrumentId::ToString() const { return venue.empty() ? symbol : symbol + "." + venue; }

}  // namespace pulse
