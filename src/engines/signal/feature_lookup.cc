#include "engines/signal/feature_lookup.h"

#include <algorithm>

namespace pulse::signal {

FeatureLookup::FeatureLookup(Timeframe base, std::span<const std::string> names)
    : base_(base), names_(names.begin(), names.end()) {
  for (std::size_t i = 0; i < names_.size(); ++i) index_.emplace(names_[i], i);
}

std::string FeatureLookup::Qualify(std::string_view name) const {
  const std::size_t dot = name.find('.');
  if (dot != std::string_view::npos && Timeframe::Parse(name.substr(0, dot)).ok()) {
    return std::string(name);
  }
  return base_.ToString() + "." + std::string(name);
}

Result<std::size_t> FeatureLookup::Find(std::string_view name) const {
  const std::string full = Qualify(name);
  if (auto it = index_.find(full); it != index_.end()) return it->second;
  // Suggest names sharing the indicator part ("rsi" of "5m.rsi_14").
  const std::size_t dot = full.find('.');
  std::string stem = full.substr(dot + 1);
  stem = stem.substr(0, stem.find_first_of("_."));
  std::vector<std::string> similar;
  for (const std::string& candidate : names_) {
    if (candidate.find("." + stem) != std::string::npos && similar.size() < 5) {
      similar.push_back(candidate);
    }
  }
  std::string hint = similar.empty() ? "" : " (similar: ";
  for (std::size_t i = 0; i < similar.size(); ++i) {
    hint += (i ? ", " : "") + similar[i];
  }
  if (!similar.empty()) hint += ")";
  return NotFoundError("feature '{}' is not in the feature set ({} features){}", full,
                       names_.size(), hint);
}

}  // namespace pulse::signal
