#include "engines/signal/theories/bollinger_breakout.h"

#include "engines/signal/append_format.h"

namespace pulse::signal {

const TheoryInfo& BollingerBreakout::Info() {
  static const TheoryInfo info = {
      "bollinger_breakout",
      "close above the upper Bollinger band votes long, below the lower band short",
      {{"full_excess", 0.5, 0.01, 10, false,
        "distance beyond the band, in band widths (%b units), at which the strength reaches 1"},
       {"require_cross", 1, 0, 1, true, "1: vote only on the bar whose close leaves the band"}},
      {{"percent_b", "bbands_20_2_2.percent_b", "%b: (close - lower) / (upper - lower)"},
       {"upper", "bbands_20_2_2.upper", "the upper band (for the rationale)"},
       {"lower", "bbands_20_2_2.lower", "the lower band (for the rationale)"}}};
  return info;
}

Result<std::unique_ptr<Theory>> BollingerBreakout::Create(const TheorySettings& settings) {
  return std::unique_ptr<Theory>(new BollingerBreakout(settings));
}

BollingerBreakout::BollingerBreakout(const TheorySettings& settings)
    : RuleTheory(Info(), settings.features),
      full_excess_(settings.params[kFullExcess]),
      require_cross_(settings.params[kRequireCross] != 0) {}

Opinion BollingerBreakout::Evaluate(const FeatureView& view) const {
  const double percent_b = Current(view, kPercentB);
  const double previous = Previous(view, kPercentB);
  if (percent_b > 1 && (!require_cross_ || previous <= 1)) {
    return {Vote::kLong, Ramp(percent_b, 1, 1 + full_excess_)};
  }
  if (percent_b < 0 && (!require_cross_ || previous >= 0)) {
    return {Vote::kShort, Ramp(percent_b, 0, -full_excess_)};
  }
  return {};  // NaN compares false
}

void BollingerBreakout::AppendExplanation(const FeatureView& view, std::string* out) const {
  const double percent_b = Current(view, kPercentB);
  const double previous = Previous(view, kPercentB);
  const double upper = Current(view, kUpper);
  const double lower = Current(view, kLower);
  const Opinion opinion = Evaluate(view);
  switch (opinion.vote) {
    case Vote::kLong:
      AppendFormat(out,
                   FMT_COMPILE("close broke above the upper band {:.6g}: %b {:.3f} (previous "
                               "{:.3f}), strength {:.2f}"),
                   upper, percent_b, previous, opinion.strength);
      return;
    case Vote::kShort:
      AppendFormat(out,
                   FMT_COMPILE("close broke below the lower band {:.6g}: %b {:.3f} (previous "
                               "{:.3f}), strength {:.2f}"),
                   lower, percent_b, previous, opinion.strength);
      return;
    case Vote::kNone:
      break;
  }
  if (AnyNaN({percent_b})) {
    out->append("Bollinger %b not available yet: no vote");
    return;
  }
  AppendFormat(
      out, FMT_COMPILE("%b {:.3f} (previous {:.3f}), bands {:.6g}..{:.6g}: no breakout, no vote"),
      percent_b, previous, lower, upper);
}

}  // namespace pulse::signal
