// Settings that are each valid but work against each other, found from the configuration
// alone: `pulse config check` prints them, and `pulse run` and `pulse backtest` log them as
// warnings when they start. A warning never stops anything; it names the keys involved, their
// values and what follows from them. Pure functions; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "app/config/config.h"

namespace pulse::app {

// The win rate at which a signal whose take-profit is `reward_risk` times its stop distance
// breaks even before fees: 1 / (1 + reward_risk).
double BreakEvenWinRate(double reward_risk);

// How far (in win rate) a line must lie above the break-even win rate to be worth a warning:
// fees raise the break-even a little, so a line just above it is not flagged.
inline constexpr double kWinRateWarningMargin = 0.05;

// In this order, each when it applies:
//   - the light's red win-rate line lies more than kWinRateWarningMargin above the break-even
//     win rate of signal.levels.reward_risk: signals between the two make money and turn the
//     light red;
//   - with the confidence gate on, min_confidence - red_ece lies more than that margin above the
//     break-even: every signal the gate passes claims at least min_confidence, so signals that
//     win less than min_confidence - red_ece of the time have a calibration error (ECE) above
//     the red line, whatever they earn;
//   - the signals' sizes are not capped at what the paper account takes per position
//     (signal.sizing.max_position_value unset or above paper.max_position_fraction of
//     paper.starting_balance): the signals' quote P&L is that of positions larger than the
//     account's.
std::vector<std::string> ConfigWarnings(const Config& config);

}  // namespace pulse::app
