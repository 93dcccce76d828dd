// CircuitBreaker: one small pluggable protection rule in the manner of Freqtrade's protections.
// A breaker watches the controller's inputs, trips on its own condition and then blocks new
// entries (for every symbol, or for one) until its lock expires; open positions keep being
// managed, and a breaker configured to flatten also asks to close the positions it concerns.
// The implementations are in circuit_breakers.h.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/string_map.h"
#include "core/time.h"
#include "engines/risk/equity_tracker.h"
#include "model/controller_state.h"
#include "model/signal.h"

namespace pulse::risk {

// Lifecycle: made by MakeCircuitBreakers, owned by the TradingController, fed in time order.
// Threading: not thread-safe (the engine thread).
class CircuitBreaker {
 public:
  virtual ~CircuitBreaker() = default;

  virtual std::string_view name() const = 0;
  virtual DenyReason reason() const = 0;

  // Inputs. A breaker that trips appends the trip to `trips`. `symbol`: the traded signal's
  // (OnOutcome) or the position's (OnEntry).
  virtual void OnOutcome(UnixNanos /*at*/, std::string_view /*symbol*/, Outcome /*outcome*/,
                         std::vector<CircuitBreakerTripped>* /*trips*/) {}
  virtual void OnEquity(UnixNanos /*at*/, const EquityTracker& /*equity*/,
                        std::vector<CircuitBreakerTripped>* /*trips*/) {}
  virtual void OnEntry(UnixNanos /*at*/, std::string_view /*symbol*/) {}
  virtual void OnVolatility(UnixNanos /*at*/, std::string_view /*symbol*/, double /*value*/,
                            std::vector<CircuitBreakerTripped>* /*trips*/) {}

  // Why a new entry on `symbol` is blocked at `now`, or nothing when this breaker allows it.
  virtual std::optional<ControllerReason> Blocks(UnixNanos now, std::string_view symbol) const;

 protected:
  // Locks `symbol` ("" = every symbol) until `until` (extending a longer lock never shortens
  // it) and, when `report`, appends the trip.
  void Lock(UnixNanos at, UnixNanos until, std::string_view symbol, bool flatten,
            ControllerReason why, std::vector<CircuitBreakerTripped>* trips, bool report = true);
  // The lock on `symbol` ("" = the global one) when it is still active at `now`.
  const CircuitBreakerTripped* ActiveLock(UnixNanos now, std::string_view symbol) const;
  // The text of a lock's reason, for Blocks: `lock.why.text` unless a breaker leaves it to be
  // written when read.
  virtual std::string LockText(const CircuitBreakerTripped& lock) const { return lock.why.text; }

 private:
  StringMap<CircuitBreakerTripped> locks_;  // by symbol, "" = global
};

}  // namespace pulse::risk
