// Probability calibration of a binary model: fitting Platt scaling (a logistic regression of the
// label on the logit of the raw probability) or isotonic regression (pool adjacent violators) on
// held-out rows, checking a stored calibration, and applying it. The map itself is
// ProbabilityCalibration in model/model_manifest.h, stored in the manifest; XgboostModel and
// OnnxModel apply it in Predict. Pure functions; thread-safe.
#pragma once

#include <span>

#include "core/status.h"
#include "model/model_manifest.h"

namespace pulse::inference {

// Raw probabilities are clipped to [kCalibrationClip, 1 - kCalibrationClip] before the logit.
inline constexpr double kCalibrationClip = 1e-12;

// Platt scaling fitted by Newton's method (with step halving) on the log-loss of
// sigmoid(a * logit(raw) + b) against Platt's smoothed targets: (N+ + 1) / (N+ + 2) for label 1
// and 1 / (N- + 2) for label 0, which keep the fit finite on separable rows and tend to the plain
// maximum-likelihood fit for many rows. Deterministic: same rows, same result. InvalidArgument
// naming the first bad row for mismatched lengths, no rows, a raw probability that is NaN or
// outside [0, 1], or a label other than 0 or 1.
Result<ProbabilityCalibration> FitPlatt(std::span<const double> raw, std::span<const int> labels);

// Isotonic regression of the label on the raw probability (pool adjacent violators; equal raw
// values are pooled first), stored as the first and last raw value of each pooled block with the
// block's hit rate. Same errors as FitPlatt.
Result<ProbabilityCalibration> FitIsotonic(std::span<const double> raw,
                                           std::span<const int> labels);

// "platt", "isotonic" or "none": FitPlatt, FitIsotonic, or no calibration (nullopt).
// InvalidArgument for another method.
Result<std::optional<ProbabilityCalibration>> FitCalibration(std::string_view method,
                                                             std::span<const double> raw,
                                                             std::span<const int> labels);

// OK when `calibration` is usable: method platt with finite a and b, or isotonic with as many
// x as y (at least one), x finite and strictly increasing, y in [0, 1] and non-decreasing.
// InvalidArgument naming the field otherwise.
Status CheckCalibration(const ProbabilityCalibration& calibration);

// The calibrated probability of one raw probability (NaN stays NaN). `calibration` must have
// passed CheckCalibration.
double Calibrate(const ProbabilityCalibration& calibration, double raw);

// Calibrates every value in place; nothing happens without a calibration.
void ApplyCalibration(const std::optional<ProbabilityCalibration>& calibration,
                      std::span<double> probabilities);

}  // namespace pulse::inference
