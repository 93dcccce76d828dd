// The `features:` section of the configuration: its checks (with the key path of every problem)
// and its translation into the FeatureSetSpec that builds an indicators::FeatureSet.
#pragma once

#include <string_view>
#include <vector>

#include "app/config/config.h"
#include "app/config/config_loader.h"
#include "core/status.h"
#include "indicators/feature_set.h"

namespace pulse::app {

// Every problem of `features`, each with its key path: a timeframe that does not parse or is
// not a whole multiple of the base ("features.sets[2].timeframe: 7m is not ..."), a bad
// indicator request ("features.sets[0].indicators[3]: unknown indicator 'rsx' ..."), a feature
// named twice, no sets or an empty set. `prefix` goes before every path (e.g. a profile's
// "profiles.production."). Pure function.
std::vector<ConfigProblem> CheckFeaturesConfig(const FeaturesConfig& features,
                                               std::string_view prefix = "");

// The spec of `features`, with `base_override` (e.g. `--timeframe 1h`) in place of
// base_timeframe when not empty. InvalidArgument listing the problems CheckFeaturesConfig finds.
Result<indicators::FeatureSetSpec> FeatureSetSpecFromConfig(const FeaturesConfig& features,
                                                            std::string_view base_override = "");

}  // namespace pulse::app
