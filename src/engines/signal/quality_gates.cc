#include "engines/signal/quality_gates.h"

#include <cmath>

#include <fmt/format.h>

namespace pulse::signal {

double RewardRiskAfterFees(double entry, double stop_loss, double take_profit, double fee_percent) {
  const double fees = entry * 2.0 * fee_percent / 100.0;
  const double risk = std::abs(entry - stop_loss) + fees;
  if (!(risk > 0)) return 0;
  return (std::abs(take_profit - entry) - fees) / risk;
}

Result<QualityGates> QualityGates::Create(const QualityGateConfig& config) {
  if (!(config.min_confidence >= 0 && config.min_confidence <= 1)) {
    return InvalidArgumentError("quality gates: min_confidence must be between 0 and 1, got {}",
                                config.min_confidence);
  }
  if (!(config.min_volume_ratio >= 0)) {
    return InvalidArgumentError("quality gates: min_volume_ratio must not be negative, got {}",
                                config.min_volume_ratio);
  }
  if (config.volume_period < 1) {
    return InvalidArgumentError("quality gates: volume_period must be at least 1, got {}",
                                config.volume_period);
  }
  if (!(config.min_reward_risk >= 0)) {
    return InvalidArgumentError("quality gates: min_reward_risk must not be negative, got {}",
                                config.min_reward_risk);
  }
  if (!(config.fee_percent >= 0 && config.fee_percent < 100)) {
    return InvalidArgumentError("quality gates: fee_percent must be between 0 and 100, got {}",
                                config.fee_percent);
  }
  return QualityGates(config);
}

void QualityGates::Evaluate(const GateInputs& in, std::vector<GateCheck>* checks) const {
  checks->clear();
  auto add = [checks](const char* gate, double value, double threshold) {
    GateCheck& c = checks->emplace_back();
    c.gate = gate;
    c.value = value;
    c.threshold = threshold;
    c.passed = value >= threshold;
  };
  if (config_.confidence_enabled) add("confidence", in.confidence, config_.min_confidence);
  if (config_.volume_enabled) {
    const double ratio = in.volume_average > 0 ? in.volume / in.volume_average : 0.0;
    add("volume", ratio, config_.min_volume_ratio);
  }
  if (config_.reward_risk_enabled) {
    const double rr =
        RewardRiskAfterFees(in.entry, in.stop_loss, in.take_profit, config_.fee_percent);
    add("reward_risk", rr, config_.min_reward_risk);
  }
}

void QualityGates::Explain(std::vector<GateCheck>* checks) const {
  for (GateCheck& c : *checks) {
    const char* op = c.passed ? ">=" : "<";
    if (c.gate == "confidence") {
      c.reason = fmt::format("confidence {:.2f} {} {:.2f}", c.value, op, c.threshold);
    } else if (c.gate == "volume") {
      c.reason = fmt::format("volume {:.2f}x {} {:.2f}x of the {}-bar average", c.value, op,
                             c.threshold, config_.volume_period);
    } else if (c.gate == "reward_risk") {
      c.reason = fmt::format("reward/risk {:.2f} {} {:.2f} after {:.2f}% fees per side", c.value,
                             op, c.threshold, config_.fee_percent);
    }
  }
}

void QualityGates::Check(const GateInputs& inputs, std::vector<GateCheck>* checks) const {
  Evaluate(inputs, checks);
  Explain(checks);
}

bool AllPassed(const std::vector<GateCheck>& checks) {
  for (const GateCheck& c : checks) {
    if (!c.passed) return false;
  }
  return true;
}

}  // namespace pulse::signal
