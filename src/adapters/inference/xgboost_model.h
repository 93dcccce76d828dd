// XgboostModel: a binary XGBoost classifier (binary:logistic) behind the ModelRunner port, run
// through libxgboost's C API. Loads models saved by XGBoost's save_model (JSON or UBJ, from
// Python or from XgboostTrainer).
#pragma once

#include <memory>
#include <span>
#include <string>

#include "adapters/inference/xgboost_api.h"
#include "core/status.h"
#include "model/model_manifest.h"
#include "ports/model_runner.h"

namespace pulse::inference {

// Options for running an XGBoost model.
struct XgboostRunOptions {
  // Threads XGBoost may use per Predict call. One is fastest for the batch sizes of a bar close
  // on a small shared machine (see README.md); raise it for batches of many thousands of rows.
  int nthread = 1;
};

// One loaded booster and its manifest. Rows are manifest().feature_names.size() doubles in
// manifest order; NaN is missing (XGBoost's default branch). Predict returns the probability of
// the positive class.
// Lifecycle: built by Load, immutable afterwards; the booster is freed with the object.
// Threading: Predict from one thread at a time.
class XgboostModel : public ModelRunner {
 public:
  // Loads `model_path` (".json" or ".ubj"; other names are read as XGBoost's legacy binary).
  // InvalidArgument when the file is not an XGBoost model (with XGBoost's message), when the
  // objective is not binary:logistic, or when the booster's feature count differs from the
  // manifest's (naming both counts). NotFound when the file does not exist.
  static Result<std::unique_ptr<XgboostModel>> Load(const std::string& model_path,
                                                    ModelManifest manifest,
                                                    XgboostRunOptions options = {});

  const ModelManifest& manifest() const override { return manifest_; }
  Status Predict(std::span<const double> rows, std::span<double> probabilities) override;

 private:
  XgboostModel(XgbBooster booster, ModelManifest manifest, std::string predict_config);

  XgbBooster booster_;
  ModelManifest manifest_;
  std::string predict_config_;  // the JSON config of XGBoosterPredictFromDense, built once
};

}  // namespace pulse::inference
