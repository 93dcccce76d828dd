// ASCII text helpers for names read from input (enum names, config keys). Pure; thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace pulse {

// `text` with A-Z turned into a-z; every other byte unchanged.
inline std::string AsciiLower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

}  // namespace pulse
