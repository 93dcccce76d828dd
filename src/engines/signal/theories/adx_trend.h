// AdxTrend: votes with the directional indicators when ADX says the market is trending.
#pragma once

#include <memory>
#include <string>

#include "engines/signal/theories/rule_theory.h"

namespace pulse::signal {

// Rule: ADX > threshold and +DI > -DI -> long; ADX > threshold and -DI > +DI -> short.
// Strength: min(Ramp(ADX, threshold, full_adx), Ramp(|+DI - -DI|, 0, full_di_spread)): a strong
// trend and a clear direction are both needed for full conviction.
// Lifecycle and threading as RuleTheory.
class AdxTrend final : public RuleTheory {
 public:
  enum Param : std::size_t { kThreshold, kFullAdx, kFullDiSpread };
  enum Role : std::size_t { kAdx, kPlusDi, kMinusDi };

  static const TheoryInfo& Info();
  // InvalidArgument unless threshold < full_adx.
  static Result<std::unique_ptr<Theory>> Create(const TheorySettings& settings);

  Opinion Evaluate(const FeatureView& view) const override;
  void AppendExplanation(const FeatureView& view, std::string* out) const override;

 private:
  explicit AdxTrend(const TheorySettings& settings);

  double threshold_;
  double full_adx_;
  double full_di_spread_;
};

}  // namespace pulse::signal
