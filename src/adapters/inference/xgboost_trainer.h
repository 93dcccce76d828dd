// XgboostTrainer: trains a binary XGBoost classifier (binary:logistic, log-loss) in-process
// through libxgboost's C API, with a chronological validation set for early stopping, class
// weights, a progress callback, and deterministic output for a fixed seed.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <span>
#include <string>

#include "adapters/inference/xgboost_api.h"
#include "core/status.h"
#include "core/time.h"

namespace pulse::inference {

// A dense row-major matrix of features (NaN = missing) with 0/1 labels, oldest row first.
// Views only: the caller keeps the data alive while training.
struct TrainingSet {
  std::span<const double> features;  // rows * columns values
  std::size_t columns = 0;
  std::span<const double> labels;    // one 0 or 1 per row
  std::span<const double> weights;   // empty, or one non-negative weight per row
  std::span<const UnixNanos> times;  // empty, or each row's bar time (checks the split)

  std::size_t rows() const { return columns == 0 ? 0 : features.size() / columns; }
};

// Rows [begin, end) of `all` as a view (features, labels and, when given, weights and times).
// The train / validation / test split itself is analytics::SplitChronologically's (one split for
// the whole project, computed by the app, which passes each part's rows here or as its own set).
// InvalidArgument when `all` is malformed or the range is empty or not within its rows.
Result<TrainingSet> SliceRows(const TrainingSet& all, std::size_t begin, std::size_t end);

// Training parameters; defaults suit a few years of 5-minute bars and ~40 features.
struct XgboostTrainingParams {
  int rounds = 200;
  int max_depth = 6;
  double eta = 0.05;
  double subsample = 0.8;
  double colsample_bytree = 0.8;
  double min_child_weight = 1;
  // Weight of the positive class. Unset: sum of negative weights / sum of positive weights in
  // the training set, which balances the classes. 1 turns balancing off.
  std::optional<double> scale_pos_weight;
  std::uint64_t seed = 42;
  // Stop when validation log-loss has not improved for this many rounds (0: never); the saved
  // model keeps the trees up to the best round. Needs a validation set.
  int early_stopping_rounds = 20;
  std::string tree_method = "hist";
  int nthread = 1;
};

// One line of progress after a boosting round.
struct TrainingProgress {
  int round = 0;  // 1-based
  int total_rounds = 0;
  double train_log_loss = 0;
  std::optional<double> validation_log_loss;
};

// "[#########-----------]  90/200  train 0.6123  valid 0.6554" (valid only with a validation
// set), `width` characters of bar.
std::string FormatProgressLine(const TrainingProgress& progress, int width = 20);

// What training did.
struct TrainingSummary {
  int rounds_trained = 0;  // boosting rounds run (fewer than asked when stopped early)
  int best_round = 0;      // 1-based; trees kept in the model
  double train_log_loss = 0;
  std::optional<double> validation_log_loss;  // at best_round
  double positive_weight = 1;                 // scale_pos_weight used
};

// Lifecycle: construct with params, Train once, then Save as often as needed.
// Threading: one thread at a time; XGBoost itself uses params.nthread threads.
class XgboostTrainer {
 public:
  using ProgressCallback = std::function<void(const TrainingProgress&)>;

  explicit XgboostTrainer(XgboostTrainingParams params) : params_(std::move(params)) {}

  // InvalidArgument naming the problem for empty or mismatched inputs, labels other than 0/1,
  // negative or non-finite weights, a validation set whose column count differs or whose times
  // do not all follow the training times, or bad parameters; XGBoost's own errors otherwise.
  Result<TrainingSummary> Train(const TrainingSet& train, const TrainingSet* validation = nullptr,
                                const ProgressCallback& progress = nullptr);

  // Writes the trained model; the format follows the extension: ".json" or ".ubj".
  // FailedPrecondition before Train; InvalidArgument for another extension.
  Status Save(const std::string& path) const;

 private:
  XgboostTrainingParams params_;
  XgbBooster booster_;
};

}  // namespace pulse::inference
