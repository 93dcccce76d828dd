// Building blocks for the registry's spec tables: parameter specs with TA-Lib's bounds and
// factory templates. Internal to the indicators module (registry*.cc only).
#pragma once

#include <memory>
#include <span>
#include <string_view>
#include <vector>

#include "indicators/indicator.h"
#include "indicators/registry.h"

namespace pulse::indicators::registry_support {

// TA-Lib's upper bound for a period.
inline constexpr double kMaxPeriod = 100000;

// Parameter `i` as an int (the registry has already checked it is a whole number in range).
inline int P(std::span<const double> params, size_t i) { return static_cast<int>(params[i]); }

// Factory for an indicator whose constructor takes one int period.
template <typename T>
std::unique_ptr<Indicator> MakePeriod(std::span<const double> params) {
  return std::make_unique<T>(P(params, 0));
}

// Factory for an indicator without parameters.
template <typename T>
std::unique_ptr<Indicator> MakeNoParams(std::span<const double>) {
  return std::make_unique<T>();
}

// A whole-number period in [min, kMaxPeriod].
inline ParamSpec Period(double default_value, double min = 2, std::string_view name = "period") {
  return ParamSpec{name, default_value, min, kMaxPeriod, true};
}

// TA-Lib's bounds for a deviation multiplier.
inline ParamSpec Deviations(std::string_view name, double default_value) {
  return ParamSpec{name, default_value, -3e37, 3e37, false};
}

// Each family appends its specs; registry.cc calls them all once and sorts the result. One file
// per family keeps the tables short.
void AddTalibExtraSpecs(std::vector<IndicatorSpec>& specs);       // registry_talib_extra.cc
void AddPatternAndLevelSpecs(std::vector<IndicatorSpec>& specs);  // registry_patterns.cc
void AddBandTrendVolumeSpecs(std::vector<IndicatorSpec>& specs);  // registry_bands_trend_volume.cc
void AddPriceAndStatisticsSpecs(std::vector<IndicatorSpec>& specs);  // registry_statistics.cc

}  // namespace pulse::indicators::registry_support
