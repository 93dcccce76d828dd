// FeatureOrigin: which indicator request on which timeframe produces a feature column
// ("1h.macd_12_26_9.hist" -> 1h "macd:12,26,9"), for error messages that say what to add to the
// feature set and for the list of requests the default theories need.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/timeframe.h"

namespace pulse::signal {

// The timeframe and indicator request ("name:p1,p2" as features.sets takes it) of a feature.
// Plain value.
struct FeatureOrigin {
  Timeframe timeframe;
  std::string request;
};

// The request that names its column `feature` (a name as FeatureLookup takes it: without a
// timeframe prefix it is on `base`). The request is checked against the indicator registry: it
// parses and its columns include the feature. nullopt when no registered indicator produces such
// a column. Pure; thread-safe.
std::optional<FeatureOrigin> FindFeatureOrigin(std::string_view feature, Timeframe base);

}  // namespace pulse::signal
