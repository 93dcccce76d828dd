// StringMap: a hash map keyed by std::string that is looked up by std::string_view without
// building a string (a transparent hash), for the per-bar lookups by symbol or SQL text.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace pulse {

// Hashes std::string, std::string_view and const char* alike, so find() takes any of them.
struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

// Unordered: iterate it only where the order does not matter.
template <typename Value>
using StringMap = std::unordered_map<std::string, Value, StringHash, std::equal_to<>>;

}  // namespace pulse
