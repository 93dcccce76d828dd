// ModelRunner: the port for trained models (XGBoost, ONNX) that turn feature vectors into a
// probability. Implemented in adapters/inference; the signal engine calls it once per bar close
// with one row per symbol.
#pragma once

#include <cstddef>
#include <span>

#include "core/status.h"
#include "model/model_manifest.h"

namespace pulse {

// A loaded model. Row layout: a row is `sequence_length()` feature vectors, oldest first, each
// of manifest().feature_names.size() values in manifest order; NaN means missing (a model that
// cannot take missing values returns InvalidArgument naming the row and feature).
// Lifecycle: created loaded and self-tested by an adapter factory; immutable afterwards.
// Threading: Predict may be called from one thread at a time.
class ModelRunner {
 public:
  virtual ~ModelRunner() = default;

  virtual const ModelManifest& manifest() const = 0;
  // Feature vectors per row (1 for tabular models).
  virtual std::size_t sequence_length() const { return 1; }
  // Values per row.
  std::size_t row_width() const { return sequence_length() * manifest().feature_names.size(); }

  // rows: rows.size() / row_width() rows, row-major. Writes one probability (0..1) per row into
  // `probabilities` (same number of rows). InvalidArgument when the sizes do not fit.
  virtual Status Predict(std::span<const double> rows, std::span<double> probabilities) = 0;

  // One row.
  Result<double> PredictOne(std::span<const double> row) {
    double p = 0;
    RETURN_IF_ERROR(Predict(row, std::span<double>(&p, 1)));
    return p;
  }
};

}  // namespace pulse
