// XgboostModel: a binary XGBoost classifier (binary:logistic) behind the ModelRunner port.
// Loads models saved by XGBoost's save_model (JSON or UBJ, from Python or from XgboostTrainer)
// with libxgboost's C API, then runs them compiled into a FlatForest (same output as
// libxgboost, bit for bit) or, for models the forest cannot represent, through libxgboost.
#pragma once

#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "adapters/inference/flat_forest.h"
#include "adapters/inference/xgboost_api.h"
#include "core/status.h"
#include "model/model_manifest.h"
#include "ports/model_runner.h"

namespace pulse::inference {

// What evaluates the trees in Predict.
enum class XgboostEngine {
  // The trees compiled into a FlatForest at load (several times faster than libxgboost, same
  // output). Models it cannot represent (dart, categorical splits, several outputs) run
  // through libxgboost instead; fallback_reason() says why.
  kCompiled,
  // libxgboost's in-place prediction (XGBoosterPredictFromDense).
  kLibrary,
};

// "compiled" or "library".
std::string_view XgboostEngineName(XgboostEngine engine);
// Accepts the names above; InvalidArgument otherwise.
Result<XgboostEngine> ParseXgboostEngine(std::string_view name);

// Options for running an XGBoost model.
struct XgboostRunOptions {
  // Threads XGBoost may use per Predict call on the library engine. One is fastest for the
  // batch sizes of a bar close on a small shared machine (see README.md); raise it for batches
  // of many thousands of rows. The compiled engine runs on the calling thread.
  int nthread = 1;
  XgboostEngine engine = XgboostEngine::kCompiled;
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
  // manifest's (naming both counts). NotFound when the file does not exist. A model the
  // compiled engine cannot represent loads on the library engine (logged as a warning); one
  // that libxgboost cannot predict with either (gblinear: no in-place prediction) is
  // InvalidArgument with both reasons.
  static Result<std::unique_ptr<XgboostModel>> Load(const std::string& model_path,
                                                    ModelManifest manifest,
                                                    XgboostRunOptions options = {});

  const ModelManifest& manifest() const override { return manifest_; }
  Status Predict(std::span<const double> rows, std::span<double> probabilities) override;

  // The engine Predict uses (kLibrary when kCompiled was asked for but the model needed the
  // fallback).
  XgboostEngine engine() const { return engine_; }
  // Why the compiled engine was not used; empty when it is, or when kLibrary was asked for.
  const std::string& fallback_reason() const { return fallback_reason_; }

 private:
  XgboostModel(XgbBooster booster, ModelManifest manifest, std::string predict_config);

  // Compares the compiled engine with libxgboost on a few fixed probe rows (bit for bit); an
  // Internal error naming the first difference (e.g. after an XGBoost upgrade that changed its
  // arithmetic) makes Load fall back to the library engine.
  Status CheckCompiledAgainstLibrary();
  Status PredictLibrary(std::span<const double> rows, std::span<double> probabilities);
  void PredictCompiled(std::span<const double> rows, std::span<double> probabilities);

  XgbBooster booster_;
  ModelManifest manifest_;
  std::string predict_config_;  // the JSON config of XGBoosterPredictFromDense, built once
  XgboostEngine engine_ = XgboostEngine::kLibrary;
  std::string fallback_reason_;
  FlatForest forest_;  // the compiled engine's trees
};

}  // namespace pulse::inference
