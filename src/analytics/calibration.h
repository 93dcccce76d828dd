// Calibration of predicted probabilities against 0/1 outcomes: the reliability table
// (equal-width confidence bins with count, mean confidence and hit rate), the expected
// calibration error (ECE) and the Brier score. Serves the model trainer's test report and the
// outcome tracker's per-model and overall signal calibration (one implementation for both).
//
// Bins follow scikit-learn 1.2's calibration_curve(strategy='uniform'): edges are k / bins
// computed as k * (1.0 / bins) (numpy.linspace), and a probability exactly on an inner edge
// falls in the LOWER bin (numpy.searchsorted on the inner edges), so bin 0 is [0, e1] and bin k
// is (e_k, e_k+1]; 0.0 is in the first bin and 1.0 in the last.
//
// ECE = sum over non-empty bins b of (n_b / N) * |hit_rate_b - mean_confidence_b|, the
// reliability-diagram form: "confidence" is the predicted probability of the positive outcome
// and the hit rate the fraction of positive outcomes in the bin.
//
// Murphy's decomposition of the Brier score over the same bins, with o the overall hit rate:
// reliability = sum (n_b / N) (mean_confidence_b - hit_rate_b)^2 (how far the confidence is
// from what happened, lower is better), resolution = sum (n_b / N) (hit_rate_b - o)^2 (how much
// the confidence tells outcomes apart, higher is better), uncertainty = o (1 - o) (the Brier
// score of always predicting o). Brier = reliability - resolution + uncertainty exactly when
// every prediction in a bin has the same probability; otherwise the spread inside the bins adds
// a small remainder. The Brier skill score 1 - Brier / uncertainty compares with always
// predicting o: 0 no better, 1 perfect, below 0 worse.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace pulse::analytics {

// Default number of equal-width confidence bins.
inline constexpr int kDefaultCalibrationBins = 10;

// One row of the reliability table. An empty bin has count 0 and NaN mean/hit rate.
struct ReliabilityBin {
  double lower = 0;  // left edge (exclusive, except 0.0 for the first bin)
  double upper = 0;  // right edge (inclusive)
  std::int64_t count = 0;
  double mean_confidence = 0;  // mean predicted probability in the bin
  double hit_rate = 0;         // fraction of outcomes equal to 1 in the bin
};

// The reliability table plus the summary scores over all `count` predictions. With no
// predictions (an empty accumulator) ece and brier are NaN.
struct CalibrationReport {
  std::vector<ReliabilityBin> bins;
  double ece = 0;    // expected calibration error, see the file comment
  double brier = 0;  // mean of (outcome - probability)^2
  // Murphy's decomposition and the skill score (see the file comment); NaN with no
  // predictions, and the skill also when every outcome is the same (uncertainty 0).
  double reliability = 0;
  double resolution = 0;
  double uncertainty = 0;
  double brier_skill = 0;
  std::int64_t count = 0;
};

// Collects (probability, outcome) pairs one at a time and reports the calibration so far.
// Gives exactly the same report as Calibrate on the same pairs in the same order. Holds a few
// running sums per bin (constant memory). Value type; not thread-safe (one owner feeds it).
class CalibrationAccumulator {
 public:
  // `bins` must be in [1, 10000].
  static Result<CalibrationAccumulator> Create(int bins = kDefaultCalibrationBins);

  // Adds one prediction. InvalidArgument (and nothing recorded) when the probability is NaN or
  // outside [0, 1] or the outcome is not 0 or 1.
  Status Add(double probability, int outcome);

  // The report over everything added so far.
  CalibrationReport Report() const;

  int bin_count() const { return static_cast<int>(count_.size()); }
  std::int64_t count() const { return total_; }

  // The bin a probability in [0, 1] falls in (see the file comment for edges).
  int BinIndex(double probability) const;

 private:
  explicit CalibrationAccumulator(int bins);
  double Edge(int k) const;

  std::vector<std::int64_t> count_;
  std::vector<double> probability_sum_;
  std::vector<double> outcome_sum_;
  double squared_error_sum_ = 0;
  std::int64_t total_ = 0;
};

// Checks parallel prediction columns: equal non-zero lengths, every probability in [0, 1] (not
// NaN), every label 0 or 1. The error names the first bad index and value, calling the label
// column `label_name` ("label", "outcome").
Status CheckBinaryPredictions(std::span<const double> probability, std::span<const int> label,
                              std::string_view label_name);

// Calibration of `probability` against `outcome` (0 or 1), in `bins` equal-width bins.
// InvalidArgument for mismatched lengths, empty input, a bad bin count, and (naming the first
// bad index) a probability that is NaN or outside [0, 1] or an outcome other than 0 or 1.
Result<CalibrationReport> Calibrate(std::span<const double> probability,
                                    std::span<const int> outcome,
                                    int bins = kDefaultCalibrationBins);

}  // namespace pulse::analytics
