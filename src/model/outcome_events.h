// Events of the outcome tracker: a tracked signal reached its exit. Plain value types.
#pragma once

#include <vector>

#include "model/signal.h"

namespace pulse {

// Exit reasons written to SignalResult::exit_reason (and fills / trades): "take_profit",
// "stop_loss", "trailing_stop", "time_stop", "manual", "emergency_stop", "end_of_data".
inline constexpr const char* kExitTakeProfit = "take_profit";
inline constexpr const char* kExitStopLoss = "stop_loss";
inline constexpr const char* kExitTrailingStop = "trailing_stop";
inline constexpr const char* kExitTimeStop = "time_stop";
inline constexpr const char* kExitManual = "manual";
inline constexpr const char* kExitEmergencyStop = "emergency_stop";
inline constexpr const char* kExitEndOfData = "end_of_data";

// A tracked signal resolved: `result` has the exit price and time, exit reason, P&L % (before
// fees) and in quote currency after fees, hold minutes, MFE/MAE and the outcome (win / loss /
// breakeven). `shadow` is true for candidates that were never traded (rejected by a quality
// gate or denied by the controller): they are tracked the same way but never enter the real
// statistics. Published once per signal, in bar order.
// `contributions` are the signal's sources with `was_correct` set (a source was right when it
// backed the signal's side and the signal won, or opposed it and it lost; unset on breakeven).
struct OutcomeResolved {
  Signal signal;
  SignalResult result;
  bool shadow = false;
  std::vector<TheoryContribution> contributions;
};

}  // namespace pulse
