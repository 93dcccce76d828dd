#include "indicators/registry.h"

#include <algorithm>
#include <cctype>
#include <cmath>

#include "indicators/ad.h"
#include "indicators/aroon.h"
#include "indicators/atr.h"
#include "indicators/bbands.h"
#include "indicators/cci.h"
#include "indicators/composite_averages.h"
#include "indicators/directional.h"
#include "indicators/kama.h"
#include "indicators/macd.h"
#include "indicators/mfi.h"
#include "indicators/momentum.h"
#include "indicators/moving_averages.h"
#include "indicators/obv.h"
#include "indicators/price_oscillator.h"
#include "indicators/registry_support.h"
#include "indicators/rsi.h"
#include "indicators/sar.h"
#include "indicators/stoch.h"
#include "indicators/trix.h"
#include "indicators/ultosc.h"

namespace pulse::indicators {
namespace {

using namespace registry_support;  // NOLINT(build/namespaces)

std::unique_ptr<Indicator> MakeMacd(std::span<const double> p) {
  return std::make_unique<Macd>(P(p, 0), P(p, 1), P(p, 2));
}
std::unique_ptr<Indicator> MakeBBands(std::span<const double> p) {
  return std::make_unique<BBands>(P(p, 0), p[1], p[2], static_cast<BBands::MaType>(P(p, 3)));
}
std::unique_ptr<Indicator> MakeStoch(std::span<const double> p) {
  return std::make_unique<Stoch>(P(p, 0), P(p, 1), P(p, 2));
}
template <Directional::Kind kKind>
std::unique_ptr<Indicator> MakeDirectional(std::span<const double> p) {
  return std::make_unique<Directional>(kKind, P(p, 0));
}
std::unique_ptr<Indicator> MakeT3(std::span<const double> p) {
  return std::make_unique<T3>(P(p, 0), p[1]);
}
std::unique_ptr<Indicator> MakeAdOsc(std::span<const double> p) {
  return std::make_unique<AdOsc>(P(p, 0), P(p, 1));
}
template <PriceOscillator::Kind kKind>
std::unique_ptr<Indicator> MakePriceOscillator(std::span<const double> p) {
  return std::make_unique<PriceOscillator>(kKind, P(p, 0), P(p, 1),
                                           static_cast<PriceOscillator::MaType>(P(p, 2)));
}
std::unique_ptr<Indicator> MakeUltOsc(std::span<const double> p) {
  return std::make_unique<UltOsc>(P(p, 0), P(p, 1), P(p, 2));
}
std::unique_ptr<Indicator> MakeSar(std::span<const double> p) {
  return std::make_unique<Sar>(p[0], p[1]);
}
std::unique_ptr<Indicator> MakeStdDev(std::span<const double> p) {
  return std::make_unique<StdDev>(P(p, 0), p[1]);
}

std::vector<IndicatorSpec> BuildSpecs() {
  std::vector<IndicatorSpec> specs = {
      {"atr",
       "average true range (Wilder)",
       "high,low,close",
       {Period(14, 1)},
       {"value"},
       &MakePeriod<Atr>},
      {"bbands",
       "Bollinger Bands (population stddev; ma_type 0 SMA, 1 EMA)",
       "close",
       {Period(5), Deviations("nbdev_up", 2), Deviations("nbdev_dn", 2),
        ParamSpec{"ma_type", 0, 0, 1, true}},
       {"upper", "middle", "lower", "width", "percent_b"},
       &MakeBBands},
      {"macd",
       "moving average convergence/divergence",
       "close",
       {Period(12, 2, "fast_period"), Period(26, 2, "slow_period"), Period(9, 1, "signal_period")},
       {"macd", "signal", "hist"},
       &MakeMacd},
      {"mom",
       "momentum: close - close n bars ago",
       "close",
       {Period(10, 1)},
       {"value"},
       &MakePeriod<Mom>},
      {"obv", "on-balance volume", "close,volume", {}, {"value"}, &MakeNoParams<Obv>},
      {"roc", "rate of change in percent", "close", {Period(10, 1)}, {"value"}, &MakePeriod<Roc>},
      {"stddev",
       "population standard deviation times nbdev",
       "close",
       {Period(5), Deviations("nbdev", 1)},
       {"value"},
       &MakeStdDev},
      {"stoch",
       "slow stochastic with SMA smoothing",
       "high,low,close",
       {Period(5, 1, "fastk_period"), Period(3, 1, "slowk_period"), Period(3, 1, "slowd_period")},
       {"k", "d"},
       &MakeStoch},
      {"trange", "true range", "high,low,close", {}, {"value"}, &MakeNoParams<TRange>},
      {"willr", "Williams %R", "high,low,close", {Period(14)}, {"value"}, &MakePeriod<WillR>},
      {"dema",
       "double exponential moving average",
       "close",
       {Period(30)},
       {"value"},
       &MakePeriod<Dema>},
      {"tema",
       "triple exponential moving average",
       "close",
       {Period(30)},
       {"value"},
       &MakePeriod<Tema>},
      {"trima", "triangular moving average", "close", {Period(30)}, {"value"}, &MakePeriod<Trima>},
      {"kama",
       "Kaufman adaptive moving average",
       "close",
       {Period(30)},
       {"value"},
       &MakePeriod<Kama>},
      {"t3",
       "Tillson T3 moving average",
       "close",
       {Period(5), ParamSpec{"vfactor", 0.7, 0, 1, false}},
       {"value"},
       &MakeT3},
      {"cci",
       "commodity channel index",
       "high,low,close",
       {Period(14)},
       {"value"},
       &MakePeriod<Cci>},
      {"adx",
       "average directional index with +DI and -DI",
       "high,low,close",
       {Period(14)},
       {"adx", "plus_di", "minus_di"},
       &MakePeriod<Adx>},
      {"adxr",
       "average directional index rating",
       "high,low,close",
       {Period(14)},
       {"value"},
       &MakePeriod<Adxr>},
      {"dx",
       "directional movement index",
       "high,low,close",
       {Period(14)},
       {"value"},
       &MakeDirectional<Directional::Kind::kDx>},
      {"plus_di",
       "plus directional indicator",
       "high,low,close",
       {Period(14, 1)},
       {"value"},
       &MakeDirectional<Directional::Kind::kPlusDi>},
      {"minus_di",
       "minus directional indicator",
       "high,low,close",
       {Period(14, 1)},
       {"value"},
       &MakeDirectional<Directional::Kind::kMinusDi>},
      {"plus_dm",
       "plus directional movement (Wilder sum)",
       "high,low",
       {Period(14, 1)},
       {"value"},
       &MakeDirectional<Directional::Kind::kPlusDm>},
      {"minus_dm",
       "minus directional movement (Wilder sum)",
       "high,low",
       {Period(14, 1)},
       {"value"},
       &MakeDirectional<Directional::Kind::kMinusDm>},
      {"cmo",
       "Chande momentum oscillator (Wilder-smoothed)",
       "close",
       {Period(14)},
       {"value"},
       &MakePeriod<Cmo>},
      {"natr",
       "normalised average true range, percent of close",
       "high,low,close",
       {Period(14, 1)},
       {"value"},
       &MakePeriod<Natr>},
      {"ad",
       "Chaikin accumulation/distribution line",
       "high,low,close,volume",
       {},
       {"value"},
       &MakeNoParams<Ad>},
      {"adosc",
       "Chaikin A/D oscillator: fast EMA - slow EMA of the A/D line",
       "high,low,close,volume",
       {Period(3, 2, "fast_period"), Period(10, 2, "slow_period")},
       {"value"},
       &MakeAdOsc},
      {"mfi",
       "money flow index",
       "high,low,close,volume",
       {Period(14)},
       {"value"},
       &MakePeriod<Mfi>},
      {"apo",
       "absolute price oscillator: fast MA - slow MA (ma_type 0 SMA, 1 EMA)",
       "close",
       {Period(12, 2, "fast_period"), Period(26, 2, "slow_period"),
        ParamSpec{"ma_type", 0, 0, 1, true}},
       {"value"},
       &MakePriceOscillator<PriceOscillator::Kind::kApo>},
      {"ppo",
       "percentage price oscillator: 100 (fast MA - slow MA) / slow MA (ma_type 0 SMA, 1 EMA)",
       "close",
       {Period(12, 2, "fast_period"), Period(26, 2, "slow_period"),
        ParamSpec{"ma_type", 0, 0, 1, true}},
       {"value"},
       &MakePriceOscillator<PriceOscillator::Kind::kPpo>},
      {"trix",
       "one-bar rate of change of a triple EMA, percent",
       "close",
       {Period(30, 1)},
       {"value"},
       &MakePeriod<Trix>},
      {"ultosc",
       "ultimate oscillator",
       "high,low,close",
       {Period(7, 1, "time_period1"), Period(14, 1, "time_period2"), Period(28, 1, "time_period3")},
       {"value"},
       &MakeUltOsc},
      {"aroon",
       "Aroon down, up and oscillator (bars since the high/low)",
       "high,low",
       {Period(14)},
       {"down", "up", "osc"},
       &MakePeriod<Aroon>},
      {"aroonosc",
       "Aroon oscillator: up - down",
       "high,low",
       {Period(14)},
       {"value"},
       &MakePeriod<AroonOsc>},
      {"sar",
       "parabolic stop and reverse",
       "high,low",
       {ParamSpec{"acceleration", 0.02, 0, 3e37, false}, ParamSpec{"maximum", 0.2, 0, 3e37, false}},
       {"value"},
       &MakeSar},
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
  AddTalibExtraSpecs(specs);
  AddPatternAndLevelSpecs(specs);
  AddBandTrendVolumeSpecs(specs);
  AddPriceAndStatisticsSpecs(specs);
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
