#include "engines/signal/model_scoring.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "engines/signal/training_labels.h"

namespace pulse::signal {

ModelScoring::ModelScoring(Kind kind, double reward_risk)
    : kind_(kind),
      reward_risk_(reward_risk),
      break_even_(kind == Kind::kSymmetric ? 0.5 : 1.0 / (1.0 + reward_risk)) {}

Result<ModelScoring> ModelScoring::LongBreakEven(double reward_risk) {
  if (!(reward_risk > 0) || !std::isfinite(reward_risk)) {
    return InvalidArgumentError("model scoring: reward/risk must be a finite number > 0, got {}",
                                reward_risk);
  }
  return ModelScoring(Kind::kLongBreakEven, reward_risk);
}

Result<ModelScoring> ModelScoring::ForManifest(const ModelManifest& manifest,
                                               double default_reward_risk) {
  if (manifest.label.empty()) return Symmetric();
  Result<LabelSpec> spec = ParseLabelSpec(manifest.label);
  if (!spec.ok()) {
    return FailedPreconditionError("model '{}': cannot score its label: {}", manifest.Tag(),
                                   spec.status().message());
  }
  Result<ModelScoring> scoring = LongBreakEven(spec->reward_risk.value_or(default_reward_risk));
  if (!scoring.ok()) return scoring.status().WithContext("model '" + manifest.Tag() + "'");
  return scoring;
}

double ModelScoring::Score(double p) const {
  if (std::isnan(p)) return std::numeric_limits<double>::quiet_NaN();
  if (kind_ == Kind::kSymmetric) return std::clamp(p, 0.0, 1.0);
  if (!(p > break_even_)) return std::numeric_limits<double>::quiet_NaN();
  const double strength = std::min(1.0, (p - break_even_) / (1.0 - break_even_));
  return 0.5 + 0.5 * strength;
}

}  // namespace pulse::signal
