// ModelScoring: how a model's probability becomes an ensemble score, from what the model's label
// says the probability is of. A "tp-before-sl" model (the label `pulse model train` writes)
// predicts that a LONG entered at the close reaches its take-profit, rr times the stop distance,
// before its stop-loss: that trade breaks even at p* = 1 / (1 + rr), so the model votes long only
// when p > p*, with strength (p - p*) / (1 - p*) (the expected gain in units of the risk,
// p (1 + rr) - 1, over its maximum rr), and abstains otherwise; it never votes short. A model
// without a label is read as the probability that the price rises: score p around 0.5.
#pragma once

#include "core/status.h"
#include "model/model_manifest.h"

namespace pulse::signal {

// Lifecycle: made once per model when the engine is created; Score per row. Immutable;
// thread-safe.
class ModelScoring {
 public:
  enum class Kind {
    kLongBreakEven,  // the label describes one side (a long bracket): vote long above p*
    kSymmetric,      // p is the probability that the price rises: score p, 0.5 neutral
  };

  // From the manifest's label: "tp-before-sl[:...]" -> kLongBreakEven with the label's rr (or
  // `default_reward_risk` when the label has none: the trainer then used the configured
  // signal.levels.reward_risk); an empty label -> kSymmetric. FailedPrecondition for a label the
  // engine cannot read, naming the model.
  static Result<ModelScoring> ForManifest(const ModelManifest& manifest,
                                          double default_reward_risk);
  // InvalidArgument unless reward_risk > 0.
  static Result<ModelScoring> LongBreakEven(double reward_risk);
  static ModelScoring Symmetric() { return ModelScoring(Kind::kSymmetric, 0); }

  // The ensemble score of probability `p`: 0..1, 0.5 neutral, NaN = abstains (also for NaN p).
  // kLongBreakEven: 0.5 + 0.5 (p - p*) / (1 - p*) when p > p*, else NaN. kSymmetric: p clamped
  // to 0..1.
  double Score(double p) const;

  Kind kind() const { return kind_; }
  double reward_risk() const { return reward_risk_; }  // 0 for kSymmetric
  // p* = 1 / (1 + rr) for kLongBreakEven, 0.5 for kSymmetric.
  double break_even() const { return break_even_; }

 private:
  ModelScoring(Kind kind, double reward_risk);

  Kind kind_;
  double reward_risk_;
  double break_even_;
};

}  // namespace pulse::signal
