// Theory factory: builds the rule-based theories (theories/) from TheoryConfig, lists what each
// accepts for `pulse config check` and the docs, and gives the default configuration with the
// indicator requests it needs in the feature set.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/status.h"
#include "core/timeframe.h"
#include "engines/signal/theories/theory_info.h"
#include "engines/signal/theory.h"

namespace pulse::signal {

// The theory `config.name` with its parameters and feature names, not yet bound. Missing
// parameters and roles take their defaults. InvalidArgument for an unknown theory (listing the
// known names), an unknown parameter or feature role (naming the theory and listing the accepted
// ones), a parameter out of bounds or not whole where it must be ("theory rsi_mean_reversion:
// param oversold must be between 1 and 50, got 60"), an empty feature name, parameters that
// contradict each other (e.g. oversold above overbought) or a negative or non-finite weight.
// `config.enabled` is not looked at: whether a theory runs is the engine's decision.
Result<std::unique_ptr<Theory>> CreateTheory(const TheoryConfig& config);

// Every theory: name, description, parameters with defaults and bounds, feature roles with
// default feature names. In a fixed order (the order of DefaultTheoryConfigs).
std::vector<TheoryInfo> ListTheories();

// One config per theory, enabled, weight 1, no overrides (every default applies).
std::vector<TheoryConfig> DefaultTheoryConfigs();

// The indicator requests ("name:p1,p2", as features.sets takes them) one timeframe needs.
struct TheoryFeatureRequests {
  std::string timeframe;  // "5m", "1h"
  std::vector<std::string> requests;
};

// What the default theory configs read, as indicator requests per timeframe: the base-timeframe
// features on `base`, the others on their own timeframe; shortest timeframe first, requests in
// the order the theories first need them, no duplicates. With the 5m base:
// {{"5m", {"rsi:14", "macd:12,26,9", ...}}, {"15m", {"macd:12,26,9"}}, {"1h", {"ema:50", ...}},
// ...}
std::vector<TheoryFeatureRequests> DefaultTheoryFeatureRequests(
    Timeframe base = Timeframe::Minutes(5));

}  // namespace pulse::signal
