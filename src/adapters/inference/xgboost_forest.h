// CompileXgboostForest: turns a loaded XGBoost 1.7 booster into a FlatForest that computes the
// same margins, and XgboostSigmoid, XGBoost's own float sigmoid, so that margins and
// probabilities agree with libxgboost bit for bit. Internal to adapters/inference.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <string_view>

#include "adapters/inference/flat_forest.h"
#include "adapters/inference/xgboost_api.h"
#include "core/status.h"

namespace pulse::inference {

// Exports `booster` as JSON (XGBoosterSaveModelToBuffer) and compiles its trees for rows of
// `features` values. The base margin is XGBoost 1.7's: base_score (a probability in
// learner_model_param) turned into a margin in float, -logf(1 / base_score - 1).
// Unimplemented, naming what, for models the flat forest does not represent: a booster other
// than gbtree (dart, gblinear), categorical splits, more than one output group or target,
// vector leaves, an objective other than binary:logistic / reg:logistic. InvalidArgument for a
// JSON document that is not a well-formed XGBoost model.
Result<FlatForest> CompileXgboostForest(BoosterHandle booster, std::size_t features);

// The same from the JSON text of a saved model (what CompileXgboostForest parses).
Result<FlatForest> CompileXgboostJson(std::string_view json, std::size_t features);

// XGBoost 1.7's sigmoid (common::Sigmoid), in float: 1 / (expf(min(-x, 88.7)) + 1 + 1e-16).
// The clamp keeps very negative margins at about 3e-39 instead of 0.
inline float XgboostSigmoid(float margin) {
  constexpr float kEps = 1e-16f;
  const float x = std::min(-margin, 88.7f);
  return 1.0f / (std::exp(x) + 1.0f + kEps);
}

}  // namespace pulse::inference
