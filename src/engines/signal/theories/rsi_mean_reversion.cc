#include "engines/signal/theories/rsi_mean_reversion.h"

#include "engines/signal/append_format.h"

namespace pulse::signal {

const TheoryInfo& RsiMeanReversion::Info() {
  static const TheoryInfo info = {
      "rsi_mean_reversion",
      "RSI below oversold votes long, above overbought votes short (expects a move back)",
      {{"oversold", 30, 1, 50, false, "RSI strictly below this votes long"},
       {"overbought", 70, 50, 99, false, "RSI strictly above this votes short"},
       {"full_oversold", 15, 0, 49, false, "RSI at which the long strength reaches 1"},
       {"full_overbought", 85, 51, 100, false, "RSI at which the short strength reaches 1"}},
      {{"rsi", "rsi_14", "the RSI"}}};
  return info;
}

Result<std::unique_ptr<Theory>> RsiMeanReversion::Create(const TheorySettings& settings) {
  const auto& p = settings.params;
  if (!(p[kFullOversold] < p[kOversold] && p[kOversold] < p[kOverbought] &&
        p[kOverbought] < p[kFullOverbought])) {
    return InvalidArgumentError(
        "theory rsi_mean_reversion: needs full_oversold < oversold < overbought < "
        "full_overbought, got {} < {} < {} < {}",
        p[kFullOversold], p[kOversold], p[kOverbought], p[kFullOverbought]);
  }
  return std::unique_ptr<Theory>(new RsiMeanReversion(settings));
}

RsiMeanReversion::RsiMeanReversion(const TheorySettings& settings)
    : RuleTheory(Info(), settings.features),
      oversold_(settings.params[kOversold]),
      overbought_(settings.params[kOverbought]),
      full_oversold_(settings.params[kFullOversold]),
      full_overbought_(settings.params[kFullOverbought]) {}

Opinion RsiMeanReversion::Evaluate(const FeatureView& view) const {
  const double rsi = Current(view, kRsi);
  if (rsi < oversold_) return {Vote::kLong, Ramp(rsi, oversold_, full_oversold_)};
  if (rsi > overbought_) return {Vote::kShort, Ramp(rsi, overbought_, full_overbought_)};
  return {};  // NaN compares false both ways
}

void RsiMeanReversion::AppendExplanation(const FeatureView& view, std::string* out) const {
  const double rsi = Current(view, kRsi);
  const Opinion opinion = Evaluate(view);
  switch (opinion.vote) {
    case Vote::kLong:
      AppendFormat(out,
                   FMT_COMPILE("RSI {:.2f} < {:g} (oversold): expects a rebound, strength {:.2f}"),
                   rsi, oversold_, opinion.strength);
      return;
    case Vote::kShort:
      AppendFormat(
          out, FMT_COMPILE("RSI {:.2f} > {:g} (overbought): expects a pullback, strength {:.2f}"),
          rsi, overbought_, opinion.strength);
      return;
    case Vote::kNone:
      break;
  }
  if (AnyNaN({rsi})) {
    out->append("RSI not available yet (warm-up): no vote");
    return;
  }
  AppendFormat(out, FMT_COMPILE("RSI {:.2f} within {:g}..{:g}: no vote"), rsi, oversold_,
               overbought_);
}

}  // namespace pulse::signal
