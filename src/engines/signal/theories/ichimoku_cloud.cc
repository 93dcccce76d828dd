#include "engines/signal/theories/ichimoku_cloud.h"

#include <algorithm>

#include "engines/signal/append_format.h"

namespace pulse::signal {

const TheoryInfo& IchimokuCloud::Info() {
  static const TheoryInfo info = {
      "ichimoku_cloud",
      "close above the Ichimoku cloud votes long, below it short (with tenkan/kijun and chikou "
      "confirmation)",
      {{"full_distance_pct", 1.0, 1e-6, 100, false,
        "distance from the cloud edge in percent of the close at which the strength reaches 1"},
       {"confirm_tenkan_kijun", 1, 0, 1, true, "1: tenkan must be beyond kijun in the vote's way"},
       {"confirm_chikou", 1, 0, 1, true,
        "1: the close must be beyond the close displacement bars back"}},
      {{"close", "ichimoku.chikou", "the close (Ichimoku's chikou output is the close itself)"},
       {"senkou_a", "ichimoku.senkou_a", "leading span A at this bar"},
       {"senkou_b", "ichimoku.senkou_b", "leading span B at this bar"},
       {"tenkan", "ichimoku.tenkan", "conversion line"},
       {"kijun", "ichimoku.kijun", "base line"},
       {"chikou_vs_price", "ichimoku.chikou_vs_price",
        "close minus the close displacement bars back"}}};
  return info;
}

Result<std::unique_ptr<Theory>> IchimokuCloud::Create(const TheorySettings& settings) {
  return std::unique_ptr<Theory>(new IchimokuCloud(settings));
}

IchimokuCloud::IchimokuCloud(const TheorySettings& settings)
    : RuleTheory(Info(), settings.features),
      full_distance_pct_(settings.params[kFullDistancePct]),
      confirm_tenkan_kijun_(settings.params[kConfirmTenkanKijun] != 0),
      confirm_chikou_(settings.params[kConfirmChikou] != 0) {}

Opinion IchimokuCloud::Evaluate(const FeatureView& view) const {
  const double close = Current(view, kClose);
  const double span_a = Current(view, kSenkouA);
  const double span_b = Current(view, kSenkouB);
  const double tenkan = Current(view, kTenkan);
  const double kijun = Current(view, kKijun);
  const double chikou = Current(view, kChikouVsPrice);
  if (AnyNaN({close, span_a, span_b}) || close <= 0) return {};
  if (confirm_tenkan_kijun_ && AnyNaN({tenkan, kijun})) return {};
  if (confirm_chikou_ && AnyNaN({chikou})) return {};
  const double top = std::max(span_a, span_b);
  const double bottom = std::min(span_a, span_b);
  if (close > top && (!confirm_tenkan_kijun_ || tenkan > kijun) &&
      (!confirm_chikou_ || chikou > 0)) {
    return {Vote::kLong, Ramp(100 * (close - top) / close, 0, full_distance_pct_)};
  }
  if (close < bottom && (!confirm_tenkan_kijun_ || tenkan < kijun) &&
      (!confirm_chikou_ || chikou < 0)) {
    return {Vote::kShort, Ramp(100 * (bottom - close) / close, 0, full_distance_pct_)};
  }
  return {};
}

void IchimokuCloud::AppendExplanation(const FeatureView& view, std::string* out) const {
  const double close = Current(view, kClose);
  const double span_a = Current(view, kSenkouA);
  const double span_b = Current(view, kSenkouB);
  const double tenkan = Current(view, kTenkan);
  const double kijun = Current(view, kKijun);
  const double chikou = Current(view, kChikouVsPrice);
  const Opinion opinion = Evaluate(view);
  if (AnyNaN({close, span_a, span_b})) {
    out->append("Ichimoku cloud not available yet: no vote");
    return;
  }
  const double top = std::max(span_a, span_b);
  const double bottom = std::min(span_a, span_b);
  const char* where = close > top ? "above" : (close < bottom ? "below" : "inside");
  AppendFormat(out,
               FMT_COMPILE("close {:.6g} {} the cloud {:.6g}..{:.6g}, tenkan {:.6g}, kijun {:.6g}, "
                           "chikou vs price {:+.6g}"),
               close, where, bottom, top, tenkan, kijun, chikou);
  if (opinion.vote == Vote::kNone) {
    out->append(": no vote");
    return;
  }
  AppendFormat(out, FMT_COMPILE(": {}, strength {:.2f}"),
               opinion.vote == Vote::kLong ? "bullish" : "bearish", opinion.strength);
}

}  // namespace pulse::signal
