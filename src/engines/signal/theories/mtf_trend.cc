#include "engines/signal/theories/mtf_trend.h"

#include <algorithm>
#include <cmath>

#include "engines/signal/append_format.h"

namespace pulse::signal {

const TheoryInfo& MtfTrend::Info() {
  static const TheoryInfo info = {
      "mtf_trend",
      "close vs 1h and 4h EMA 50 and 15m and 1h MACD histograms: votes only when all agree",
      {{"full_distance_pct", 1.0, 1e-6, 100, false,
        "distance of the close from each average, in percent, at which its part reaches 1"},
       {"full_momentum_pct", 0.1, 1e-6, 100, false,
        "MACD histogram in percent of the close at which its part reaches 1"}},
      {{"trend_ema_1", "1h.ema_50", "first higher-timeframe average the close is compared with"},
       {"trend_ema_2", "4h.ema_50", "second higher-timeframe average"},
       {"momentum_1", "15m.macd_12_26_9.hist", "first momentum (MACD histogram)"},
       {"momentum_2", "1h.macd_12_26_9.hist", "second momentum (MACD histogram)"}}};
  return info;
}

Result<std::unique_ptr<Theory>> MtfTrend::Create(const TheorySettings& settings) {
  return std::unique_ptr<Theory>(new MtfTrend(settings));
}

MtfTrend::MtfTrend(const TheorySettings& settings)
    : RuleTheory(Info(), settings.features),
      full_distance_pct_(settings.params[kFullDistancePct]),
      full_momentum_pct_(settings.params[kFullMomentumPct]) {}

Opinion MtfTrend::Evaluate(const FeatureView& view) const {
  const double close = Close(view);
  const double ema_1 = Current(view, kTrendEma1);
  const double ema_2 = Current(view, kTrendEma2);
  const double momentum_1 = Current(view, kMomentum1);
  const double momentum_2 = Current(view, kMomentum2);
  if (AnyNaN({close, ema_1, ema_2, momentum_1, momentum_2}) || close <= 0 || ema_1 <= 0 ||
      ema_2 <= 0) {
    return {};
  }
  const bool up = close > ema_1 && close > ema_2 && momentum_1 > 0 && momentum_2 > 0;
  const bool down = close < ema_1 && close < ema_2 && momentum_1 < 0 && momentum_2 < 0;
  if (!up && !down) return {};
  const double strength =
      std::min({Ramp(std::abs(100 * (close - ema_1) / ema_1), 0, full_distance_pct_),
                Ramp(std::abs(100 * (close - ema_2) / ema_2), 0, full_distance_pct_),
                Ramp(std::abs(100 * momentum_1 / close), 0, full_momentum_pct_),
                Ramp(std::abs(100 * momentum_2 / close), 0, full_momentum_pct_)});
  return {up ? Vote::kLong : Vote::kShort, strength};
}

void MtfTrend::AppendExplanation(const FeatureView& view, std::string* out) const {
  const double close = Close(view);
  const double ema_1 = Current(view, kTrendEma1);
  const double ema_2 = Current(view, kTrendEma2);
  const double momentum_1 = Current(view, kMomentum1);
  const double momentum_2 = Current(view, kMomentum2);
  const Opinion opinion = Evaluate(view);
  if (AnyNaN({close, ema_1, ema_2, momentum_1, momentum_2})) {
    out->append("a timeframe's trend or momentum is not available yet: no vote");
    return;
  }
  const std::vector<std::string>& names = feature_names();
  AppendFormat(out, FMT_COMPILE("close {:.6g} vs {} {:.6g} and {} {:.6g}; {} {:+.6g}, {} {:+.6g}"),
               close, names[kTrendEma1], ema_1, names[kTrendEma2], ema_2, names[kMomentum1],
               momentum_1, names[kMomentum2], momentum_2);
  if (opinion.vote == Vote::kNone) {
    out->append(": timeframes disagree, no vote");
    return;
  }
  AppendFormat(out, FMT_COMPILE(": all timeframes agree {}, strength {:.2f}"),
               opinion.vote == Vote::kLong ? "up" : "down", opinion.strength);
}

}  // namespace pulse::signal
