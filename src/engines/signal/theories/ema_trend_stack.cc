#include "engines/signal/theories/ema_trend_stack.h"

#include "engines/signal/append_format.h"

namespace pulse::signal {

const TheoryInfo& EmaTrendStack::Info() {
  static const TheoryInfo info = {
      "ema_trend_stack",
      "close > EMA 9 > EMA 21 > EMA 50 votes long, the reverse order short",
      {{"full_spread_pct", 1.0, 1e-6, 100, false,
        "fast-to-slow spread in percent of the slow average at which the strength reaches 1"},
       {"require_price", 1, 0, 1, true, "1: the close must also be beyond the fast average"}},
      {{"fast", "ema_9", "the fast average"},
       {"mid", "ema_21", "the middle average"},
       {"slow", "ema_50", "the slow average"}}};
  return info;
}

Result<std::unique_ptr<Theory>> EmaTrendStack::Create(const TheorySettings& settings) {
  return std::unique_ptr<Theory>(new EmaTrendStack(settings));
}

EmaTrendStack::EmaTrendStack(const TheorySettings& settings)
    : RuleTheory(Info(), settings.features),
      full_spread_pct_(settings.params[kFullSpreadPct]),
      require_price_(settings.params[kRequirePrice] != 0) {}

Opinion EmaTrendStack::Evaluate(const FeatureView& view) const {
  const double fast = Current(view, kFast);
  const double mid = Current(view, kMid);
  const double slow = Current(view, kSlow);
  const double close = Close(view);
  if (AnyNaN({fast, mid, slow}) || (require_price_ && AnyNaN({close})) || slow <= 0) return {};
  const double spread_pct = 100 * (fast - slow) / slow;
  if (fast > mid && mid > slow && (!require_price_ || close > fast)) {
    return {Vote::kLong, Ramp(spread_pct, 0, full_spread_pct_)};
  }
  if (fast < mid && mid < slow && (!require_price_ || close < fast)) {
    return {Vote::kShort, Ramp(-spread_pct, 0, full_spread_pct_)};
  }
  return {};
}

void EmaTrendStack::AppendExplanation(const FeatureView& view, std::string* out) const {
  const double fast = Current(view, kFast);
  const double mid = Current(view, kMid);
  const double slow = Current(view, kSlow);
  const double close = Close(view);
  const Opinion opinion = Evaluate(view);
  if (AnyNaN({fast, mid, slow})) {
    out->append("moving averages not available yet: no vote");
    return;
  }
  const double spread_pct = slow > 0 ? 100 * (fast - slow) / slow : 0;
  switch (opinion.vote) {
    case Vote::kLong:
      AppendFormat(
          out,
          FMT_COMPILE(
              "uptrend stack: close {:.6g} > fast {:.6g} > mid {:.6g} > slow {:.6g}, spread "
              "{:.3f}%, strength {:.2f}"),
          close, fast, mid, slow, spread_pct, opinion.strength);
      return;
    case Vote::kShort:
      AppendFormat(
          out,
          FMT_COMPILE(
              "downtrend stack: close {:.6g} < fast {:.6g} < mid {:.6g} < slow {:.6g}, spread "
              "{:.3f}%, strength {:.2f}"),
          close, fast, mid, slow, spread_pct, opinion.strength);
      return;
    case Vote::kNone:
      break;
  }
  AppendFormat(
      out, FMT_COMPILE("close {:.6g}, fast {:.6g}, mid {:.6g}, slow {:.6g}: not stacked, no vote"),
      close, fast, mid, slow);
}

}  // namespace pulse::signal
