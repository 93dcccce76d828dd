// Theory: the interface of a rule-based source of opinion (RSI mean reversion, MACD cross, ...).
// A theory reads the feature vector of one symbol at one base-bar close and votes long, short or
// not at all, with a strength 0..1. The signal engine blends theory votes with model
// probabilities (ensemble.h).
#pragma once

#include <map>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "core/status.h"
#include "engines/signal/feature_lookup.h"
#include "model/bar.h"

namespace pulse::signal {

enum class Vote { kNone, kLong, kShort };
std::string_view VoteName(Vote v);  // "none", "long", "short"

// What one source thinks: a vote and its strength (0 when the vote is kNone).
struct Opinion {
  Vote vote = Vote::kNone;
  double strength = 0;
};

// What a theory sees at one bar of one symbol: this bar's feature vector, the previous base
// bar's (all NaN before the second bar; crosses compare the two) and the bar itself.
struct FeatureView {
  std::span<const double> current;
  std::span<const double> previous;
  const Bar* bar = nullptr;
};

// One configured theory: which one, whether it runs, its base weight in the ensemble, numeric
// parameters by name (unknown names are an error) and feature names it reads instead of its
// defaults (key = the theory's feature role, e.g. "rsi"; value = a feature name, see
// FeatureLookup for the base-timeframe shorthand).
struct TheoryConfig {
  std::string name;
  bool enabled = true;
  double weight = 1.0;
  std::map<std::string, double> params;
  std::map<std::string, std::string> features;
};

// A rule-based source of opinion. Lifecycle: created from a TheoryConfig (theory_factory.h),
// bound once to the engine's feature names, then evaluated at every base-bar close of every
// symbol. Theories keep no per-symbol state (what they compare across bars comes in the view),
// so one instance serves every symbol. Threading: Evaluate and Explain are const and may run
// concurrently once bound.
class Theory {
 public:
  virtual ~Theory() = default;

  // Stable snake_case name, e.g. "rsi_mean_reversion"; stored in theory_performance as
  // "theory:<name>".
  virtual std::string_view name() const = 0;

  // Resolves the features it reads. FailedPrecondition naming the theory and the missing
  // feature, and which indicator request would provide it.
  virtual Status Bind(const FeatureLookup& features) = 0;

  // The vote at this bar. Hot path: no allocation. NaN features (warm-up) give Vote::kNone.
  virtual Opinion Evaluate(const FeatureView& view) const = 0;

  // One line saying why Evaluate voted as it did at this bar, with the values it used
  // ("RSI 24.1 < 30 (oversold): expects a rebound"). Called only for candidates that become
  // signals, so it may allocate.
  virtual std::string Explain(const FeatureView& view) const = 0;

  // Explain's line appended to `*out` (how the engine writes a record's notes). The default
  // appends Explain's string; a theory may write in place instead, the same text.
  virtual void AppendExplanation(const FeatureView& view, std::string* out) const {
    out->append(Explain(view));
  }
};

}  // namespace pulse::signal
