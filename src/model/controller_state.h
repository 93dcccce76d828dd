// The trading controller's state, events and commands: the traffic light (green / yellow / red),
// the manual mode (active / paused / stopped), the reasons behind a state, and the events the
// risk engine publishes (RiskStateChanged, SignalApproved, SignalDenied, CircuitBreakerTripped,
// LightForecastWarned, FlattenRequested). Plain value types; thread-compatible.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "core/time.h"
#include "model/signal.h"

namespace pulse {

// The automatic verdict on the recent figures.
enum class TrafficLight { kGreen, kYellow, kRed };
std::string_view TrafficLightName(TrafficLight light);  // "green", "yellow", "red"
Result<TrafficLight> ParseTrafficLight(std::string_view text);

// The manual mode: active (the light decides), paused (no new entries), stopped (emergency stop:
// every paper position closed and no new entries until resumed).
enum class ControllerMode { kActive, kPaused, kStopped };
std::string_view ControllerModeName(ControllerMode mode);  // "active", "paused", "stopped"
Result<ControllerMode> ParseControllerMode(std::string_view text);

// The state stored in controller_status.state: the light while active, otherwise the mode.
enum class RiskState { kGreen, kYellow, kRed, kPaused, kStopped };
std::string_view RiskStateName(RiskState state);  // "green", "yellow", "red", "paused", "stopped"
Result<RiskState> ParseRiskState(std::string_view text);
RiskState RiskStateOf(TrafficLight light, ControllerMode mode);

// One rule's contribution to a state: which rule, the value seen, the threshold it was held
// against, and the one-line text shown to people ("win rate 60.0% < 65.0% over the last 20").
struct ControllerReason {
  std::string rule;  // "win_rate", "daily_loss", "consecutive_losses", "ece", "drawdown", ...
  double value = 0;
  double threshold = 0;
  std::string text;

  bool operator==(const ControllerReason&) const = default;
};

// What the controller is doing now and why, since when.
struct ControllerState {
  TrafficLight light = TrafficLight::kGreen;
  ControllerMode mode = ControllerMode::kActive;
  std::vector<ControllerReason> reasons;  // why the current state holds
  UnixNanos since = 0;                    // when the stored state last changed

  RiskState stored() const { return RiskStateOf(light, mode); }
  bool operator==(const ControllerState&) const = default;
};

// The stored state changed (one controller_status row). `previous` is empty for the first state.
struct RiskStateChanged {
  std::optional<RiskState> previous;
  RiskState current = RiskState::kGreen;
  UnixNanos at = 0;
  std::vector<ControllerReason> reasons;

  bool operator==(const RiskStateChanged&) const = default;
};

// Why the controller refused a new entry.
enum class DenyReason {
  kRedLight,
  kPaused,
  kEmergencyStop,
  kDailyLoss,
  kMaxDrawdown,
  kConsecutiveLosses,
  kMinTimeBetweenTrades,
  kVolatility,
};
// "red_light", "paused", "emergency_stop", "daily_loss", "max_drawdown", "consecutive_losses",
// "min_time_between_trades", "volatility".
std::string_view DenyReasonName(DenyReason reason);
Result<DenyReason> ParseDenyReason(std::string_view text);

// The controller let a signal through: it may be traded.
struct SignalApproved {
  Signal signal;
};

// The controller refused a signal. `reason` is the first cause in the order stopped, paused,
// red light, circuit breakers; `reasons` lists every cause with its value and threshold and
// `text` joins their texts with "; ". A red light's causes are its rules named
// "red_light:<rule>" ("red_light:win_rate"), a breaker's its own name ("consecutive_losses"),
// so the light's streak and the streak breaker stay apart. The signal is still shadow-tracked.
struct SignalDenied {
  Signal signal;
  DenyReason reason = DenyReason::kRedLight;
  std::string text;
  std::vector<ControllerReason> reasons;
};

// The signal as it is stored: status kRejected, and one failed gate check per cause named
// "risk:<rule>" ("risk:red_light:win_rate", "risk:consecutive_losses", "risk:paused") with the
// value, threshold and text, so the signal's rejection_reasons column says why it was denied.
Signal DeniedSignalForStorage(const SignalDenied& denied);

// A circuit breaker fired: new entries (for `symbol`, or all when empty) are blocked until
// `until`; `flatten` asks to close the matching open positions too.
struct CircuitBreakerTripped {
  std::string breaker;  // "daily_loss", "max_drawdown", ...
  DenyReason reason = DenyReason::kDailyLoss;
  std::string symbol;  // empty = every symbol
  UnixNanos at = 0;
  UnixNanos until = 0;
  bool flatten = false;
  ControllerReason why;

  bool operator==(const CircuitBreakerTripped&) const = default;
};

// The predictive warning: after a traded outcome, the chance that the light turns red within
// the next `horizon` trades reached risk.forecast.warn_probability while it was not red.
// Published once per crossing: it is given again only after the chance fell back below.
struct LightForecastWarned {
  UnixNanos at = 0;                           // the exit time of the outcome that raised it
  TrafficLight light = TrafficLight::kGreen;  // the light then
  int horizon = 0;
  double p_red = 0;
  double p_yellow_or_worse = 0;
  double win_probability = 0;  // the posterior mean of the win rate
  double threshold = 0;        // warn_probability
  std::string text;            // "P(red within the next 10 trades) 63.2 % >= 50.0 % ..."

  bool operator==(const LightForecastWarned&) const = default;
};

// A request to close open paper positions (all when `symbol` is empty) at the next price.
struct FlattenRequested {
  std::string symbol;
  std::string reason;  // "emergency_stop", or the breaker's name
  UnixNanos at = 0;

  bool operator==(const FlattenRequested&) const = default;
};

// Manual commands (from the CLI, Telegram, the API). `by` names who asked, `note` is free text.
struct PauseTrading {
  std::string by;
  std::string note;
};
// Resuming while the light is red keeps it red unless `acknowledge_red`: then the controller
// starts a fresh evaluation (see engines/risk/README.md).
struct ResumeTrading {
  std::string by;
  std::string note;
  bool acknowledge_red = false;
};
struct EmergencyStop {
  std::string by;
  std::string note;
};

// Which manual command a queued request (ports/run_store.h) carries.
enum class ControllerCommandKind { kPause, kResume, kEmergencyStop };
// "pause", "resume", "emergency_stop".
std::string_view ControllerCommandKindName(ControllerCommandKind kind);
Result<ControllerCommandKind> ParseControllerCommandKind(std::string_view text);

}  // namespace pulse
