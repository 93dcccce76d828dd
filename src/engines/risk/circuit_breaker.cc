#include "engines/risk/circuit_breaker.h"

#include <algorithm>
#include <utility>

#include <fmt/format.h>

namespace pulse::risk {

void CircuitBreaker::Lock(UnixNanos at, UnixNanos until, std::string_view symbol, bool flatten,
                          ControllerReason why, std::vector<CircuitBreakerTripped>* trips,
                          bool report) {
  CircuitBreakerTripped trip;
  trip.breaker = std::string(name());
  trip.reason = reason();
  trip.symbol = std::string(symbol);
  trip.at = at;
  trip.until = until;
  trip.flatten = flatten;
  trip.why = std::move(why);
  auto it = locks_.find(symbol);
  if (it == locks_.end()) {
    it = locks_.emplace(trip.symbol, trip).first;
  } else {
    if (it->second.until > trip.until) trip.until = it->second.until;
    it->second = trip;
  }
  if (report && trips != nullptr) trips->push_back(std::move(trip));
}

const CircuitBreakerTripped* CircuitBreaker::ActiveLock(UnixNanos now,
                                                        std::string_view symbol) const {
  auto it = locks_.find(symbol);
  if (it == locks_.end() || now >= it->second.until) return nullptr;
  return &it->second;
}

std::optional<ControllerReason> CircuitBreaker::Blocks(UnixNanos now,
                                                       std::string_view symbol) const {
  const CircuitBreakerTripped* lock = ActiveLock(now, "");
  if (lock == nullptr && !symbol.empty()) lock = ActiveLock(now, symbol);
  if (lock == nullptr) return std::nullopt;
  ControllerReason r = lock->why;
  r.text = fmt::format("{} (blocked until {})", r.text, FormatIso8601(lock->until));
  return r;
}

}  // namespace pulse::risk
