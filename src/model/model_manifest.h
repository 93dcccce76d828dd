// ModelManifest: what a trained model records about itself (the `<model file>.manifest.json`
// beside the model): the features it expects in order, timeframes, label, training window,
// out-of-sample metrics and version. Plain value type; thread-compatible.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/time.h"

namespace pulse {

// A half-open span of bar open times [start, end) and how many rows it held.
struct TimeWindow {
  UnixNanos start = 0;
  UnixNanos end = 0;
  std::int64_t rows = 0;

  bool operator==(const TimeWindow&) const = default;
};

// A monotone map from a model's raw probability to a calibrated one, fitted on the validation
// part of the training data (never the test part) and applied by the inference adapters, so
// every caller of a model sees calibrated probabilities.
//   "platt":    calibrated = 1 / (1 + exp(-(a * logit(raw) + b))), raw clipped to
//               [1e-12, 1 - 1e-12] (for XGBoost, logit(raw) is the booster's margin)
//   "isotonic": linear interpolation between the points (x[i], y[i]), x increasing and y
//               non-decreasing; below x[0] y[0], above the last x the last y
struct ProbabilityCalibration {
  std::string method;         // "platt" or "isotonic"
  double a = 1;               // platt
  double b = 0;               // platt
  std::vector<double> x, y;   // isotonic
  std::int64_t fit_rows = 0;  // validation rows it was fitted on

  bool operator==(const ProbabilityCalibration&) const = default;
};

// Everything Pulse needs to run a model safely and to say what it is. A model predicts the
// probability of the positive class of `label` (for the default label, that a long trade entered
// at the bar's close reaches its take-profit before its stop-loss within the horizon).
struct ModelManifest {
  std::string name;                     // e.g. "btc_5m"
  std::string version;                  // free text, e.g. "1" or "2026-11-21.1"
  std::string format;                   // "xgboost" or "onnx"
  std::string model_file;               // file name of the model, relative to the manifest's folder
  std::string base_timeframe;           // e.g. "5m"
  std::vector<std::string> timeframes;  // every timeframe the features use
  std::vector<std::string> feature_names;  // in input order, as FeatureSet::Names()
  int sequence_length = 1;           // feature vectors per input (last N bars) for sequence models
  std::string label;                 // e.g. "tp-before-sl:rr=2,stop=atr:14:2"
  int horizon_bars = 0;              // bars the label looks ahead
  std::vector<std::string> symbols;  // what it was trained on
  std::optional<TimeWindow> train_window, validation_window, test_window;
  // Absent: the model's probabilities are used as they come (manifests written before
  // calibration existed, or trained with --calibration none).
  std::optional<ProbabilityCalibration> calibration;
  // Out-of-sample figures on the test part, by name: accuracy, precision, recall, f1, roc_auc,
  // log_loss, brier, ece, brier_skill, positive_rate, positive_weight, tn, fp, fn, tp (in that
  // order; brier_skill since it was added, so older manifests lack it; all of
  // the calibrated probabilities), then with a calibration uncalibrated_log_loss,
  // uncalibrated_brier and uncalibrated_ece (the same test rows before calibration).
  std::vector<std::pair<std::string, double>> test_metrics;
  std::string created_at;  // ISO-8601 UTC
  std::string notes;

  // "name@version" as stored with each signal.
  std::string Tag() const { return name + "@" + version; }
};

}  // namespace pulse
