#include "analytics/calibration.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace pulse::analytics {
namespace {

constexpr int kMaxCalibrationBins = 10000;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

bool IsProbability(double p) { return p >= 0.0 && p <= 1.0; }  // false for NaN

Status CheckOne(double probability, int label, std::string_view label_name, std::size_t index,
                bool with_index) {
  const std::string where = with_index ? fmt::format("[{}]", index) : std::string();
  if (std::isnan(probability)) return InvalidArgumentError("probability{} is NaN", where);
  if (!IsProbability(probability)) {
    return InvalidArgumentError("probability{} is {}, outside [0, 1]", where, probability);
  }
  if (label != 0 && label != 1) {
    return InvalidArgumentError("{}{} is {}, must be 0 or 1", label_name, where, label);
  }
  return Status::Ok();
}

Status CheckBinCount(int bins) {
  if (bins < 1 || bins > kMaxCalibrationBins) {
    return InvalidArgumentError("calibration bins must be in [1, {}], got {}", kMaxCalibrationBins,
                                bins);
  }
  return Status::Ok();
}

}  // namespace

Status CheckBinaryPredictions(std::span<const double> probability, std::span<const int> label,
                              std::string_view label_name) {
  if (probability.size() != label.size()) {
    return InvalidArgumentError("probability has {} values but {} has {}", probability.size(),
                                label_name, label.size());
  }
  if (probability.empty()) return InvalidArgumentError("no predictions: the input is empty");
  for (std::size_t i = 0; i < probability.size(); ++i) {
    RETURN_IF_ERROR(CheckOne(probability[i], label[i], label_name, i, /*with_index=*/true));
  }
  return Status::Ok();
}

Result<CalibrationAccumulator> CalibrationAccumulator::Create(int bins) {
  RETURN_IF_ERROR(CheckBinCount(bins));
  return CalibrationAccumulator(bins);
}

CalibrationAccumulator::CalibrationAccumulator(int bins)
    : count_(bins, 0), probability_sum_(bins, 0.0), outcome_sum_(bins, 0.0) {}

double CalibrationAccumulator::Edge(int k) const {
  // numpy.linspace(0, 1, bins + 1): k * step with the last edge set to exactly 1.
  const int bins = bin_count();
  if (k >= bins) return 1.0;
  return static_cast<double>(k) * (1.0 / static_cast<double>(bins));
}

int CalibrationAccumulator::BinIndex(double probability) const {
  // The number of inner edges strictly below the probability (searchsorted, side='left').
  const int bins = bin_count();
  int b = std::clamp(static_cast<int>(probability * bins), 0, bins - 1);
  while (b > 0 && !(Edge(b) < probability)) --b;
  while (b < bins - 1 && Edge(b + 1) < probability) ++b;
  return b;
}

Status CalibrationAccumulator::Add(double probability, int outcome) {
  RETURN_IF_ERROR(CheckOne(probability, outcome, "outcome", 0, /*with_index=*/false));
  const int b = BinIndex(probability);
  count_[b] += 1;
  probability_sum_[b] += probability;
  outcome_sum_[b] += outcome;
  const double error = outcome - probability;
  squared_error_sum_ += error * error;
  total_ += 1;
  return Status::Ok();
}

CalibrationReport CalibrationAccumulator::Report() const {
  CalibrationReport report;
  report.count = total_;
  report.bins.reserve(count_.size());
  double ece = 0;
  for (int b = 0; b < bin_count(); ++b) {
    ReliabilityBin bin;
    bin.lower = Edge(b);
    bin.upper = Edge(b + 1);
    bin.count = count_[b];
    if (bin.count == 0) {
      bin.mean_confidence = kNaN;
      bin.hit_rate = kNaN;
    } else {
      const double n = static_cast<double>(bin.count);
      bin.mean_confidence = probability_sum_[b] / n;
      bin.hit_rate = outcome_sum_[b] / n;
      ece += n / static_cast<double>(total_) * std::abs(bin.hit_rate - bin.mean_confidence);
    }
    report.bins.push_back(bin);
  }
  report.ece = total_ == 0 ? kNaN : ece;
  report.brier = total_ == 0 ? kNaN : squared_error_sum_ / static_cast<double>(total_);
  if (total_ == 0) {
    report.reliability = report.resolution = report.uncertainty = report.brier_skill = kNaN;
    return report;
  }
  const double all = static_cast<double>(total_);
  double hits = 0;
  for (const double h : outcome_sum_) hits += h;
  const double base_rate = hits / all;
  double reliability = 0;
  double resolution = 0;
  for (const ReliabilityBin& bin : report.bins) {
    if (bin.count == 0) continue;
    const double share = static_cast<double>(bin.count) / all;
    reliability +=
        share * (bin.mean_confidence - bin.hit_rate) * (bin.mean_confidence - bin.hit_rate);
    resolution += share * (bin.hit_rate - base_rate) * (bin.hit_rate - base_rate);
  }
  report.reliability = reliability;
  report.resolution = resolution;
  report.uncertainty = base_rate * (1 - base_rate);
  report.brier_skill = report.uncertainty > 0 ? 1 - report.brier / report.uncertainty : kNaN;
  return report;
}

Result<CalibrationReport> Calibrate(std::span<const double> probability,
                                    std::span<const int> outcome, int bins) {
  ASSIGN_OR_RETURN(CalibrationAccumulator accumulator, CalibrationAccumulator::Create(bins));
  RETURN_IF_ERROR(CheckBinaryPredictions(probability, outcome, "outcome"));
  for (std::size_t i = 0; i < probability.size(); ++i) {
    RETURN_IF_ERROR(accumulator.Add(probability[i], outcome[i]));
  }
  return accumulator.Report();
}

}  // namespace pulse::analytics
