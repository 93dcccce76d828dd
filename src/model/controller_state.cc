#include "model/controller_state.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <utility>

#include <fmt/format.h>
#include "core/ascii.h"

namespace pulse {

namespace {

// Looks `text` up in a name table indexed by the enum's value.
template <typename E, std::size_t N>
Result<E> ParseByName(std::string_view text, const std::array<std::string_view, N>& names,
                      std::string_view what) {
  const std::string s = AsciiLower(text);
  for (std::size_t i = 0; i < N; ++i) {
    if (s == names[i]) return static_cast<E>(i);
  }
  return InvalidArgumentError("unknown {} '{}' (accepted: {})", what, text, fmt::join(names, ", "));
}

constexpr std::array<std::string_view, 3> kLightNames = {"green", "yellow", "red"};
constexpr std::array<std::string_view, 3> kModeNames = {"active", "paused", "stopped"};
constexpr std::array<std::string_view, 5> kStateNames = {"green", "yellow", "red", "paused",
                                                         "stopped"};
constexpr std::array<std::string_view, 8> kDenyNames = {"red_light",
                                                        "paused",
                                                        "emergency_stop",
                                                        "daily_loss",
                                                        "max_drawdown",
                                                        "consecutive_losses",
                                                        "min_time_between_trades",
                                                        "volatility"};
constexpr std::array<std::string_view, 3> kCommandNames = {"pause", "resume", "emergency_stop"};

}  // namespace

std::string_view TrafficLightName(TrafficLight light) {
  return kLightNames[static_cast<std::size_t>(light)];
}
Result<TrafficLight> ParseTrafficLight(std::string_view text) {
  return ParseByName<TrafficLight>(text, kLightNames, "traffic light");
}

std::string_view ControllerModeName(ControllerMode mode) {
  return kModeNames[static_cast<std::size_t>(mode)];
}
Result<ControllerMode> ParseControllerMode(std::string_view text) {
  return ParseByName<ControllerMode>(text, kModeNames, "trading mode");
}

std::string_view ControllerCommandKindName(ControllerCommandKind kind) {
  return kCommandNames[static_cast<std::size_t>(kind)];
}
Result<ControllerCommandKind> ParseControllerCommandKind(std::string_view text) {
  return ParseByName<ControllerCommandKind>(text, kCommandNames, "controller command");
}

std::string_view RiskStateName(RiskState state) {
  return kStateNames[static_cast<std::size_t>(state)];
}
Result<RiskState> ParseRiskState(std::string_view text) {
  return ParseByName<RiskState>(text, kStateNames, "controller state");
}

RiskState RiskStateOf(TrafficLight light, ControllerMode mode) {
  switch (mode) {
    case ControllerMode::kStopped:
      return RiskState::kStopped;
    case ControllerMode::kPaused:
      return RiskState::kPaused;
    case ControllerMode::kActive:
      break;
  }
  switch (light) {
    case TrafficLight::kGreen:
      return RiskState::kGreen;
    case TrafficLight::kYellow:
      return RiskState::kYellow;
    case TrafficLight::kRed:
      return RiskState::kRed;
  }
  return RiskState::kRed;
}

std::string_view DenyReasonName(DenyReason reason) {
  return kDenyNames[static_cast<std::size_t>(reason)];
}
Result<DenyReason> ParseDenyReason(std::string_view text) {
  return ParseByName<DenyReason>(text, kDenyNames, "deny reason");
}

Signal DeniedSignalForStorage(const SignalDenied& denied) {
  Signal s = denied.signal;
  s.status = SignalStatus::kRejected;
  if (denied.reasons.empty()) {
    s.gate_checks.push_back(
        {fmt::format("risk:{}", DenyReasonName(denied.reason)), 0, 0, false, denied.text});
  }
  for (const ControllerReason& r : denied.reasons) {
    s.gate_checks.push_back({"risk:" + r.rule, r.value, r.threshold, false, r.text});
  }
  return s;
}

}  // namespace pulse
