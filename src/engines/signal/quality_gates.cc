#include "engines/signal/quality_gates.h"

#include <cmath>

#include "engines/signal/append_format.h"

namespace pulse::signal {

std::string_view GateName(Gate gate) {
  switch (gate) {
    case Gate::kConfidence:
      return "confidence";
    case Gate::kVolume:
      return "volume";
    case Gate::kRewardRisk:
      return "reward_risk";
  }
  return "confidence";
}

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

void QualityGates::Judge(const GateInputs& in, GateVerdicts* verdicts) const {
  verdicts->size = 0;
  auto add = [verdicts](Gate gate, double value, double threshold) {
    verdicts->items[static_cast<std::size_t>(verdicts->size++)] = {gate, value, threshold,
                                                                   value >= threshold};
  };
  if (config_.confidence_enabled) add(Gate::kConfidence, in.confidence, config_.min_confidence);
  if (config_.volume_enabled) {
    const double ratio = in.volume_average > 0 ? in.volume / in.volume_average : 0.0;
    add(Gate::kVolume, ratio, config_.min_volume_ratio);
  }
  if (config_.reward_risk_enabled) {
    const double rr =
        RewardRiskAfterFees(in.entry, in.stop_loss, in.take_profit, config_.fee_percent);
    add(Gate::kRewardRisk, rr, config_.min_reward_risk);
  }
}

namespace {

// The decimals that show a failed check's value below its threshold: 2, or more when both
// round to the same 2 decimals (0.7674 against 0.77 reads "0.767 < 0.770"), up to 8.
int ReasonDecimals(const GateVerdict& v) {
  int decimals = 2;
  for (double scale = 100;
       !v.passed && decimals < 8 && std::round(v.value * scale) >= std::round(v.threshold * scale);
       scale *= 10) {
    ++decimals;
  }
  return decimals;
}

// `value` with `decimals` fixed decimals, in `buffer`.
std::string_view Fixed(double value, int decimals, char (&buffer)[kDecimalTextMax]) {
  const int size = FixedText(value, decimals, /*plus=*/false, buffer);
  if (size >= 0) return {buffer, static_cast<std::size_t>(size)};
  const auto end = fmt::format_to_n(buffer, kDecimalTextMax - 1, "{:.{}f}", value, decimals).out;
  return {buffer, static_cast<std::size_t>(end - buffer)};
}

}  // namespace

void QualityGates::AppendReason(const GateVerdict& v, std::string* out) const {
  const char* op = v.passed ? ">=" : "<";
  const int decimals = ReasonDecimals(v);
  if (decimals == 2) {
    switch (v.gate) {
      case Gate::kConfidence:
        AppendFormat(out, FMT_COMPILE("confidence {:.2f} {} {:.2f}"), v.value, op, v.threshold);
        return;
      case Gate::kVolume:
        AppendFormat(out, FMT_COMPILE("volume {:.2f}x {} {:.2f}x of the {}-bar average"), v.value,
                     op, v.threshold, config_.volume_period);
        return;
      case Gate::kRewardRisk:
        AppendFormat(out, FMT_COMPILE("reward/risk {:.2f} {} {:.2f} after {:.2f}% fees per side"),
                     v.value, op, v.threshold, config_.fee_percent);
        return;
    }
  }
  char value_buffer[kDecimalTextMax], threshold_buffer[kDecimalTextMax];
  const std::string_view value = Fixed(v.value, decimals, value_buffer);
  const std::string_view threshold = Fixed(v.threshold, decimals, threshold_buffer);
  switch (v.gate) {
    case Gate::kConfidence:
      AppendFormat(out, FMT_COMPILE("confidence {} {} {}"), value, op, threshold);
      return;
    case Gate::kVolume:
      AppendFormat(out, FMT_COMPILE("volume {}x {} {}x of the {}-bar average"), value, op,
                   threshold, config_.volume_period);
      return;
    case Gate::kRewardRisk:
      AppendFormat(out, FMT_COMPILE("reward/risk {} {} {} after {:.2f}% fees per side"), value, op,
                   threshold, config_.fee_percent);
      return;
  }
}

GateCheck QualityGates::ToCheck(const GateVerdict& v) const {
  GateCheck c;
  c.gate = GateName(v.gate);
  c.value = v.value;
  c.threshold = v.threshold;
  c.passed = v.passed;
  AppendReason(v, &c.reason);
  return c;
}

}  // namespace pulse::signal
