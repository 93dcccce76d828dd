// Registry specs: TA-Lib functions beyond the core set (price transforms, regressions, statistics,
// Hilbert transforms).
#include <memory>

#include "indicators/accbands.h"
#include "indicators/ht_dcperiod.h"
#include "indicators/ht_dcphase.h"
#include "indicators/ht_phasor.h"
#include "indicators/ht_sine.h"
#include "indicators/ht_trendline.h"
#include "indicators/ht_trendmode.h"
#include "indicators/imi.h"
#include "indicators/linear_regression.h"
#include "indicators/ma_of_type.h"
#include "indicators/macd.h"
#include "indicators/macd_ext.h"
#include "indicators/mama.h"
#include "indicators/pair_statistics.h"
#include "indicators/price_transform.h"
#include "indicators/rate_of_change.h"
#include "indicators/registry_support.h"
#include "indicators/rolling_range.h"
#include "indicators/rolling_stats.h"
#include "indicators/stoch_fast.h"
#include "indicators/stoch_rsi.h"

namespace pulse::indicators::registry_support {
namespace {

template <PriceTransform::Kind kKind>
std::unique_ptr<Indicator> MakePriceTransform(std::span<const double>) {
  return std::make_unique<PriceTransform>(kKind);
}
template <RollingRange::Kind kKind>
std::unique_ptr<Indicator> MakeRollingRange(std::span<const double> p) {
  return std::make_unique<RollingRange>(kKind, P(p, 0));
}
template <RateOfChange::Kind kKind>
std::unique_ptr<Indicator> MakeRateOfChange(std::span<const double> p) {
  return std::make_unique<RateOfChange>(kKind, P(p, 0));
}

template <LinearRegression::Kind kKind>
std::unique_ptr<Indicator> MakeLinearRegression(std::span<const double> p) {
  return std::make_unique<LinearRegression>(kKind, P(p, 0));
}
MaOfType::Type T(std::span<const double> p, size_t i) {
  return static_cast<MaOfType::Type>(P(p, i));
}
std::unique_ptr<Indicator> MakeMa(std::span<const double> p) {
  return std::make_unique<MaOfType>(P(p, 0), T(p, 1));
}
std::unique_ptr<Indicator> MakeStochF(std::span<const double> p) {
  return std::make_unique<StochF>(P(p, 0), P(p, 1), T(p, 2));
}
std::unique_ptr<Indicator> MakeStochRsi(std::span<const double> p) {
  return std::make_unique<StochRsi>(P(p, 0), P(p, 1), P(p, 2), T(p, 3));
}
std::unique_ptr<Indicator> MakeMacdExt(std::span<const double> p) {
  return std::make_unique<MacdExt>(P(p, 0), T(p, 1), P(p, 2), T(p, 3), P(p, 4), T(p, 5));
}
std::unique_ptr<Indicator> MakeMacdFix(std::span<const double> p) {
  return std::make_unique<Macd>(Macd::Fixed(P(p, 0)));
}
std::unique_ptr<Indicator> MakeMama(std::span<const double> p) {
  return std::make_unique<Mama>(p[0], p[1]);
}

// TA-Lib's MA type numbers, 0 SMA ... 8 T3.
ParamSpec MaType(std::string_view name) { return ParamSpec{name, 0, 0, MaOfType::kMaxType, true}; }

}  // namespace

void AddTalibExtraSpecs(std::vector<IndicatorSpec>& specs) {
  std::vector<IndicatorSpec> extra = {
      // Price transforms.
      {"typprice",
       "typical price (high + low + close) / 3",
       "high,low,close",
       {},
       {"value"},
       &MakePriceTransform<PriceTransform::Kind::kTypPrice>},
      {"medprice",
       "median price (high + low) / 2",
       "high,low",
       {},
       {"value"},
       &MakePriceTransform<PriceTransform::Kind::kMedPrice>},
      {"wclprice",
       "weighted close price (high + low + 2 close) / 4",
       "high,low,close",
       {},
       {"value"},
       &MakePriceTransform<PriceTransform::Kind::kWclPrice>},
      {"avgprice",
       "average price (open + high + low + close) / 4",
       "open,high,low,close",
       {},
       {"value"},
       &MakePriceTransform<PriceTransform::Kind::kAvgPrice>},
      {"bop",
       "balance of power (close - open) / (high - low)",
       "open,high,low,close",
       {},
       {"value"},
       &MakePriceTransform<PriceTransform::Kind::kBop>},
      // Rolling statistics.
      {"max",
       "highest close over period bars",
       "close",
       {Period(30)},
       {"value"},
       &MakeRollingRange<RollingRange::Kind::kMax>},
      {"min",
       "lowest close over period bars",
       "close",
       {Period(30)},
       {"value"},
       &MakeRollingRange<RollingRange::Kind::kMin>},
      {"midpoint",
       "(highest close + lowest close) / 2 over period bars",
       "close",
       {Period(14)},
       {"value"},
       &MakeRollingRange<RollingRange::Kind::kMidPoint>},
      {"midprice",
       "(highest high + lowest low) / 2 over period bars",
       "high,low",
       {Period(14)},
       {"value"},
       &MakeRollingRange<RollingRange::Kind::kMidPrice>},
      {"sum",
       "sum of the close over period bars",
       "close",
       {Period(30)},
       {"value"},
       &MakePeriod<RollingSum>},
      {"var",
       "population variance over period bars (nbdev ignored, as TA-Lib)",
       "close",
       {Period(5, 1), Deviations("nbdev", 1)},
       {"value"},
       &MakePeriod<Variance>},
      {"avgdev",
       "average absolute deviation from the mean over period bars",
       "close",
       {Period(14)},
       {"value"},
       &MakePeriod<AvgDev>},
      {"rocp",
       "rate of change ratio minus one: (close - prev) / prev",
       "close",
       {Period(10, 1)},
       {"value"},
       &MakeRateOfChange<RateOfChange::Kind::kRocp>},
      {"rocr",
       "rate of change ratio: close / prev",
       "close",
       {Period(10, 1)},
       {"value"},
       &MakeRateOfChange<RateOfChange::Kind::kRocr>},
      {"rocr100",
       "rate of change ratio times 100: 100 close / prev",
       "close",
       {Period(10, 1)},
       {"value"},
       &MakeRateOfChange<RateOfChange::Kind::kRocr100>},
      // Oscillators and MACD variants.
      {"stochf",
       "fast stochastic: %K and its moving average %D (TA-Lib MA types)",
       "high,low,close",
       {Period(5, 1, "fastk_period"), Period(3, 1, "fastd_period"), MaType("fastd_ma_type")},
       {"fastk", "fastd"},
       &MakeStochF},
      {"stochrsi",
       "fast stochastic of the RSI",
       "close",
       {Period(14), Period(5, 1, "fastk_period"), Period(3, 1, "fastd_period"),
        MaType("fastd_ma_type")},
       {"fastk", "fastd"},
       &MakeStochRsi},
      {"macdfix",
       "MACD 12/26 with TA-Lib's fixed k 0.15 / 0.075",
       "close",
       {Period(9, 1, "signal_period")},
       {"macd", "signal", "hist"},
       &MakeMacdFix},
      {"macdext",
       "MACD with a moving-average type for each average",
       "close",
       {Period(12, 2, "fast_period"), MaType("fast_ma_type"), Period(26, 2, "slow_period"),
        MaType("slow_ma_type"), Period(9, 1, "signal_period"), MaType("signal_ma_type")},
       {"macd", "signal", "hist"},
       &MakeMacdExt},
      // Moving averages.
      {"ma",
       "moving average of a TA-Lib MA type (0 SMA, 1 EMA, 2 WMA, 3 DEMA, 4 TEMA, 5 TRIMA, "
       "6 KAMA, 7 MAMA, 8 T3)",
       "close",
       {Period(30, 1), MaType("ma_type")},
       {"value"},
       &MakeMa},
      {"mama",
       "MESA adaptive moving average and its following average",
       "close",
       {ParamSpec{"fast_limit", 0.5, 0.01, 0.99, false},
        ParamSpec{"slow_limit", 0.05, 0.01, 0.99, false}},
       {"mama", "fama"},
       &MakeMama},
      // Regression and correlation.
      {"linearreg",
       "least-squares line over period bars, at the newest bar",
       "close",
       {Period(14)},
       {"value"},
       &MakeLinearRegression<LinearRegression::Kind::kLinearReg>},
      {"linearreg_slope",
       "slope of the least-squares line over period bars",
       "close",
       {Period(14)},
       {"value"},
       &MakeLinearRegression<LinearRegression::Kind::kSlope>},
      {"linearreg_angle",
       "angle in degrees of the least-squares line over period bars",
       "close",
       {Period(14)},
       {"value"},
       &MakeLinearRegression<LinearRegression::Kind::kAngle>},
      {"linearreg_intercept",
       "least-squares line over period bars, at the oldest bar",
       "close",
       {Period(14)},
       {"value"},
       &MakeLinearRegression<LinearRegression::Kind::kIntercept>},
      {"tsf",
       "time series forecast: the least-squares line one bar ahead",
       "close",
       {Period(14)},
       {"value"},
       &MakeLinearRegression<LinearRegression::Kind::kTsf>},
      {"beta",
       "beta of the low's one-bar returns against the high's (TA-Lib BETA with real0 = high, real1 "
       "= low)",
       "high,low",
       {Period(5, 1)},
       {"value"},
       &MakePeriod<Beta>},
      {"correl",
       "Pearson correlation of high and low (TA-Lib CORREL with real0 = high, real1 = low)",
       "high,low",
       {Period(30, 1)},
       {"value"},
       &MakePeriod<Correl>},
      // Bands and intraday momentum.
      {"accbands",
       "acceleration bands",
       "high,low,close",
       {Period(20)},
       {"upper", "middle", "lower"},
       &MakePeriod<AccBands>},
      {"imi", "intraday momentum index", "open,close", {Period(14)}, {"value"}, &MakePeriod<Imi>},
      // Hilbert transform (cycle indicators).
      {"ht_trendline",
       "Hilbert transform instantaneous trendline",
       "close",
       {},
       {"value"},
       &MakeNoParams<HtTrendline>},
      {"ht_dcperiod",
       "Hilbert transform dominant cycle period, in bars",
       "close",
       {},
       {"value"},
       &MakeNoParams<HtDcPeriod>},
      {"ht_dcphase",
       "Hilbert transform dominant cycle phase, in degrees",
       "close",
       {},
       {"value"},
       &MakeNoParams<HtDcPhase>},
      {"ht_phasor",
       "Hilbert transform phasor components",
       "close",
       {},
       {"inphase", "quadrature"},
       &MakeNoParams<HtPhasor>},
      {"ht_sine",
       "Hilbert transform sine wave and lead sine (45 degrees ahead)",
       "close",
       {},
       {"sine", "leadsine"},
       &MakeNoParams<HtSine>},
      {"ht_trendmode",
       "Hilbert transform trend mode: 1 trend, 0 cycle",
       "close",
       {},
       {"value"},
       &MakeNoParams<HtTrendMode>},
  };
  for (IndicatorSpec& spec : extra) specs.push_back(std::move(spec));
}

}  // namespace pulse::indicators::registry_support
