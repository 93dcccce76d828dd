// LevelPlanner: where a signal enters, where it is wrong (stop-loss) and where it takes profit,
// plus the optional trailing and time stops it carries. The training labels use the same planner
// so a model learns exactly the brackets the engine will trade.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "core/status.h"
#include "engines/signal/level_context.h"
#include "model/signal.h"

namespace pulse::signal {

// Entry at the close of the signal bar, or at the next bar's open.
enum class EntryMode { kSignalClose, kNextOpen };
// Stop-loss distance: a multiple of ATR, beyond the recent swing low (long) / high (short), or a
// percent of the entry.
enum class StopMethod { kAtr, kSwing, kPercent };

std::string_view StopMethodName(StopMethod m);  // "atr", "swing", "percent"

// Every level setting. Defaults: entry at the close, stop 2 x ATR(14), take-profit 3 x the stop
// distance (see README: with 0.1 % fees per side a take-profit of exactly 2 x the stop can never
// pass the 2.0 reward/risk-after-fees gate), no trailing or time stop.
struct LevelConfig {
  EntryMode entry = EntryMode::kSignalClose;
  StopMethod stop = StopMethod::kAtr;
  int atr_period = 14;
  double atr_multiple = 2.0;
  int swing_lookback = 20;
  double stop_percent = 1.0;
  double reward_risk = 3.0;  // take-profit distance / stop distance
  std::optional<double> trailing_activation_pct;
  std::optional<double> trailing_pct;
  std::optional<std::int64_t> max_hold_minutes;
};

// The bracket of one signal.
struct Levels {
  double entry = 0;
  double stop_loss = 0;
  double take_profit = 0;
  double stop_distance = 0;  // |entry - stop_loss| > 0
};

// Immutable after Create; thread-safe.
class LevelPlanner {
 public:
  // InvalidArgument naming the field: periods < 1, multiples or percents not positive, a
  // trailing stop with only one of its two settings, max_hold_minutes < 1.
  static Result<LevelPlanner> Create(const LevelConfig& config);

  // True when the context holds what the stop method needs (ATR or a full swing window).
  bool Ready(const LevelContext& context) const;

  // Levels for a signal in `direction` entering at `entry`. FailedPrecondition while the context
  // warms up; OutOfRange when the stop would not be on the losing side of the entry (e.g. the
  // swing low is not below the entry, or ATR is 0).
  Result<Levels> Plan(Direction direction, double entry, const LevelContext& context) const;

  // The context windows this config needs (ATR period and swing lookback; the rest default).
  LevelContextConfig ContextConfig() const;

  const LevelConfig& config() const { return config_; }

 private:
  explicit LevelPlanner(const LevelConfig& config) : config_(config) {}

  LevelConfig config_;
};

}  // namespace pulse::signal
