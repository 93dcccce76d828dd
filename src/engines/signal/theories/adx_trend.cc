#include "engines/signal/theories/adx_trend.h"

#include <algorithm>
#include <cmath>

#include "engines/signal/append_format.h"

namespace pulse::signal {

const TheoryInfo& AdxTrend::Info() {
  static const TheoryInfo info = {
      "adx_trend",
      "ADX above the threshold votes in the direction of the stronger directional indicator",
      {{"threshold", 25, 0, 99, false, "ADX strictly above this means a trend"},
       {"full_adx", 50, 1, 100, false, "ADX at which the trend part reaches 1"},
       {"full_di_spread", 20, 1e-6, 100, false,
        "|+DI - -DI| at which the direction part reaches 1"}},
      {{"adx", "adx_14.adx", "ADX"},
       {"plus_di", "adx_14.plus_di", "+DI"},
       {"minus_di", "adx_14.minus_di", "-DI"}}};
  return info;
}

Result<std::unique_ptr<Theory>> AdxTrend::Create(const TheorySettings& settings) {
  const auto& p = settings.params;
  if (!(p[kThreshold] < p[kFullAdx])) {
    return InvalidArgumentError("theory adx_trend: full_adx ({}) must be above threshold ({})",
                                p[kFullAdx], p[kThreshold]);
  }
  return std::unique_ptr<Theory>(new AdxTrend(settings));
}

AdxTrend::AdxTrend(const TheorySettings& settings)
    : RuleTheory(Info(), settings.features),
      threshold_(settings.params[kThreshold]),
      full_adx_(settings.params[kFullAdx]),
      full_di_spread_(settings.params[kFullDiSpread]) {}

Opinion AdxTrend::Evaluate(const FeatureView& view) const {
  const double adx = Current(view, kAdx);
  const double plus_di = Current(view, kPlusDi);
  const double minus_di = Current(view, kMinusDi);
  if (AnyNaN({adx, plus_di, minus_di}) || !(adx > threshold_)) return {};
  const double strength = std::min(Ramp(adx, threshold_, full_adx_),
                                   Ramp(std::abs(plus_di - minus_di), 0, full_di_spread_));
  if (plus_di > minus_di) return {Vote::kLong, strength};
  if (minus_di > plus_di) return {Vote::kShort, strength};
  return {};
}

void AdxTrend::AppendExplanation(const FeatureView& view, std::string* out) const {
  const double adx = Current(view, kAdx);
  const double plus_di = Current(view, kPlusDi);
  const double minus_di = Current(view, kMinusDi);
  const Opinion opinion = Evaluate(view);
  if (opinion.vote != Vote::kNone) {
    const bool up = opinion.vote == Vote::kLong;
    AppendFormat(
        out,
        FMT_COMPILE("ADX {:.2f} > {:g} (trending) with {} {:.2f} > {} {:.2f}: {}, strength "
                    "{:.2f}"),
        adx, threshold_, up ? "+DI" : "-DI", up ? plus_di : minus_di, up ? "-DI" : "+DI",
        up ? minus_di : plus_di, up ? "uptrend" : "downtrend", opinion.strength);
    return;
  }
  if (AnyNaN({adx, plus_di, minus_di})) {
    out->append("ADX or DI not available yet: no vote");
    return;
  }
  AppendFormat(out, FMT_COMPILE("ADX {:.2f} (threshold {:g}), +DI {:.2f}, -DI {:.2f}: no vote"),
               adx, threshold_, plus_di, minus_di);
}

}  // namespace pulse::signal
