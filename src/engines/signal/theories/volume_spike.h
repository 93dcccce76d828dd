// VolumeSpike: votes in the direction of a bar that moved the price on unusually high volume.
#pragma once

#include <memory>
#include <string>

#include "engines/signal/theories/rule_theory.h"

namespace pulse::signal {

// Rule: volume ratio (volume / its moving average) > spike_ratio and one-bar return
// > min_return_pct -> long; the same ratio and return < -min_return_pct -> short.
// Strength: min(Ramp(ratio, spike_ratio, full_ratio), Ramp(|return|, min_return_pct,
// full_return_pct)): both the volume and the move must be extreme for full conviction.
// Lifecycle and threading as RuleTheory.
class VolumeSpike final : public RuleTheory {
 public:
  enum Param : std::size_t { kSpikeRatio, kFullRatio, kMinReturnPct, kFullReturnPct };
  enum Role : std::size_t { kVolumeRatio, kReturnPct };

  static const TheoryInfo& Info();
  // InvalidArgument unless spike_ratio < full_ratio and min_return_pct < full_return_pct.
  static Result<std::unique_ptr<Theory>> Create(const TheorySettings& settings);

  Opinion Evaluate(const FeatureView& view) const override;
  void AppendExplanation(const FeatureView& view, std::string* out) const override;

 private:
  explicit VolumeSpike(const TheorySettings& settings);

  double spike_ratio_;
  double full_ratio_;
  double min_return_pct_;
  double full_return_pct_;
};

}  // namespace pulse::signal
