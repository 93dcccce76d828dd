// Registry: every indicator Pulse has, by TA-Lib function name in lower case, with its
// parameters (defaults and bounds), outputs and a factory. The CLI, the feature builder and the
// tests create indicators only through it.
#pragma once

#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "indicators/indicator.h"

namespace pulse::indicators {

// One positional parameter, in TA-Lib's order for the function.
struct ParamSpec {
  std::string_view name;  // TA-Lib's option name without "optIn", snake_case: "period"
  double default_value;   // TA-Lib's default
  double min;             // inclusive bounds, TA-Lib's
  double max;
  bool integer = true;  // must be a whole number
};

// What an indicator is and how to build it. Immutable; shared by every caller.
struct IndicatorSpec {
  std::string_view name;         // "rsi", "macd", ...
  std::string_view description;  // one line
  std::string_view inputs;       // bar fields read: "close", "high,low,close", ...
  std::vector<ParamSpec> params;
  std::vector<std::string_view> outputs;  // "value" for single-output indicators
  // Builds the indicator from a complete, validated parameter list.
  std::unique_ptr<Indicator> (*factory)(std::span<const double> params);
};

// Every registered indicator, sorted by name.
std::span<const IndicatorSpec> AllIndicators();

// The spec named `name` (case-insensitive), or nullptr.
const IndicatorSpec* FindIndicator(std::string_view name);

// Completes `params` with the defaults of the missing trailing ones and checks every value
// against its bounds. InvalidArgument names the indicator, the parameter, the accepted range and
// the value given: "rsi: period must be between 2 and 100000, got 1".
Result<std::vector<double>> ResolveParams(const IndicatorSpec& spec,
                                          std::span<const double> params);

// Builds indicator `name` with positional `params` (missing trailing ones take their defaults).
// InvalidArgument for an unknown name (listing the accepted names) or bad parameters.
Result<std::unique_ptr<Indicator>> CreateIndicator(std::string_view name,
                                                   std::span<const double> params = {});

// The warm-up length (TA-Lib lookback) of `name` with `params`.
Result<int> WarmUpOf(std::string_view name, std::span<const double> params = {});

}  // namespace pulse::indicators
