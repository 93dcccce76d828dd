#include "engines/signal/theories/macd_cross.h"

#include <cmath>

#include "engines/signal/append_format.h"

namespace pulse::signal {

const TheoryInfo& MacdCross::Info() {
  static const TheoryInfo info = {
      "macd_cross",
      "MACD line crossing its signal line votes in the direction of the cross",
      {{"full_hist_pct", 0.05, 1e-6, 100, false,
        "histogram in percent of the price at which the strength reaches 1"},
       {"zero_line", 0, 0, 1, true,
        "1: long crosses only below the zero line, short crosses only above it"}},
      {{"hist", "macd_12_26_9.hist", "the MACD histogram (MACD - signal)"},
       {"macd", "macd_12_26_9.macd", "the MACD line"}}};
  return info;
}

Result<std::unique_ptr<Theory>> MacdCross::Create(const TheorySettings& settings) {
  return std::unique_ptr<Theory>(new MacdCross(settings));
}

MacdCross::MacdCross(const TheorySettings& settings)
    : RuleTheory(Info(), settings.features),
      full_hist_pct_(settings.params[kFullHistPct]),
      zero_line_(settings.params[kZeroLine] != 0) {}

Opinion MacdCross::Evaluate(const FeatureView& view) const {
  const double hist = Current(view, kHist);
  const double previous = Previous(view, kHist);
  const double macd = Current(view, kMacd);
  const double close = Close(view);
  if (AnyNaN({hist, previous, macd, close}) || close <= 0) return {};
  const double strength = Ramp(100 * std::abs(hist) / close, 0, full_hist_pct_);
  if (previous <= 0 && hist > 0 && (!zero_line_ || macd < 0)) return {Vote::kLong, strength};
  if (previous >= 0 && hist < 0 && (!zero_line_ || macd > 0)) return {Vote::kShort, strength};
  return {};
}

void MacdCross::AppendExplanation(const FeatureView& view, std::string* out) const {
  const double hist = Current(view, kHist);
  const double previous = Previous(view, kHist);
  const double macd = Current(view, kMacd);
  const Opinion opinion = Evaluate(view);
  if (opinion.vote != Vote::kNone) {
    const bool up = opinion.vote == Vote::kLong;
    AppendFormat(out,
                 FMT_COMPILE("MACD crossed {} its signal: histogram {:.6g} -> {:.6g} ({:.4f}% of "
                             "price {:.6g}), MACD {:.6g}, strength {:.2f}"),
                 up ? "above" : "below", previous, hist, 100 * std::abs(hist) / Close(view),
                 Close(view), macd, opinion.strength);
    return;
  }
  if (AnyNaN({hist, previous, macd, Close(view)})) {
    out->append("MACD histogram of this or the previous bar not available yet: no vote");
    return;
  }
  AppendFormat(out,
               FMT_COMPILE("MACD histogram {:.6g} -> {:.6g}, MACD {:.6g}: no {}cross, no vote"),
               previous, hist, macd, zero_line_ ? "far-side " : "");
}

}  // namespace pulse::signal
