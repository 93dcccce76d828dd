#include "engines/signal/theories/bollinger_reversion.h"

#include "engines/signal/append_format.h"

namespace pulse::signal {

const TheoryInfo& BollingerReversion::Info() {
  static const TheoryInfo info = {
      "bollinger_reversion",
      "close back inside the Bollinger bands after closing outside votes towards the middle",
      {{"full_excess", 0.5, 0.01, 10, false,
        "previous close's distance outside the band, in band widths, for strength 1"},
       {"reentry_level", 0, 0, 0.5, false,
        "how far inside the band (in %b) the close must come back to count"}},
      {{"percent_b", "bbands_20_2_2.percent_b", "%b: (close - lower) / (upper - lower)"},
       {"upper", "bbands_20_2_2.upper", "the upper band (for the rationale)"},
       {"lower", "bbands_20_2_2.lower", "the lower band (for the rationale)"}}};
  return info;
}

Result<std::unique_ptr<Theory>> BollingerReversion::Create(const TheorySettings& settings) {
  return std::unique_ptr<Theory>(new BollingerReversion(settings));
}

BollingerReversion::BollingerReversion(const TheorySettings& settings)
    : RuleTheory(Info(), settings.features),
      full_excess_(settings.params[kFullExcess]),
      reentry_level_(settings.params[kReentryLevel]) {}

Opinion BollingerReversion::Evaluate(const FeatureView& view) const {
  const double percent_b = Current(view, kPercentB);
  const double previous = Previous(view, kPercentB);
  if (previous < 0 && percent_b >= reentry_level_ && percent_b <= 1) {
    return {Vote::kLong, Ramp(previous, 0, -full_excess_)};
  }
  if (previous > 1 && percent_b <= 1 - reentry_level_ && percent_b >= 0) {
    return {Vote::kShort, Ramp(previous, 1, 1 + full_excess_)};
  }
  return {};  // NaN compares false
}

void BollingerReversion::AppendExplanation(const FeatureView& view, std::string* out) const {
  const double percent_b = Current(view, kPercentB);
  const double previous = Previous(view, kPercentB);
  const double upper = Current(view, kUpper);
  const double lower = Current(view, kLower);
  const Opinion opinion = Evaluate(view);
  switch (opinion.vote) {
    case Vote::kLong:
      AppendFormat(
          out,
          FMT_COMPILE(
              "close back above the lower band {:.6g}: %b {:.3f} -> {:.3f}, expects a move to the "
              "middle, strength {:.2f}"),
          lower, previous, percent_b, opinion.strength);
      return;
    case Vote::kShort:
      AppendFormat(
          out,
          FMT_COMPILE(
              "close back below the upper band {:.6g}: %b {:.3f} -> {:.3f}, expects a move to the "
              "middle, strength {:.2f}"),
          upper, previous, percent_b, opinion.strength);
      return;
    case Vote::kNone:
      break;
  }
  if (AnyNaN({percent_b, previous})) {
    out->append("Bollinger %b of this or the previous bar not available yet: no vote");
    return;
  }
  AppendFormat(out, FMT_COMPILE("%b {:.3f} -> {:.3f}: no re-entry into the bands, no vote"),
               previous, percent_b);
}

}  // namespace pulse::signal
