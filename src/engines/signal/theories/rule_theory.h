// RuleTheory: the part every rule-based theory shares: its name and static description, the
// features it reads by role and their positions in the feature vector after Bind, and Ramp, the
// strength scale from the edge of a rule (0) to extreme evidence (1).
#pragma once

#include <cmath>
#include <cstddef>
#include <initializer_list>
#include <limits>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engines/signal/theories/theory_info.h"
#include "engines/signal/theory.h"

namespace pulse::signal {

// clamp((x - edge) / (full - edge), 0, 1): 0 at the edge of a rule, 1 at and beyond `full`.
// Works in either direction (full below edge for "the lower the stronger"). NaN for NaN input.
inline double Ramp(double x, double edge, double full) {
  const double t = (x - edge) / (full - edge);
  if (std::isnan(t)) return t;
  return t < 0 ? 0 : (t > 1 ? 1 : t);
}

// True when any of `values` is NaN (a feature still warming up, or no bar).
inline bool AnyNaN(std::initializer_list<double> values) {
  for (const double v : values) {
    if (std::isnan(v)) return true;
  }
  return false;
}

// Base of the rule-based theories. Lifecycle: built by a subclass from TheorySettings (feature
// names in TheoryInfo::features order), bound once, then evaluated. Reading a role before Bind,
// or from a vector shorter than the bound one, gives NaN, which every theory turns into kNone.
// Threading: immutable after Bind; const members may run concurrently.
class RuleTheory : public Theory {
 public:
  std::string_view name() const override { return info_.name; }

  // Resolves every role's feature. FailedPrecondition naming the theory, the role, the feature
  // and the indicator request (and timeframe) that would provide it.
  Status Bind(const FeatureLookup& features) override;

  // AppendExplanation's text as a string (subclasses write their explanation in place).
  std::string Explain(const FeatureView& view) const override;

  // The feature name of each role as configured (before Bind) or as resolved (after).
  const std::vector<std::string>& feature_names() const { return feature_names_; }

 protected:
  // `info` is the subclass's static description; it outlives every instance.
  RuleTheory(const TheoryInfo& info, std::vector<std::string> feature_names);

  // The value of feature `role` in `values` (NaN when unbound or out of range).
  double Value(std::span<const double> values, std::size_t role) const {
    const std::size_t index = indices_[role];
    return index < values.size() ? values[index] : std::numeric_limits<double>::quiet_NaN();
  }
  double Current(const FeatureView& view, std::size_t role) const {
    return Value(view.current, role);
  }
  double Previous(const FeatureView& view, std::size_t role) const {
    return Value(view.previous, role);
  }
  // The close of the view's base bar; NaN without a bar.
  static double Close(const FeatureView& view) {
    return view.bar != nullptr ? view.bar->close : std::numeric_limits<double>::quiet_NaN();
  }

 private:
  const TheoryInfo& info_;
  std::vector<std::string> feature_names_;
  std::vector<std::size_t> indices_;
};

}  // namespace pulse::signal
