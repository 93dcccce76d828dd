// OpenModel: the one entry point that turns a model file into a loaded, self-tested
// ModelRunner, reading the manifest beside it and choosing the backend.
#pragma once

#include <memory>
#include <string>

#include "adapters/inference/xgboost_model.h"
#include "core/status.h"
#include "ports/model_runner.h"

namespace pulse::inference {

// How OpenModel runs what it opens, per backend.
struct OpenModelOptions {
  XgboostRunOptions xgboost;  // .json / .ubj models: threads and engine (compiled by default)
};

// Reads `<model_path>.manifest.json` and loads the model with the backend its format names:
// "xgboost" (.json or .ubj) or "onnx" (.onnx). NotFound when the model or its manifest is
// missing (naming the manifest path expected); InvalidArgument when the manifest is bad, its
// format does not match the file's extension, its model_file names another file, or the
// backend rejects the model. Thread-safe.
Result<std::unique_ptr<ModelRunner>> OpenModel(const std::string& model_path,
                                               const OpenModelOptions& options = {});

}  // namespace pulse::inference
