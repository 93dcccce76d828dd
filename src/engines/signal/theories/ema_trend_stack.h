// EmaTrendStack: votes with an ordered stack of moving averages (fast > mid > slow: uptrend).
#pragma once

#include <memory>
#include <string>

#include "engines/signal/theories/rule_theory.h"

namespace pulse::signal {

// Rule: close > fast > mid > slow -> long; close < fast < mid < slow -> short (the close term
// only with require_price = 1, the default; the close is the view's bar: no bar, no vote then).
// Strength: with spread = 100 (fast - slow) / slow, Ramp(spread, 0, full_spread_pct) long and
// Ramp(-spread, 0, full_spread_pct) short: how far the stack has fanned out, in percent.
// Lifecycle and threading as RuleTheory.
class EmaTrendStack final : public RuleTheory {
 public:
  enum Param : std::size_t { kFullSpreadPct, kRequirePrice };
  enum Role : std::size_t { kFast, kMid, kSlow };

  static const TheoryInfo& Info();
  static Result<std::unique_ptr<Theory>> Create(const TheorySettings& settings);

  Opinion Evaluate(const FeatureView& view) const override;
  void AppendExplanation(const FeatureView& view, std::string* out) const override;

 private:
  explicit EmaTrendStack(const TheorySettings& settings);

  double full_spread_pct_;
  bool require_price_;
};

}  // namespace pulse::signal
