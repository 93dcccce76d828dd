// BollingerBreakout: votes with a close that leaves the Bollinger Bands, long above the upper
// band and short below the lower one.
#pragma once

#include <memory>
#include <string>

#include "engines/signal/theories/rule_theory.h"

namespace pulse::signal {

// Rule, with %b = (close - lower) / (upper - lower): %b > 1 -> long, %b < 0 -> short. With
// require_cross = 1 (default) only on the bar that leaves the band: the previous %b was <= 1
// (long) or >= 0 (short).
// Strength: Ramp(%b, 1, 1 + full_excess) long, Ramp(%b, 0, -full_excess) short: how far beyond
// the band the close is, in band widths.
// Lifecycle and threading as RuleTheory.
class BollingerBreakout final : public RuleTheory {
 public:
  enum Param : std::size_t { kFullExcess, kRequireCross };
  enum Role : std::size_t { kPercentB, kUpper, kLower };

  static const TheoryInfo& Info();
  static Result<std::unique_ptr<Theory>> Create(const TheorySettings& settings);

  Opinion Evaluate(const FeatureView& view) const override;
  void AppendExplanation(const FeatureView& view, std::string* out) const override;

 private:
  explicit BollingerBreakout(const TheorySettings& settings);

  double full_excess_;
  bool require_cross_;
};

}  // namespace pulse::signal
