// Clock: the only way Pulse code reads the time. SystemClock for live runs, SimulatedClock for
// replay and backtests, so the same engine code is deterministic on history.
#pragma once

#include <atomic>

#include "core/time.h"

namespace pulse {

// Source of "now". Implementations are thread-safe.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual UnixNanos Now() const = 0;
};

// Wall-clock UTC time. Stateless; thread-safe.
class SystemClock final : public Clock {
 public:
  UnixNanos Now() const override;
  // A process-wide instance for composition roots (app/); engines get a Clock& injected.
  static SystemClock& Instance();
};

// Time that moves only when told to. Replay feeds advance it to each event's timestamp.
// Never moves backwards: SetTime to an earlier time is ignored and returns false.
// Thread-safe (atomic).
class SimulatedClock final : public Clock {
 public:
  explicit SimulatedClock(UnixNanos start = 0) : now_(start) {}
  UnixNanos Now() const override { return now_.load(std::memory_order_acquire); }
  bool SetTime(UnixNanos t);
  void Advance(std::int64_t nanos) { now_.fetch_add(nanos, std::memory_order_acq_rel); }

 private:
  std::atomic<UnixNanos> now_;
};

}  // namespace pulse
