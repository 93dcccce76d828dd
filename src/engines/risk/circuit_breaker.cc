#include "engines/risk/circuit_breaker.h"

#include <algorithm>
#include <utility>

#include <fmt/format.h>

namespace pulse::risk {

void CircuitBreaker::Lock(UnixNanos at, UnixNanos until, std::string_view symbol, bool flatten,
                          ControllerReason why, std::vector<CircuitBreakerTripped>* trips,
                          bool report) {
  auto it = locks_.find(symbol);
  if (it == locks_.end()) {
    CircuitBreakerTripped trip;
    trip.breaker = std::string(name());
    trip.reason = reason();
    trip.symbol = std::string(symbol);
    it = locks_.emplace(trip.symbol, std::move(trip)).first;
  } else {
    until = std::max(until, it->second.until);  // a longer lock is never shortened
  }
  // Updated in place: the breaker, its reason and the symbol of a lock never change.
  CircuitBreakerTripped& lock = it->second;
  lock.at = at;
  lock.until = until;
  lock.flatten = flatten;
  lock.why = std::move(why);
  if (report && trips != nullptr) trips->push_back(lock);
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
  r.text = fmt::format("{} (blocked until {})", LockText(*lock), FormatIso8601(lock->until));
  return r;
}

}  // namespace pulse::risk
