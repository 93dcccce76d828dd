// MacdCross: votes on the bar where the MACD line crosses its signal line (the histogram changes
// sign), in the direction of the cross.
#pragma once

#include <memory>
#include <string>

#include "engines/signal/theories/rule_theory.h"

namespace pulse::signal {

// Rule: histogram <= 0 on the previous bar and > 0 now -> long; >= 0 before and < 0 now ->
// short. With zero_line = 1 a long cross counts only below the zero line (MACD < 0) and a short
// one only above it (MACD > 0): crosses from the far side.
// Strength: Ramp(100 |hist| / close, 0, full_hist_pct): how far the MACD line is past its signal
// on the cross bar, in percent of the price. Needs the view's bar (no bar: no vote).
// Lifecycle and threading as RuleTheory.
class MacdCross final : public RuleTheory {
 public:
  enum Param : std::size_t { kFullHistPct, kZeroLine };
  enum Role : std::size_t { kHist, kMacd };

  static const TheoryInfo& Info();
  static Result<std::unique_ptr<Theory>> Create(const TheorySettings& settings);

  Opinion Evaluate(const FeatureView& view) const override;
  void AppendExplanation(const FeatureView& view, std::string* out) const override;

 private:
  explicit MacdCross(const TheorySettings& settings);

  double full_hist_pct_;
  bool zero_line_;
};

}  // namespace pulse::signal
