// Binary classification metrics for a model's held-out test part: accuracy, precision, recall,
// F1, ROC-AUC, log-loss, Brier score, expected calibration error and the confusion matrix, plus
// the positive-class weight used against class imbalance. Pure functions; thread-safe.
//
// Conventions are scikit-learn 1.2's, and the tests replay figures sklearn 1.2.1 computed
// (tests/data/oracles/classification_metrics.json):
// - predicted class = 1 when probability >= threshold. sklearn's metrics take predicted labels,
//   not a threshold; its classifiers' predict() picks the positive class only when its
//   probability is strictly above 0.5 (argmax keeps the first class on a tie), so at exactly 0.5
//   Pulse says positive where sklearn's predict() says negative. The reference data apply >=.
// - precision, recall and F1 are 0 when undefined (zero_division=0); F1 = 2PR / (P + R).
// - ROC-AUC is the trapezoid area under the ROC curve over distinct thresholds, so tied scores
//   count half (roc_auc_score). NaN when only one class is present (sklearn raises).
// - log-loss clips probabilities to [eps, 1 - eps] with eps = 2^-52 (sklearn 1.2's
//   eps="auto" for float64), renormalizes the pair (1 - p, p) and averages -log of the
//   probability given to the true class. Defined with one class present (labels=[0, 1]).
// - ECE comes from Calibrate (calibration.h) with 10 equal-width bins.
#pragma once

#include <cstdint>
#include <span>

#include "analytics/calibration.h"
#include "core/status.h"

namespace pulse::analytics {

// Counts of predicted against true classes.
struct ConfusionMatrix {
  std::int64_t tn = 0;  // true 0, predicted 0
  std::int64_t fp = 0;  // true 0, predicted 1
  std::int64_t fn = 0;  // true 1, predicted 0
  std::int64_t tp = 0;  // true 1, predicted 1
};

// Everything `pulse model train` reports on its test part and writes to the model manifest.
struct BinaryClassificationReport {
  std::int64_t rows = 0;
  std::int64_t positives = 0;  // rows labelled 1
  double positive_rate = 0;    // positives / rows
  double accuracy = 0;
  double precision = 0;  // tp / (tp + fp), 0 when nothing is predicted positive
  double recall = 0;     // tp / (tp + fn), 0 when there are no positives
  double f1 = 0;         // 2PR / (P + R), 0 when P + R = 0
  double roc_auc = 0;    // NaN when only one class is present
  double log_loss = 0;
  double brier = 0;
  double ece = 0;  // expected calibration error over 10 equal-width bins
  // 1 - brier / (positive_rate (1 - positive_rate)): against always predicting the rows' base
  // rate (0: no better, below 0: worse); NaN when only one class is present.
  double brier_skill = 0;
  ConfusionMatrix confusion;
  double threshold = 0.5;  // predicted class = probability >= threshold
};

// Scores predicted probabilities of class 1 against 0/1 labels. InvalidArgument for mismatched
// lengths, empty input, a threshold that is NaN or outside [0, 1], and (naming the first bad
// index) a label other than 0 or 1 or a probability that is NaN or outside [0, 1].
Result<BinaryClassificationReport> EvaluateBinaryClassifier(std::span<const double> probability,
                                                            std::span<const int> label,
                                                            double threshold = 0.5);

// Weight for the positive class that balances it against the negatives: negatives / positives
// (XGBoost's scale_pos_weight). A label counts as positive when it is non-zero. Returns 1 (no
// reweighting) when there are no labels or only one class: with no positives their weight does
// not matter, and with no negatives a weight of 0 would erase every row.
double PositiveClassWeight(std::span<const int> labels);

}  // namespace pulse::analytics
