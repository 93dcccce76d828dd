// TheoryInfo: what a rule-based theory is and what it can be told (numeric parameters with
// defaults and bounds, feature roles with default feature names), and TheorySettings, the
// resolved values a theory is built from. `pulse config check` and the docs list them.
#pragma once

#include <string>
#include <vector>

namespace pulse::signal {

// One numeric parameter of a theory. Bounds are inclusive; `integer` parameters (0/1 switches,
// counts) must be whole numbers.
struct TheoryParamInfo {
  std::string name;  // snake_case, the key in TheoryConfig::params
  double default_value = 0;
  double min = 0;
  double max = 0;
  bool integer = false;
  std::string description;  // one line
};

// One feature a theory reads, by role. `default_feature` is a feature name as FeatureLookup takes
// it: without a timeframe prefix it is on the base timeframe ("rsi_14"), else absolute
// ("1h.ema_50").
struct TheoryFeatureInfo {
  std::string role;  // the key in TheoryConfig::features
  std::string default_feature;
  std::string description;  // one line
};

// The static description of one theory. Plain value.
struct TheoryInfo {
  std::string name;         // "rsi_mean_reversion"
  std::string description;  // one line
  std::vector<TheoryParamInfo> params;
  std::vector<TheoryFeatureInfo> features;
};

// A theory's configuration after validation: every parameter (in TheoryInfo::params order) and
// every feature name (in TheoryInfo::features order). Built by the factory. Plain value.
struct TheorySettings {
  std::vector<double> params;
  std::vector<std::string> features;
};

}  // namespace pulse::signal
