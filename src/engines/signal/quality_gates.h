// QualityGates: seed 000's checks a candidate signal must pass before it is emitted (confidence,
// volume against its average, reward/risk after fees). Every gate reports its own verdict with
// the value seen and the threshold; a failed candidate is stored as rejected with all of them.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/status.h"
#include "model/signal.h"

namespace pulse::signal {

// Each gate can be disabled; disabled gates report nothing.
struct QualityGateConfig {
  bool confidence_enabled = true;
  double min_confidence = 0.77;
  bool volume_enabled = true;
  double min_volume_ratio = 2.0;  // bar volume / its `volume_period`-bar average
  int volume_period = 20;         // the average includes the current bar
  bool reward_risk_enabled = true;
  double min_reward_risk = 2.0;  // after round-trip fees
  double fee_percent = 0.1;      // per side
};

// What the gates look at for one candidate.
struct GateInputs {
  double confidence = 0;
  double volume = 0;
  double volume_average = 0;
  double entry = 0;
  double stop_loss = 0;
  double take_profit = 0;
};

// The gates, in the order they are checked.
enum class Gate : std::uint8_t { kConfidence, kVolume, kRewardRisk };
// The stored gate name: "confidence", "volume", "reward_risk".
std::string_view GateName(Gate gate);

// One gate's verdict without its text: what GateCheck holds except the reason.
struct GateVerdict {
  Gate gate = Gate::kConfidence;
  double value = 0;
  double threshold = 0;
  bool passed = false;
};

// The verdicts of the enabled gates for one candidate, in gate order. Fixed size: filling it
// allocates nothing.
struct GateVerdicts {
  std::array<GateVerdict, 3> items;
  int size = 0;

  const GateVerdict* begin() const { return items.data(); }
  const GateVerdict* end() const { return items.data() + size; }
  bool AllPassed() const {
    for (const GateVerdict& v : *this) {
      if (!v.passed) return false;
    }
    return true;
  }
};

// Reward/risk after round-trip fees: (|tp - entry| - fees) / (|entry - sl| + fees) with
// fees = entry * 2 * fee_percent / 100. 0 when the risk is not positive.
double RewardRiskAfterFees(double entry, double stop_loss, double take_profit, double fee_percent);

// Lifecycle: created once from config; Judge per candidate, ToCheck for the verdicts stored.
// Immutable; thread-safe.
class QualityGates {
 public:
  // InvalidArgument naming the bad field (negative thresholds, volume_period < 1, ...).
  static Result<QualityGates> Create(const QualityGateConfig& config);

  // One verdict per enabled gate, in the order confidence, volume, reward_risk, each with value,
  // threshold and passed; no formatting, no allocation (the engine's per-candidate path).
  void Judge(const GateInputs& inputs, GateVerdicts* verdicts) const;
  // Appends the reason of `verdict` to `*out`, such as "volume 1.40x < 2.00x of the 20-bar
  // average".
  void AppendReason(const GateVerdict& verdict, std::string* out) const;
  // `verdict` as a stored check: gate name, value, threshold, passed and reason.
  GateCheck ToCheck(const GateVerdict& verdict) const;

  const QualityGateConfig& config() const { return config_; }

 private:
  explicit QualityGates(const QualityGateConfig& config) : config_(config) {}

  QualityGateConfig config_;
};

}  // namespace pulse::signal
