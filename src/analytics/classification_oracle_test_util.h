// Test helper: the scikit-learn reference cases for classification metrics and calibration,
// read from $PULSE_SOURCE_DIR/tests/data/oracles/classification_metrics.json (written by
// tests/oracle/gen_classification_reference.py). A missing or unreadable file fails the test.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace pulse::analytics::testing {

// One reference case: the inputs and sklearn's figures ("expected").
struct ClassificationOracleCase {
  std::string name;
  double threshold = 0.5;
  std::vector<double> probability;
  std::vector<int> label;
  nlohmann::json expected;
};

// All cases of the reference file; on failure records a test failure and returns none.
inline std::vector<ClassificationOracleCase> LoadClassificationOracle() {
  const char* source = std::getenv("PULSE_SOURCE_DIR");
  const std::string path = std::string(source != nullptr ? source : ".") +
                           "/tests/data/oracles/classification_metrics.json";
  std::ifstream in(path);
  if (!in) {
    ADD_FAILURE() << "oracle file missing: " << path << " (set PULSE_SOURCE_DIR)";
    return {};
  }
  nlohmann::json doc = nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded() || !doc.contains("cases")) {
    ADD_FAILURE() << "oracle file is not valid JSON with cases: " << path;
    return {};
  }
  std::vector<ClassificationOracleCase> cases;
  for (const nlohmann::json& c : doc["cases"]) {
    ClassificationOracleCase oracle_case;
    oracle_case.name = c["name"].get<std::string>();
    oracle_case.threshold = c["threshold"].get<double>();
    oracle_case.probability = c["probability"].get<std::vector<double>>();
    oracle_case.label = c["label"].get<std::vector<int>>();
    oracle_case.expected = c["expected"];
    cases.push_back(std::move(oracle_case));
  }
  return cases;
}

// |actual - expected| <= 1e-12 * |expected|, with an absolute floor of 1e-15 for expected 0.
inline ::testing::AssertionResult NearRelative(double actual, double expected,
                                               double tolerance = 1e-12) {
  const double bound = std::max(tolerance * std::abs(expected), 1e-15);
  if (std::abs(actual - expected) <= bound) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure()
         << "actual " << actual << " differs from expected " << expected << " by "
         << std::abs(actual - expected) << " (bound " << bound << ")";
}

}  // namespace pulse::analytics::testing
