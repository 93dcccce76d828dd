#include "indicators/registry.h"

#include <algorithm>
#include <cctype>
#include <cmath>

#include "indicators/moving_averages.h"
#include "indicators/rsi.h"

namespace pulse::indicators {
namespace {

constexpr double kMaxPeriod = 100000;

int P(std::span<const double> params, size_t i) { return static_cast<int>(params[i]); }

template <typename T>
std::unique_ptr<Indicator> MakePeriod(std::span<const double> params) {
  return std::make_unique<T>(P(params, 0));
}

ParamSpec Period(double default_value, double min = 2) {
  return ParamSpec{"period", default_value, min, kMaxPeriod, true};
}

std::vector<IndicatorSpec> BuildSpecs() {
  std::vector<IndicatorSpec> specs = {
      {"ema",
       "exponential moving average, SMA-seeded",
       "close",
       {Period(30)},
       {"value"},
       &MakePeriod<Ema>},
      {"rsi",
       "relative strength index (Wilder)",
       "close",
       {Period(14)},
       {"value"},
       &MakePeriod<Rsi>},
      {"sma", "simple moving average", "close", {Period(30)}, {"value"}, &MakePeriod<Sma>},
      {"wma",
       "linearly weighted moving average",
       "close",
       {Period(30)},
       {"value"},
       &MakePeriod<Wma>},
  };
  std::sort(specs.begin(), specs.end(),
            [](const IndicatorSpec& a, const IndicatorSpec& b) { return a.name < b.name; });
  return specs;
}

const std::vector<IndicatorSpec>& Specs() {
  static const std::vector<IndicatorSpec> specs = BuildSpecs();
  return specs;
}

std::string AcceptedNames() {
  std::string out;
  for (const IndicatorSpec& spec : Specs()) {
    if (!out.empty()) out += ", ";
    out += spec.name;
  }
  return out;
}

std::string ParamNames(const IndicatorSpec& spec) {
  std::string out;
  for (const ParamSpec& p : spec.params) {
    if (!out.empty()) out += ", ";
    out += p.name;
  }
  return out;
}

}  // namespace

std::span<const IndicatorSpec> AllIndicators() { return Specs(); }

const IndicatorSpec* FindIndicator(std::string_view name) {
  std::string lower(name);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (const IndicatorSpec& spec : Specs()) {
    if (spec.name == lower) return &spec;
  }
  return nullptr;
}

Result<std::vector<double>> ResolveParams(const IndicatorSpec& spec,
                                          std::span<const double> params) {
  if (params.size() > spec.params.size()) {
    return InvalidArgumentError("{}: takes at most {} parameter(s) ({}), got {}", spec.name,
                                spec.params.size(), ParamNames(spec), params.size());
  }
  std::vector<double> out;
  out.reserve(spec.params.size());
  for (size_t i = 0; i < spec.params.size(); ++i) {
    const ParamSpec& p = spec.params[i];
    const double v = i < params.size() ? params[i] : p.default_value;
    if (!std::isfinite(v) || v < p.min || v > p.max) {
      return InvalidArgumentError("{}: {} must be between {} and {}, got {}", spec.name, p.name,
                                  p.min, p.max, v);
    }
    if (p.integer && v != std::floor(v)) {
      return InvalidArgumentError("{}: {} must be a whole number, got {}", spec.name, p.name, v);
    }
    out.push_back(v);
  }
  return out;
}

Result<std::unique_ptr<Indicator>> CreateIndicator(std::string_view name,
                                                   std::span<const double> params) {
  const IndicatorSpec* spec = FindIndicator(name);
  if (spec == nullptr) {
    return InvalidArgumentError("unknown indicator '{}' (accepted: {})", name, AcceptedNames());
  }
  ASSIGN_OR_RETURN(std::vector<double> resolved, ResolveParams(*spec, params));
  return spec->factory(resolved);
}

Result<int> WarmUpOf(std::string_view name, std::span<const double> params) {
  ASSIGN_OR_RETURN(std::unique_ptr<Indicator> indicator, CreateIndicator(name, params));
  return indicator->WarmUp();
}

}  // namespace pulse::indicators
