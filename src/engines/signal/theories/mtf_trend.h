// MtfTrend: votes only when several timeframes agree on the trend: the price against two
// higher-timeframe averages and the MACD momentum of two timeframes.
#pragma once

#include <memory>
#include <string>

#include "engines/signal/theories/rule_theory.h"

namespace pulse::signal {

// Rule (defaults): close > 1h EMA 50, close > 4h EMA 50, 15m MACD histogram > 0 and 1h MACD
// histogram > 0 -> long; all four the other way -> short; any disagreement (or equality) -> no
// vote. The close is the view's base bar (the latest price): no bar, no vote.
// Strength: the weakest of the four agreements, each Ramp'ed from 0 to full:
//   min(Ramp(|100 (close - ema) / ema|, 0, full_distance_pct) for both averages,
//       Ramp(|100 hist / close|, 0, full_momentum_pct) for both histograms).
// Lifecycle and threading as RuleTheory.
class MtfTrend final : public RuleTheory {
 public:
  enum Param : std::size_t { kFullDistancePct, kFullMomentumPct };
  enum Role : std::size_t { kTrendEma1, kTrendEma2, kMomentum1, kMomentum2 };

  static const TheoryInfo& Info();
  static Result<std::unique_ptr<Theory>> Create(const TheorySettings& settings);

  Opinion Evaluate(const FeatureView& view) const override;
  void AppendExplanation(const FeatureView& view, std::string* out) const override;

 private:
  explicit MtfTrend(const TheorySettings& settings);

  double full_distance_pct_;
  double full_momentum_pct_;
};

}  // namespace pulse::signal
