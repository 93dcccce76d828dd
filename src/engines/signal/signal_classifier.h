// SignalClassifier: seed 004's five classes of a blended opinion (strong_buy, buy, hold, sell,
// strong_sell) from the ensemble's prediction and confidence.
#pragma once

#include "core/status.h"
#include "model/signal.h"

namespace pulse::signal {

// Thresholds (all strict "greater than"). Sells mirror buys on 1 - prediction.
struct ClassifierConfig {
  double strong_confidence = 0.8;
  double strong_prediction = 0.7;
  double confidence = 0.6;
  double prediction = 0.6;
};

// strong_buy if confidence > strong_confidence and prediction > strong_prediction; buy if
// confidence > confidence and prediction > prediction; strong_sell / sell the same on
// 1 - prediction; hold otherwise. Immutable after construction; thread-safe.
class SignalClassifier {
 public:
  // InvalidArgument when a threshold is outside 0..1 or a strong threshold is below its plain
  // one.
  static Result<SignalClassifier> Create(const ClassifierConfig& config);

  SignalClass Classify(double prediction, double confidence) const;

  const ClassifierConfig& config() const { return config_; }

 private:
  explicit SignalClassifier(const ClassifierConfig& config) : config_(config) {}

  ClassifierConfig config_;
};

// True for buy / strong_buy.
inline bool IsBuy(SignalClass c) { return c == SignalClass::kBuy || c == SignalClass::kStrongBuy; }
// True for sell / strong_sell.
inline bool IsSell(SignalClass c) {
  return c == SignalClass::kSell || c == SignalClass::kStrongSell;
}

}  // namespace pulse::signal
