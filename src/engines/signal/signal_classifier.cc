#include "engines/signal/signal_classifier.h"

namespace pulse::signal {
namespace {

bool InUnitRange(double x) { return x >= 0 && x <= 1; }

}  // namespace

Result<SignalClassifier> SignalClassifier::Create(const ClassifierConfig& config) {
  const std::pair<const char*, double> all[] = {{"strong_confidence", config.strong_confidence},
                                                {"strong_prediction", config.strong_prediction},
                                                {"confidence", config.confidence},
                                                {"prediction", config.prediction}};
  for (const auto& [name, value] : all) {
    if (!InUnitRange(value)) {
      return InvalidArgumentError("classification: {} must be between 0 and 1, got {}", name,
                                  value);
    }
  }
  if (config.prediction < 0.5) {
    return InvalidArgumentError(
        "classification: prediction must be at least 0.5 (sells mirror it on 1 - prediction), "
        "got {}",
        config.prediction);
  }
  if (config.strong_confidence < config.confidence) {
    return InvalidArgumentError(
        "classification: strong_confidence {} is below confidence {} (strong must be stricter)",
        config.strong_confidence, config.confidence);
  }
  if (config.strong_prediction < config.prediction) {
    return InvalidArgumentError(
        "classification: strong_prediction {} is below prediction {} (strong must be stricter)",
        config.strong_prediction, config.prediction);
  }
  return SignalClassifier(config);
}

SignalClass SignalClassifier::Classify(double prediction, double confidence) const {
  const double up = prediction;
  const double down = 1.0 - prediction;
  if (confidence > config_.strong_confidence) {
    if (up > config_.strong_prediction) return SignalClass::kStrongBuy;
    if (down > config_.strong_prediction) return SignalClass::kStrongSell;
  }
  if (confidence > config_.confidence) {
    if (up > config_.prediction) return SignalClass::kBuy;
    if (down > config_.prediction) return SignalClass::kSell;
  }
  return SignalClass::kHold;
}

}  // namespace pulse::signal
