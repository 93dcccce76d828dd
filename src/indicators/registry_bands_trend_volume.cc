// Registry specs: bands, channels, trend and volume indicators TA-Lib does not have.
#include "indicators/ao.h"
#include "indicators/chaikin_volatility.h"
#include "indicators/donchian.h"
#include "indicators/hist_volatility.h"
#include "indicators/hma.h"
#include "indicators/ichimoku.h"
#include "indicators/keltner.h"
#include "indicators/registry_support.h"
#include "indicators/supertrend.h"
#include "indicators/volume_features.h"
#include "indicators/vwap.h"
#include "indicators/vwma.h"

namespace pulse::indicators::registry_support {
namespace {

std::unique_ptr<Indicator> MakeAo(std::span<const double> p) {
  return std::make_unique<Ao>(P(p, 0), P(p, 1));
}
std::unique_ptr<Indicator> MakeEom(std::span<const double> p) {
  return std::make_unique<Eom>(P(p, 0), p[1]);
}

std::unique_ptr<Indicator> MakeKeltner(std::span<const double> p) {
  return std::make_unique<Keltner>(P(p, 0), p[1], P(p, 2));
}
std::unique_ptr<Indicator> MakeHistVolatility(std::span<const double> p) {
  return std::make_unique<HistVolatility>(P(p, 0), p[1], p[2] != 0.0, p[3] != 0.0);
}
std::unique_ptr<Indicator> MakeIchimoku(std::span<const double> p) {
  return std::make_unique<Ichimoku>(P(p, 0), P(p, 1), P(p, 2), P(p, 3));
}
std::unique_ptr<Indicator> MakeSupertrend(std::span<const double> p) {
  return std::make_unique<Supertrend>(P(p, 0), p[1]);
}

// A 0/1 switch.
ParamSpec Flag(std::string_view name, double default_value) {
  return ParamSpec{name, default_value, 0, 1, true};
}

}  // namespace

void AddBandTrendVolumeSpecs(std::vector<IndicatorSpec>& specs) {
  const std::vector<IndicatorSpec> mine = {
      {"hma",
       "Hull moving average: WMA(sqrt n) of 2 WMA(n/2) - WMA(n) (Tulip's rounding)",
       "close",
       {Period(9)},
       {"value"},
       &MakePeriod<Hma>},
      {"vwma",
       "volume-weighted moving average of the close",
       "close,volume",
       {Period(20, 1)},
       {"value"},
       &MakePeriod<Vwma>},
      {"ao",
       "awesome oscillator: SMA(fast) - SMA(slow) of the median price",
       "high,low",
       {Period(5, 1, "fast_period"), Period(34, 1, "slow_period")},
       {"value"},
       &MakeAo},
      {"cmf",
       "Chaikin money flow: sum(money flow volume) / sum(volume)",
       "high,low,close,volume",
       {Period(20, 1)},
       {"value"},
       &MakePeriod<Cmf>},
      {"force_index",
       "Elder's force index: EMA of (close - previous close) * volume",
       "close,volume",
       {Period(13, 1)},
       {"value"},
       &MakePeriod<ForceIndex>},
      {"eom",
       "ease of movement (Tulip's emv scaling), SMA-smoothed; period 1 is unsmoothed",
       "high,low,volume",
       {Period(14, 1), ParamSpec{"divisor", 10000, 1e-300, 3e37, false}},
       {"value"},
       &MakeEom},
      {"vwap",
       "volume-weighted average price anchored at each session (UTC day by default)",
       "open_time,high,low,close,volume",
       {ParamSpec{"session_minutes", 1440, 1, 5256000, true}},
       {"value"},
       &MakePeriod<Vwap>},
      {"keltner",
       "Keltner channel: EMA(period) +/- multiplier * ATR(atr_period)",
       "high,low,close",
       {Period(20), Deviations("multiplier", 2), Period(10, 1, "atr_period")},
       {"upper", "middle", "lower"},
       &MakeKeltner},
      {"donchian",
       "Donchian channel: highest high, midpoint, lowest low",
       "high,low",
       {Period(20, 1)},
       {"upper", "middle", "lower"},
       &MakePeriod<Donchian>},
      {"chaikin_volatility",
       "Chaikin volatility: percent ROC over period of an EMA(period) of high - low (Tulip's cvi)",
       "high,low",
       {Period(10, 1)},
       {"value"},
       &MakePeriod<ChaikinVolatility>},
      {"hist_volatility",
       "annualised realised volatility of log (or simple) returns, sample (or population)",
       "close",
       {Period(20), ParamSpec{"periods_per_year", 105120, 1e-9, 1e12, false}, Flag("sample", 1),
        Flag("log_returns", 1)},
       {"value"},
       &MakeHistVolatility},
      {"ichimoku",
       "Ichimoku without look-ahead: spans as known at each bar, chikou vs price",
       "high,low,close",
       {Period(9, 1, "conversion_period"), Period(26, 1, "base_period"),
        Period(52, 1, "span_b_period"), ParamSpec{"displacement", 26, 0, kMaxPeriod, true}},
       {"tenkan", "kijun", "senkou_a", "senkou_b", "chikou", "chikou_vs_price"},
       &MakeIchimoku},
      {"supertrend",
       "Supertrend: ATR trailing band with direction +1 up / -1 down",
       "high,low,close",
       {Period(10, 1), Deviations("multiplier", 3)},
       {"value", "direction"},
       &MakeSupertrend},
      {"volume_change",
       "percent change of the volume against the previous bar",
       "volume",
       {},
       {"value"},
       &MakeNoParams<VolumeChange>},
      {"volume_ratio",
       "volume / SMA(period) of the volume, current bar included; 0 when the average is 0",
       "volume",
       {Period(20, 1)},
       {"value"},
       &MakePeriod<VolumeRatio>},
  };
  specs.insert(specs.end(), mine.begin(), mine.end());
}

}  // namespace pulse::indicators::registry_support
