// BollingerReversion: votes for a move back to the middle when a close returns inside the
// Bollinger Bands after closing outside them.
#pragma once

#include <memory>
#include <string>

#include "engines/signal/theories/rule_theory.h"

namespace pulse::signal {

// Rule, with %b = (close - lower) / (upper - lower): previous %b < 0 and now
// reentry_level <= %b <= 1 -> long; previous %b > 1 and now 0 <= %b <= 1 - reentry_level ->
// short. The re-entry keeps it from voting against BollingerBreakout on the same bar.
// Strength: Ramp(previous %b, 0, -full_excess) long, Ramp(previous %b, 1, 1 + full_excess)
// short: how far outside the band the close was before it came back, in band widths.
// Lifecycle and threading as RuleTheory.
class BollingerReversion final : public RuleTheory {
 public:
  enum Param : std::size_t { kFullExcess, kReentryLevel };
  enum Role : std::size_t { kPercentB, kUpper, kLower };

  static const TheoryInfo& Info();
  static Result<std::unique_ptr<Theory>> Create(const TheorySettings& settings);

  Opinion Evaluate(const FeatureView& view) const override;
  void AppendExplanation(const FeatureView& view, std::string* out) const override;

 private:
  explicit BollingerReversion(const TheorySettings& settings);

  double full_excess_;
  double reentry_level_;
};

}  // namespace pulse::signal
