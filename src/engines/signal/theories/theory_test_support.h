// Test support for the theory tests: hand-built feature vectors addressed by name, and a theory
// built through the factory and bound to them. Test-only (included by *_test.cc).
#pragma once

#include <gtest/gtest.h>

#include <limits>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "engines/signal/feature_lookup.h"
#include "engines/signal/theory.h"
#include "engines/signal/theory_factory.h"
#include "model/bar.h"

namespace pulse::signal::testing {

inline constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// The current and previous feature vectors of one bar, all NaN until set, on a 5m base.
// Single-threaded test fixture.
class FeatureVectors {
 public:
  explicit FeatureVectors(std::vector<std::string> names)
      : names_(std::move(names)),
        lookup_(Timeframe::Minutes(5), names_),
        current_(names_.size(), kNaN),
        previous_(names_.size(), kNaN) {}

  const FeatureLookup& lookup() const { return lookup_; }

  // Sets the current (and optionally previous) value of feature `name` (fully qualified).
  void Set(std::string_view name, double current) { current_[Index(name)] = current; }
  void Set(std::string_view name, double previous, double current) {
    previous_[Index(name)] = previous;
    current_[Index(name)] = current;
  }
  // Gives the view a base bar closing at `close`.
  void SetClose(double close) {
    bar_.close = close;
    has_bar_ = true;
  }
  void ClearBar() { has_bar_ = false; }

  FeatureView view() const { return {current_, previous_, has_bar_ ? &bar_ : nullptr}; }

 private:
  std::size_t Index(std::string_view name) const {
    Result<std::size_t> index = lookup_.Find(name);
    EXPECT_TRUE(index.ok()) << index.status();
    return index.ok() ? *index : 0;
  }

  std::vector<std::string> names_;
  FeatureLookup lookup_;
  std::vector<double> current_;
  std::vector<double> previous_;
  Bar bar_;
  bool has_bar_ = false;
};

// Theory `name` with `params` (defaults otherwise) built by the factory and bound to `vectors`;
// nullptr (and a test failure) when either step fails.
inline std::unique_ptr<Theory> MakeTheory(std::string_view name, const FeatureVectors& vectors,
                                          std::map<std::string, double> params = {},
                                          std::map<std::string, std::string> features = {}) {
  TheoryConfig config;
  config.name = std::string(name);
  config.params = std::move(params);
  config.features = std::move(features);
  Result<std::unique_ptr<Theory>> theory = CreateTheory(config);
  EXPECT_TRUE(theory.ok()) << theory.status();
  if (!theory.ok()) return nullptr;
  const Status bound = (*theory)->Bind(vectors.lookup());
  EXPECT_TRUE(bound.ok()) << bound;
  if (!bound.ok()) return nullptr;
  return std::move(*theory);
}

// The Bind error of theory `name` (defaults) against a feature set of `names`.
inline Status BindError(std::string_view name, std::vector<std::string> names) {
  TheoryConfig config;
  config.name = std::string(name);
  Result<std::unique_ptr<Theory>> theory = CreateTheory(config);
  EXPECT_TRUE(theory.ok()) << theory.status();
  if (!theory.ok()) return theory.status();
  FeatureLookup lookup(Timeframe::Minutes(5), names);
  return (*theory)->Bind(lookup);
}

}  // namespace pulse::signal::testing
