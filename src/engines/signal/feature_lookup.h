// FeatureLookup: resolves feature names ("5m.rsi_14", or "rsi_14" for the base timeframe) to
// positions in the signal engine's feature vector.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/status.h"
#include "core/timeframe.h"

namespace pulse::signal {

// Index of the feature vector's names (FeatureSet::Names(): "<timeframe>.<column>").
// Immutable after construction; thread-safe to read.
class FeatureLookup {
 public:
  FeatureLookup(Timeframe base, std::span<const std::string> names);

  // Position of `name`. A name without a "<timeframe>." prefix is looked up on the base
  // timeframe ("rsi_14" -> "5m.rsi_14"). NotFound naming the full name and listing a few
  // similar names the vector does have.
  Result<std::size_t> Find(std::string_view name) const;

  // The full name `name` stands for ("rsi_14" -> "5m.rsi_14").
  std::string Qualify(std::string_view name) const;

  Timeframe base() const { return base_; }
  std::span<const std::string> names() const { return names_; }

 private:
  Timeframe base_;
  std::vector<std::string> names_;
  std::unordered_map<std::string, std::size_t> index_;
};

}  // namespace pulse::signal
