#include "engines/signal/level_planner.h"

#include <cmath>

namespace pulse::signal {

std::string_view StopMethodName(StopMethod m) {
  switch (m) {
    case StopMethod::kAtr:
      return "atr";
    case StopMethod::kSwing:
      return "swing";
    case StopMethod::kPercent:
      return "percent";
  }
  return "atr";
}

Result<LevelPlanner> LevelPlanner::Create(const LevelConfig& c) {
  if (c.atr_period < 1) {
    return InvalidArgumentError("levels: atr_period must be at least 1, got {}", c.atr_period);
  }
  if (c.swing_lookback < 1) {
    return InvalidArgumentError("levels: swing_lookback must be at least 1, got {}",
                                c.swing_lookback);
  }
  if (!(c.atr_multiple > 0)) {
    return InvalidArgumentError("levels: atr_multiple must be positive, got {}", c.atr_multiple);
  }
  if (!(c.stop_percent > 0 && c.stop_percent < 100)) {
    return InvalidArgumentError("levels: stop_percent must be between 0 and 100, got {}",
                                c.stop_percent);
  }
  if (!(c.reward_risk > 0)) {
    return InvalidArgumentError("levels: reward_risk must be positive, got {}", c.reward_risk);
  }
  if (c.trailing_activation_pct.has_value() != c.trailing_pct.has_value()) {
    return InvalidArgumentError(
        "levels: a trailing stop needs both trailing_activation_pct and trailing_pct");
  }
  if (c.trailing_pct && !(*c.trailing_pct > 0 && *c.trailing_pct < 100)) {
    return InvalidArgumentError("levels: trailing_pct must be between 0 and 100, got {}",
                                *c.trailing_pct);
  }
  if (c.trailing_activation_pct && !(*c.trailing_activation_pct >= 0)) {
    return InvalidArgumentError("levels: trailing_activation_pct must not be negative, got {}",
                                *c.trailing_activation_pct);
  }
  if (c.max_hold_minutes && *c.max_hold_minutes < 1) {
    return InvalidArgumentError("levels: max_hold_minutes must be at least 1, got {}",
                                *c.max_hold_minutes);
  }
  return LevelPlanner(c);
}

LevelContextConfig LevelPlanner::ContextConfig() const {
  LevelContextConfig context;
  context.atr_period = config_.atr_period;
  context.swing_lookback = config_.swing_lookback;
  return context;
}

bool LevelPlanner::Ready(const LevelContext& context) const {
  switch (config_.stop) {
    case StopMethod::kAtr:
      return context.AtrReady();
    case StopMethod::kSwing:
      return context.SwingReady();
    case StopMethod::kPercent:
      return context.bars() > 0;
  }
  return false;
}

Result<Levels> LevelPlanner::Plan(Direction direction, double entry,
                                  const LevelContext& context) const {
  if (!Ready(context)) {
    return FailedPreconditionError("levels: the {} stop is still warming up ({} bars seen)",
                                   StopMethodName(config_.stop), context.bars());
  }
  if (!(entry > 0)) return OutOfRangeError("levels: entry price must be positive, got {}", entry);
  const bool is_long = direction == Direction::kLong;
  Levels levels;
  levels.entry = entry;
  switch (config_.stop) {
    case StopMethod::kAtr: {
      const double distance = config_.atr_multiple * context.atr();
      levels.stop_loss = is_long ? entry - distance : entry + distance;
      break;
    }
    case StopMethod::kSwing:
      levels.stop_loss = is_long ? context.swing_low() : context.swing_high();
      break;
    case StopMethod::kPercent: {
      const double distance = entry * config_.stop_percent / 100.0;
      levels.stop_loss = is_long ? entry - distance : entry + distance;
      break;
    }
  }
  levels.stop_distance = is_long ? entry - levels.stop_loss : levels.stop_loss - entry;
  if (!(levels.stop_distance > 0)) {
    return OutOfRangeError("levels: {} stop {} is not {} the entry {}",
                           StopMethodName(config_.stop), levels.stop_loss,
                           is_long ? "below" : "above", entry);
  }
  const double reward = config_.reward_risk * levels.stop_distance;
  levels.take_profit = is_long ? entry + reward : entry - reward;
  if (!(levels.take_profit > 0)) {
    return OutOfRangeError("levels: take-profit {} of a short from {} is not a positive price",
                           levels.take_profit, entry);
  }
  return levels;
}

}  // namespace pulse::signal
