#include "core/clock.h"

#include <chrono>

namespace pulse {

UnixNanos SystemClock::Now() const {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

SystemClock& SystemClock::Instance() {
  static SystemClock clock;
  return clock;
}

bool SimulatedClock::SetTime(UnixNanos t) {
  UnixNanos current = now_.load(std::memory_order_acquire);
  while (t >= current) {
    if (now_.compare_exchange_weak(current, t, std::memory_order_acq_rel)) return true;
  }
  return false;
}

}  // namespace pulse
