#include "model/signal.h"

#include <algorithm>
#include <cctype>
#include <string>
#include "core/ascii.h"

namespace pulse {

std::string_view DirectionName(Direction d) { return d == Direction::kLong ? "long" : "short"; }

Result<Direction> ParseDirection(std::string_view text) {
  const std::string s = AsciiLower(text);
  if (s == "long" || s == "buy") return Direction::kLong;
  if (s == "short" || s == "sell") return Direction::kShort;
  return InvalidArgumentError("unknown direction '{}' (accepted: long, short, buy, sell)", text);
}

std::string_view SignalStatusName(SignalStatus s) {
  switch (s) {
    case SignalStatus::kPending:
      return "pending";
    case SignalStatus::kOpen:
      return "open";
    case SignalStatus::kClosed:
      return "closed";
    case SignalStatus::kRejected:
      return "rejected";
  }
  return "pending";
}

Result<SignalStatus> ParseSignalStatus(std::string_view text) {
  const std::string s = AsciiLower(text);
  if (s == "pending") return SignalStatus::kPending;
  if (s == "open") return SignalStatus::kOpen;
  if (s == "closed") return SignalStatus::kClosed;
  if (s == "rejected") return SignalStatus::kRejected;
  return InvalidArgumentError(
      "unknown signal status '{}' (accepted: pending, open, closed, rejected)", text);
}

std::string_view OutcomeName(Outcome o) {
  switch (o) {
    case Outcome::kOpen:
      return "open";
    case Outcome::kWin:
      return "win";
    case Outcome::kLoss:
      return "loss";
    case Outcome::kBreakeven:
      return "breakeven";
  }
  return "open";
}

Result<Outcome> ParseOutcome(std::string_view text) {
  const std::string s = AsciiLower(text);
  if (s == "open") return Outcome::kOpen;
  if (s == "win") return Outcome::kWin;
  if (s == "loss") return Outcome::kLoss;
  if (s == "breakeven") return Outcome::kBreakeven;
  return InvalidArgumentError("unknown outcome '{}'", text);
}

std::string_view SignalClassName(SignalClass c) {
  switch (c) {
    case SignalClass::kStrongBuy:
      return "strong_buy";
    case SignalClass::kBuy:
      return "buy";
    case SignalClass::kHold:
      return "hold";
    case SignalClass::kSell:
      return "sell";
    case SignalClass::kStrongSell:
      return "strong_sell";
  }
  return "hold";
}

Result<SignalClass> ParseSignalClass(std::string_view text) {
  const std::string s = AsciiLower(text);
  for (SignalClass c : {SignalClass::kStrongBuy, SignalClass::kBuy, SignalClass::kHold,
                        SignalClass::kSell, SignalClass::kStrongSell}) {
    if (s == SignalClassName(c)) return c;
  }
  return InvalidArgumentError(
      "unknown signal class '{}' (accepted: strong_buy, buy, hold, sell, strong_sell)", text);
}

std::string RejectionReasons(const Signal& signal) {
  std::string out;
  for (const GateCheck& check : signal.gate_checks) {
    if (check.passed) continue;
    if (!out.empty()) out += "; ";
    out += check.reason;
  }
  return out;
}

}  // namespace pulse
