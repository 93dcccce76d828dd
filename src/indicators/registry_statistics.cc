// Registry specs: price features, rolling statistics and derived features.
#include "indicators/price_features.h"
#include "indicators/registry_support.h"
#include "indicators/rolling_moments.h"

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
  };
  specs.insert(specs.end(), mine.begin(), mine.end());
}

}  // namespace pulse::indicators::registry_support
