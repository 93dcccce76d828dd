// OnnxModel: an ONNX graph behind the ModelRunner port, run on the CPU by OpenCV's DNN module
// (ONNX Runtime is not packaged in Debian). OpenCV imports fewer operators than ONNX Runtime,
// so every model is imported and self-tested when it is loaded.
#pragma once

#include <memory>
#include <span>
#include <string>

#include "core/status.h"
#include "model/model_manifest.h"
#include "ports/model_runner.h"

namespace pulse::inference {

// One imported graph and its manifest. Input tensor: [batch, features] when the manifest's
// sequence_length is 1, else [batch, sequence_length, features] (the last N feature vectors,
// oldest first: the ModelRunner row layout). Output per row: one probability (e.g. after a
// Sigmoid) or two class probabilities (after a Softmax; the second is the positive class).
// Rows are run as one batch when the graph gives the same answers batched as row by row (checked
// at load time), else one at a time. NaN inputs are rejected: these graphs have no notion of
// missing values.
// Lifecycle: built by Load, immutable afterwards.
// Threading: Predict from one thread at a time (OpenCV's forward pass mutates the net).
class OnnxModel : public ModelRunner {
 public:
  // Imports `model_path`, runs a forward pass on fixed inputs, and checks the output is finite,
  // has one or two values per row, and lies in [0, 1]. InvalidArgument with OpenCV's message
  // (which names the unsupported operator or the bad shape) when the import or the self-test
  // fails; NotFound when the file does not exist.
  static Result<std::unique_ptr<OnnxModel>> Load(const std::string& model_path,
                                                 ModelManifest manifest);

  ~OnnxModel() override;

  const ModelManifest& manifest() const override { return manifest_; }
  std::size_t sequence_length() const override {
    return static_cast<std::size_t>(manifest_.sequence_length);
  }
  Status Predict(std::span<const double> rows, std::span<double> probabilities) override;

  // True when Predict runs all rows in one forward pass.
  bool batched() const { return batched_; }

 private:
  struct Graph;  // the OpenCV net, kept out of this header

  OnnxModel(std::unique_ptr<Graph> graph, ModelManifest manifest, std::string path);
  // Forward pass over `row_count` rows; writes one probability per row.
  Status Run(const double* rows, std::size_t row_count, double* probabilities);

  std::unique_ptr<Graph> graph_;
  ModelManifest manifest_;
  std::string path_;
  bool batched_ = false;
};

}  // namespace pulse::inference
