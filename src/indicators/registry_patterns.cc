// Registry specs: candlestick patterns (TA-Lib conventions) and price levels.
#include <memory>

#include "indicators/candle_patterns_double.h"
#include "indicators/candle_patterns_single.h"
#include "indicators/candle_patterns_triple.h"
#include "indicators/levels.h"
#include "indicators/pivots.h"
#include "indicators/registry_support.h"

namespace pulse::indicators::registry_support {
namespace {

constexpr std::string_view kOhlc = "open,high,low,close";

// TA-Lib's optInPenetration: a real number in [0, 3e37].
ParamSpec Penetration(double default_value) {
  return ParamSpec{"penetration", default_value, 0, 3e37, false};
}

IndicatorSpec Pattern(std::string_view name, std::string_view description,
                      std::unique_ptr<Indicator> (*factory)(std::span<const double>),
                      std::vector<ParamSpec> params = {}) {
  return IndicatorSpec{name, description, kOhlc, std::move(params), {"value"}, factory};
}

template <typename T, bool kFlag>
std::unique_ptr<Indicator> MakeFlag(std::span<const double>) {
  return std::make_unique<T>(kFlag);
}

template <bool kBearish, bool kDoji>
std::unique_ptr<Indicator> MakeStar(std::span<const double> params) {
  return std::make_unique<CdlMorningStar>(kBearish, kDoji, params[0]);
}

std::unique_ptr<Indicator> MakeDarkCloudCover(std::span<const double> params) {
  return std::make_unique<CdlDarkCloudCover>(params[0]);
}

std::unique_ptr<Indicator> MakeSupportResistance(std::span<const double> params) {
  return std::make_unique<SupportResistance>(P(params, 0), P(params, 1));
}

}  // namespace

void AddPatternAndLevelSpecs(std::vector<IndicatorSpec>& specs) {
  // Candlestick patterns: 100 bullish, -100 bearish, 0 none (80 / -80: TA-Lib's weaker forms).
  specs.push_back(Pattern("cdldoji", "Doji: open and close (almost) equal", MakeNoParams<CdlDoji>));
  specs.push_back(Pattern("cdlhammer", "Hammer: small body, long lower shadow, near prior lows",
                          MakeFlag<CdlHammer, false>));
  specs.push_back(Pattern("cdlhangingman",
                          "Hanging man: hammer shape near the prior candle's highs (bearish)",
                          MakeFlag<CdlHammer, true>));
  specs.push_back(Pattern("cdlinvertedhammer",
                          "Inverted hammer: small body, long upper shadow, gapping down",
                          MakeFlag<CdlInvertedHammer, false>));
  specs.push_back(Pattern("cdlshootingstar",
                          "Shooting star: small body, long upper shadow, gapping up (bearish)",
                          MakeFlag<CdlInvertedHammer, true>));
  specs.push_back(Pattern("cdlmarubozu", "Marubozu: long body without shadows (signed by colour)",
                          MakeNoParams<CdlMarubozu>));
  specs.push_back(Pattern("cdlspinningtop",
                          "Spinning top: small body, shadows longer than the body (by colour)",
                          MakeNoParams<CdlSpinningTop>));
  specs.push_back(Pattern("cdldragonflydoji", "Dragonfly doji: doji with a long lower shadow",
                          MakeFlag<CdlDragonflyDoji, false>));
  specs.push_back(Pattern("cdlgravestonedoji", "Gravestone doji: doji with a long upper shadow",
                          MakeFlag<CdlDragonflyDoji, true>));
  specs.push_back(Pattern("cdlengulfing", "Engulfing: body engulfs the prior opposite body",
                          MakeNoParams<CdlEngulfing>));
  specs.push_back(Pattern("cdlharami", "Harami: small body inside the prior long body",
                          MakeFlag<CdlHarami, false>));
  specs.push_back(Pattern("cdlharamicross", "Harami cross: doji inside the prior long body",
                          MakeFlag<CdlHarami, true>));
  specs.push_back(Pattern("cdlpiercing",
                          "Piercing line: white opens below the prior low, closes past mid-body",
                          MakeNoParams<CdlPiercing>));
  specs.push_back(Pattern("cdldarkcloudcover",
                          "Dark cloud cover: black opens above the prior high, closes into body",
                          MakeDarkCloudCover, {Penetration(0.5)}));
  specs.push_back(Pattern("cdldojistar", "Doji star: doji gapping away from a long body",
                          MakeNoParams<CdlDojiStar>));
  specs.push_back(Pattern("cdlmorningstar",
                          "Morning star: long black, gapped small body, strong white",
                          MakeStar<false, false>, {Penetration(0.3)}));
  specs.push_back(Pattern("cdleveningstar",
                          "Evening star: long white, gapped small body, strong black",
                          MakeStar<true, false>, {Penetration(0.3)}));
  specs.push_back(Pattern("cdlmorningdojistar",
                          "Morning doji star: long black, gapped doji, strong white",
                          MakeStar<false, true>, {Penetration(0.3)}));
  specs.push_back(Pattern("cdleveningdojistar",
                          "Evening doji star: long white, gapped doji, strong black",
                          MakeStar<true, true>, {Penetration(0.3)}));
  specs.push_back(Pattern("cdl3whitesoldiers", "Three white soldiers: three rising white candles",
                          MakeNoParams<Cdl3WhiteSoldiers>));
  specs.push_back(Pattern("cdl3blackcrows",
                          "Three black crows: three falling black candles after a white one",
                          MakeNoParams<Cdl3BlackCrows>));

  // Price levels.
  specs.push_back(
      IndicatorSpec{"pivots",
                    "Classic floor pivots (P, R1-R3, S1-S3) of the previous completed UTC session",
                    "open_time,high,low,close",
                    {ParamSpec{"session_minutes", 1440, 1, 527040, true}},
                    {"p", "r1", "r2", "r3", "s1", "s2", "s3"},
                    MakePeriod<Pivots>});
  specs.push_back(IndicatorSpec{
      "support_resistance",
      "Last confirmed swing low / high in the window, else the lowest low / highest high",
      "high,low",
      {Period(20), ParamSpec{"strength", 2, 1, 1000, true}},
      {"support", "resistance"},
      MakeSupportResistance});
  specs.push_back(IndicatorSpec{
      "fibonacci",
      "Fibonacci retracements of the swing between the highest high and lowest low",
      "high,low",
      {Period(50)},
      {"level_236", "level_382", "level_500", "level_618", "level_786", "swing_high", "swing_low"},
      MakePeriod<Fibonacci>});
}

}  // namespace pulse::indicators::registry_support
