// Registry specs: price features, rolling statistics and derived features.
#include "indicators/autocorr.h"
#include "indicators/ema_cross.h"
#include "indicators/hurst.h"
#include "indicators/percentile_rank.h"
#include "indicators/price_features.h"
#include "indicators/registry_support.h"
#include "indicators/return_entropy.h"
#include "indicators/rolling_moments.h"
#include "indicators/trend_flags.h"

namespace pulse::indicators::registry_support {
namespace {

template <PriceChange::Kind kKind>
std::unique_ptr<Indicator> MakePriceChange(std::span<const double>) {
  return std::make_unique<PriceChange>(kKind);
}
template <BarRange::Kind kKind>
std::unique_ptr<Indicator> MakeBarRange(std::span<const double>) {
  return std::make_unique<BarRange>(kKind);
}
template <ReturnMoments::Kind kKind>
std::unique_ptr<Indicator> MakeReturnMoments(std::span<const double> p) {
  return std::make_unique<ReturnMoments>(kKind, P(p, 0));
}

std::unique_ptr<Indicator> MakeAutocorr(std::span<const double> p) {
  return std::make_unique<Autocorr>(P(p, 0), P(p, 1));
}
std::unique_ptr<Indicator> MakeReturnEntropy(std::span<const double> p) {
  return std::make_unique<ReturnEntropy>(P(p, 0), P(p, 1));
}
std::unique_ptr<Indicator> MakeEmaCross(std::span<const double> p) {
  return std::make_unique<EmaCross>(P(p, 0), P(p, 1));
}
std::unique_ptr<Indicator> MakeTrendFlags(std::span<const double> p) {
  return std::make_unique<TrendFlags>(P(p, 0), P(p, 1), P(p, 2), p[3]);
}

}  // namespace

void AddPriceAndStatisticsSpecs(std::vector<IndicatorSpec>& specs) {
  const std::vector<IndicatorSpec> mine = {
      {"change",
       "one-bar change of the close: close - previous close",
       "close",
       {},
       {"value"},
       &MakePriceChange<PriceChange::Kind::kChange>},
      {"change_pct",
       "one-bar change of the close in percent of the previous close",
       "close",
       {},
       {"value"},
       &MakePriceChange<PriceChange::Kind::kPercent>},
      {"log_return",
       "one-bar log return: ln(close / previous close)",
       "close",
       {},
       {"value"},
       &MakePriceChange<PriceChange::Kind::kLog>},
      {"range",
       "bar range: high - low",
       "high,low",
       {},
       {"value"},
       &MakeBarRange<BarRange::Kind::kRange>},
      {"range_pct",
       "bar range in percent of the close: 100 (high - low) / close",
       "high,low,close",
       {},
       {"value"},
       &MakeBarRange<BarRange::Kind::kPercent>},
      {"close_position",
       "close position in the bar's range: (close - low) / (high - low), 0.5 when flat",
       "high,low,close",
       {},
       {"value"},
       &MakeBarRange<BarRange::Kind::kClosePosition>},
      {"zscore",
       "z-score of the close over the window (sample standard deviation)",
       "close",
       {Period(20)},
       {"value"},
       &MakePeriod<ZScore>},
      {"skew",
       "skewness of log returns over the window (bias-corrected, as pandas)",
       "close",
       {Period(20, 3)},
       {"value"},
       &MakeReturnMoments<ReturnMoments::Kind::kSkew>},
      {"kurtosis",
       "excess kurtosis of log returns over the window (bias-corrected, as pandas)",
       "close",
       {Period(20, 4)},
       {"value"},
       &MakeReturnMoments<ReturnMoments::Kind::kKurtosis>},
      {"percentile_rank",
       "percentile rank of the close among the previous period closes (ties count half), 0..100",
       "close",
       {Period(20, 1)},
       {"value"},
       &MakePeriod<PercentileRank>},
      {"autocorr",
       "autocorrelation of log returns at a lag over the window (Pearson, as pandas)",
       "close",
       {Period(20, 3), ParamSpec{"lag", 1, 1, kMaxPeriod, true}},
       {"value"},
       &MakeAutocorr},
      {"hurst",
       "Hurst exponent of log returns by rescaled range over the window",
       "close",
       {Period(100, 16)},
       {"value"},
       &MakePeriod<Hurst>},
      {"entropy",
       "normalised Shannon entropy of log returns in equal-width bins over the window, 0..1",
       "close",
       {Period(20), ParamSpec{"bins", 10, 2, 1000, true}},
       {"value"},
       &MakeReturnEntropy},
      {"price_sma_ratio",
       "relative distance of the close from its SMA: close / SMA - 1",
       "close",
       {Period(20)},
       {"value"},
       &MakePeriod<PriceSmaRatio>},
      {"ema_cross",
       "EMA crossover: state +1 fast above slow, -1 below, 0 equal; bars since it changed",
       "close",
       {Period(9, 2, "fast_period"), Period(21, 2, "slow_period")},
       {"state", "bars_since"},
       &MakeEmaCross},
      {"trend_flags",
       "1/0 flags close > SMA(slow), SMA(fast) > SMA(slow), ADX > threshold; direction +1/-1/0",
       "high,low,close",
       {Period(20, 2, "fast_period"), Period(50, 2, "slow_period"), Period(14, 2, "adx_period"),
        ParamSpec{"threshold", 25, 0, 100, false}},
       {"above_sma", "sma_stack", "adx_trending", "direction"},
       &MakeTrendFlags},
  };
  specs.insert(specs.end(), mine.begin(), mine.end());
}

}  // namespace pulse::indicators::registry_support
