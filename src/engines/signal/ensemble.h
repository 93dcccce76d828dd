// AdaptiveEnsemble: blends the scores of the signal engine's sources (theory votes and model
// probabilities) into one prediction and a confidence, weighting each source by its base weight
// and its recent accuracy on resolved signals.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/status.h"
#include "core/time.h"
#include "engines/signal/theory.h"
#include "model/signal.h"

namespace pulse::signal {

// The blend's rules. Accuracy of a source = (hits + prior_accuracy * prior_weight) /
// (resolved + prior_weight) over its last `accuracy_window` resolved signals; its effective
// weight = base weight * max(weight_floor, accuracy).
//
// With accuracy_half_life_days > 0 the evidence fades: an outcome resolved d whole UTC days
// before the current one counts 2^(-d / half_life) in both sums, so a source that stopped
// trading (its confidence held below the gates by old losses) drifts back toward the prior and
// gets to trade, and be judged, again. 0 (the default): every outcome in the window counts 1.
struct EnsembleConfig {
  int accuracy_window = 50;
  double prior_accuracy = 0.8;
  double prior_weight = 10;
  double weight_floor = 0.2;
  int min_sources = 2;  // voting sources needed for a blend
  double accuracy_half_life_days = 0;
};

// One source of opinion: its stored name ("theory:<name>" / "model:<name>") and base weight.
struct EnsembleSource {
  std::string name;
  double base_weight = 1.0;
};

// The blend of one symbol at one bar.
struct Blend {
  int voting_sources = 0;
  double prediction = 0.5;  // weighted mean score: probability that the price rises
  double agreement = 0;     // weight share of the voting sources on the blend's side
  double confidence = 0;    // agreement * weighted mean accuracy of the voting sources
  double total_weight = 0;  // sum of the voting sources' effective weights
  // Long when prediction > 0.5, short when < 0.5; empty when too few sources voted or the blend
  // sits at 0.5 (within 1e-12).
  std::optional<Direction> direction;
};

// A theory vote as a score: long 0.5 + 0.5 * strength, short 0.5 - 0.5 * strength, NaN
// (abstains) for no vote. Strength is clamped to 0..1. Inline: it runs once per theory and bar.
inline double VoteScore(const Opinion& opinion) {
  const double s = std::clamp(opinion.strength, 0.0, 1.0);
  switch (opinion.vote) {
    case Vote::kLong:
      return 0.5 + 0.5 * s;
    case Vote::kShort:
      return 0.5 - 0.5 * s;
    case Vote::kNone:
      break;
  }
  return std::numeric_limits<double>::quiet_NaN();
}

// Lifecycle: created once with its sources; Combine at every bar close; RecordOutcome when a
// signal a source took part in is resolved. Threading: single-threaded (the engine thread).
class AdaptiveEnsemble {
 public:
  // InvalidArgument for a bad config (window < 1, prior accuracy outside 0..1, negative prior
  // weight, floor outside 0..1, min_sources < 1), a negative base weight or a duplicate name.
  static Result<AdaptiveEnsemble> Create(const EnsembleConfig& config,
                                         std::vector<EnsembleSource> sources);

  // `scores`: one per source in source order, 0..1, NaN when the source abstains.
  // `contributions` (same size) receives each source's signed share of the blend toward the
  // chosen side: w_i * s * (score_i - 0.5) / sum of voting weights, s = +1 long, -1 short, so
  // the shares add up to |prediction - 0.5|; 0 for abstaining sources or without a direction.
  // No allocation.
  Blend Combine(std::span<const double> scores, std::span<double> contributions) const;
  // Combine without the contributions (the engine needs them only for the records it outputs).
  Blend Combine(std::span<const double> scores) const;
  // The contributions Combine writes, for `blend` = Combine(scores).
  void Contributions(std::span<const double> scores, const Blend& blend,
                     std::span<double> contributions) const;

  // Records whether source `index` was right on one resolved signal, resolved at `at`.
  void RecordOutcome(std::size_t index, bool correct, UnixNanos at);
  // Moves the ensemble's clock to `now` (the bar close being evaluated): with a half-life, the
  // accuracies are recomputed when the UTC day changes. Times only move forward.
  void AdvanceTo(UnixNanos now);

  // Recent accuracy with the prior (prior_accuracy before any outcome).
  double Accuracy(std::size_t index) const { return accuracy_[index]; }
  // base weight * max(floor, accuracy).
  double EffectiveWeight(std::size_t index) const { return weight_[index]; }
  // Index of a source by name, or nullopt.
  std::optional<std::size_t> Find(std::string_view name) const;

  std::size_t size() const { return sources_.size(); }
  const EnsembleSource& source(std::size_t index) const { return sources_[index]; }
  const EnsembleConfig& config() const { return config_; }

 private:
  // The last `accuracy_window` outcomes of one source, 1 = hit.
  struct History {
    std::vector<std::uint8_t> outcomes;
    std::vector<std::int64_t> days;  // the UTC day each outcome resolved on (with a half-life)
    std::size_t next = 0;
    std::size_t count = 0;
    int hits = 0;
  };

  AdaptiveEnsemble(const EnsembleConfig& config, std::vector<EnsembleSource> sources);
  // Recomputes accuracy_ and weight_ of one source from its history (they change only when an
  // outcome is recorded, so Combine reads them instead of computing them per bar).
  void Refresh(std::size_t index);

  EnsembleConfig config_;
  std::vector<EnsembleSource> sources_;
  std::vector<History> history_;
  std::vector<double> accuracy_;                                 // per source, Accuracy()
  std::vector<double> weight_;                                   // per source, EffectiveWeight()
  std::int64_t day_ = std::numeric_limits<std::int64_t>::min();  // the UTC day (AdvanceTo)
};

}  // namespace pulse::signal
