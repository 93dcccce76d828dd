#include "analytics/classification_metrics.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <vector>

namespace pulse::analytics {
namespace {

// sklearn 1.2's log_loss eps="auto": numpy.finfo(float64).eps.
constexpr double kLogLossEps = std::numeric_limits<double>::epsilon();

// Trapezoid area under the ROC curve, walking the distinct scores from the highest down. Each
// group of tied scores moves the curve diagonally, so a tie counts half. Areas are kept in
// (false positives x true positives) units and scaled once at the end.
double RocAuc(std::span<const double> score, std::span<const int> label, std::int64_t positives) {
  const std::int64_t negatives = static_cast<std::int64_t>(label.size()) - positives;
  if (positives == 0 || negatives == 0) return std::numeric_limits<double>::quiet_NaN();
  std::vector<std::size_t> order(score.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::sort(order.begin(), order.end(),
            [&](std::size_t a, std::size_t b) { return score[a] > score[b]; });
  double twice_area = 0;
  std::int64_t tp = 0;
  for (std::size_t i = 0; i < order.size();) {
    std::int64_t group_tp = 0;
    std::int64_t group_fp = 0;
    const double value = score[order[i]];
    for (; i < order.size() && score[order[i]] == value; ++i) {
      if (label[order[i]] == 1) {
        ++group_tp;
      } else {
        ++group_fp;
      }
    }
    twice_area += static_cast<double>(group_fp) * static_cast<double>(2 * tp + group_tp);
    tp += group_tp;
  }
  return twice_area / (2.0 * static_cast<double>(positives) * static_cast<double>(negatives));
}

// Mean negative log-likelihood of the true class, as sklearn 1.2's log_loss: clip, form the pair
// (1 - p, p), renormalize it, take -log of the true class's share.
double LogLoss(std::span<const double> probability, std::span<const int> label) {
  double sum = 0;
  for (std::size_t i = 0; i < probability.size(); ++i) {
    const double p = std::clamp(probability[i], kLogLossEps, 1.0 - kLogLossEps);
    const double q = 1.0 - p;
    const double total = q + p;
    sum += -std::log((label[i] == 1 ? p : q) / total);
  }
  return sum / static_cast<double>(probability.size());
}

double DivideOrZero(double numerator, double denominator) {
  return denominator == 0 ? 0.0 : numerator / denominator;
}

}  // namespace

Result<BinaryClassificationReport> EvaluateBinaryClassifier(std::span<const double> probability,
                                                            std::span<const int> label,
                                                            double threshold) {
  if (!(threshold >= 0.0 && threshold <= 1.0)) {
    return InvalidArgumentError("threshold is {}, must be in [0, 1]", threshold);
  }
  RETURN_IF_ERROR(CheckBinaryPredictions(probability, label, "label"));

  BinaryClassificationReport report;
  report.threshold = threshold;
  report.rows = static_cast<std::int64_t>(probability.size());
  ConfusionMatrix& cm = report.confusion;
  for (std::size_t i = 0; i < probability.size(); ++i) {
    const bool predicted_positive = probability[i] >= threshold;
    if (label[i] == 1) {
      ++(predicted_positive ? cm.tp : cm.fn);
    } else {
      ++(predicted_positive ? cm.fp : cm.tn);
    }
  }
  const double rows = static_cast<double>(report.rows);
  report.positives = cm.tp + cm.fn;
  report.positive_rate = static_cast<double>(report.positives) / rows;
  report.accuracy = static_cast<double>(cm.tp + cm.tn) / rows;
  report.precision = DivideOrZero(static_cast<double>(cm.tp), static_cast<double>(cm.tp + cm.fp));
  report.recall = DivideOrZero(static_cast<double>(cm.tp), static_cast<double>(cm.tp + cm.fn));
  report.f1 =
      DivideOrZero(2.0 * report.precision * report.recall, report.precision + report.recall);
  report.roc_auc = RocAuc(probability, label, report.positives);
  report.log_loss = LogLoss(probability, label);

  ASSIGN_OR_RETURN(CalibrationReport calibration,
                   Calibrate(probability, label, kDefaultCalibrationBins));
  report.brier = calibration.brier;
  report.ece = calibration.ece;
  report.brier_skill = calibration.brier_skill;
  return report;
}

double PositiveClassWeight(std::span<const int> labels) {
  const auto positives = std::count_if(labels.begin(), labels.end(), [](int l) { return l != 0; });
  const auto negatives = static_cast<std::int64_t>(labels.size()) - positives;
  if (positives == 0 || negatives == 0) return 1.0;
  return static_cast<double>(negatives) / static_cast<double>(positives);
}

}  // namespace pulse::analytics
