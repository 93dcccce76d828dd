// RsiMeanReversion: votes against an overstretched RSI, long when oversold and short when
// overbought, expecting a move back towards the middle.
#pragma once

#include <memory>
#include <string>

#include "engines/signal/theories/rule_theory.h"

namespace pulse::signal {

// Rule: RSI strictly below `oversold` -> long, strictly above `overbought` -> short.
// Strength: Ramp(rsi, oversold, full_oversold) for long, Ramp(rsi, overbought, full_overbought)
// for short: 0 at the threshold, 1 at the full level and beyond.
// Lifecycle and threading as RuleTheory: built by Create, bound once, then const.
class RsiMeanReversion final : public RuleTheory {
 public:
  enum Param : std::size_t { kOversold, kOverbought, kFullOversold, kFullOverbought };
  enum Role : std::size_t { kRsi };

  static const TheoryInfo& Info();
  // InvalidArgument unless full_oversold < oversold < overbought < full_overbought.
  static Result<std::unique_ptr<Theory>> Create(const TheorySettings& settings);

  Opinion Evaluate(const FeatureView& view) const override;
  void AppendExplanation(const FeatureView& view, std::string* out) const override;

 private:
  explicit RsiMeanReversion(const TheorySettings& settings);

  double oversold_;
  double overbought_;
  double full_oversold_;
  double full_overbought_;
};

}  // namespace pulse::signal
