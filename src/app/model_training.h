// Training and running a model on the configured features: candle files through the FeatureSet,
// forward-looking labels (the signal engine's levels), a chronological train / validation / test
// split with a purge gap, XGBoost training, out-of-sample metrics and the manifest. The wiring
// behind `pulse model train | inspect | predict`; the commands only parse flags and print.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "adapters/inference/xgboost_trainer.h"
#include "analytics/classification_metrics.h"
#include "app/config/config.h"
#include "app/features_builder.h"
#include "core/status.h"
#include "indicators/feature_set.h"
#include "model/bar.h"
#include "model/model_manifest.h"
#include "ports/model_runner.h"

namespace pulse::app {

// What `pulse model train` was asked to do (its flags).
struct ModelTrainingRequest {
  std::vector<std::string> data_files;  // candle files; each is split on its own
  std::string timeframe;                // base timeframe; empty: features.base_timeframe
  // Only bars with from <= open time < to are read (labels included: nothing after `to` is
  // seen, so a run from `to` on trades on data the model never saw).
  std::optional<UnixNanos> from;
  std::optional<UnixNanos> to;
  int horizon = 24;   // bars the label looks ahead; also the purge gap
  std::string label;  // label spec; empty: DefaultLabelText(levels)
  std::string out;    // model file, ".json" or ".ubj"
  std::uint64_t seed = 42;
  int rounds = 200;
  std::string name;  // empty: the stem of `out`
  std::string version = "1";
  double train_fraction = 0.7;
  double validation_fraction = 0.15;
  // "platt", "isotonic" or "none": the probability calibration fitted on the validation part.
  std::string calibration = "platt";
  // Weigh label-1 rows by negatives / positives of the training part (false: weight 1).
  bool class_balance = true;
};

// Rows and label balance of one part of the split (all files together).
struct PartSummary {
  std::int64_t rows = 0;
  std::int64_t positives = 0;
  double positive_rate() const {
    return rows == 0 ? 0 : static_cast<double>(positives) / static_cast<double>(rows);
  }
};

// What training did, for the report. The manifest holds the same test metrics.
struct ModelTrainingResult {
  ModelManifest manifest;
  std::string model_path;
  std::string manifest_path;
  std::int64_t bars = 0;             // bars read, all files
  std::int64_t warm_up_rows = 0;     // rows before every feature was valid (dropped)
  std::int64_t unlabelled_rows = 0;  // rows after warm-up whose label is unknown (dropped)
  std::int64_t usable_rows = 0;      // rows split into the parts (and purge gaps)
  PartSummary train, validation, test;
  double positive_weight = 1;  // weight of label-1 rows in training (negatives / positives, or 1)
  inference::TrainingSummary training;
  // Of the probabilities every caller sees (calibrated when the manifest has a calibration).
  analytics::BinaryClassificationReport test_report;
  // Of the raw probabilities on the same test rows; equal to test_report without calibration.
  analytics::BinaryClassificationReport uncalibrated_test_report;
};

// "tp-before-sl:rr=<reward_risk>", the label when none is given.
std::string DefaultLabelText(const Config& config);

// Index of the first row whose features are all numbers (matrix.rows() when there is none): the
// rows before it are the feature set's warm-up.
std::size_t FirstCompleteRow(const FeatureMatrix& matrix);

// Trains, evaluates on the test part and writes the model and `<model>.manifest.json` (creating
// the folder). Each file's usable rows (after warm-up, with a known label) are split by time with
// a purge gap of `horizon` rows; the parts of all files are concatenated. The positive class is
// weighted negatives / positives of the training part (unless class_balance is off). The
// calibration is fitted on the validation part's raw probabilities and stored in the manifest;
// the test metrics are measured before and after it. `now` stamps the manifest's created_at.
// InvalidArgument naming the flag or file: horizon < 1, no files, a bad label, output name or
// calibration method, a calibration without a validation part, too few rows for the split, a
// training part with one class only; NotFound for a missing file.
Result<ModelTrainingResult> TrainModel(
    const ModelTrainingRequest& request, const Config& config, UnixNanos now,
    const std::function<void(const inference::TrainingProgress&)>& progress = nullptr);

// The configured feature set for `manifest` (its base timeframe), checked against the manifest's
// feature names: FailedPrecondition naming the first difference ("feature names differ at
// position 4: expected ..., found ...", expected = the model's) when they do not match.
Result<indicators::FeatureSetSpec> ModelFeatureSpec(const ModelManifest& manifest,
                                                    const FeaturesConfig& features);

// One probability per bar from `model` on the features of `bars` (spec from ModelFeatureSpec);
// NaN for the warm-up rows (before FirstCompleteRow).
struct BarPredictions {
  std::vector<UnixNanos> times;
  std::vector<double> probabilities;
};
Result<BarPredictions> PredictBars(ModelRunner& model, std::span<const Bar> bars,
                                   const indicators::FeatureSetSpec& spec);

}  // namespace pulse::app
