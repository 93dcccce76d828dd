// OpenSignalBook: which signals the engine has emitted and not yet heard closed, per symbol and
// direction, so it emits at most `max_open` at a time and waits a cooldown after one closes; and
// the total value of the open positions (for the maximum exposure).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/status.h"
#include "core/time.h"
#include "model/signal.h"

namespace pulse::signal {

struct OpenSignalConfig {
  int max_open_per_symbol_direction = 1;
  std::int64_t cooldown_minutes = 60;  // after a close, same symbol and direction; 0 = none
};

// Lifecycle: created once; AddSymbol on a symbol's first bar (the only allocation); Admit per
// candidate, Open per emitted signal, Close when a signal's outcome is known, Release when an
// emitted signal was not traded.
// Threading: single-threaded (the engine thread).
class OpenSignalBook {
 public:
  enum class Admission { kAllowed, kBlockedByOpenSignal, kBlockedByCooldown };

  // InvalidArgument when max_open < 1 or the cooldown is negative.
  static Result<OpenSignalBook> Create(const OpenSignalConfig& config);

  // A new symbol's slot id (0, 1, 2, ...).
  std::size_t AddSymbol();

  Admission Admit(std::size_t symbol, Direction direction, UnixNanos now) const;
  void Open(std::size_t symbol, Direction direction, double position_value);
  // Frees one open signal (its value is the slot's average open value) and starts the cooldown.
  // FailedPrecondition when the symbol has no open signal in that direction.
  Status Close(std::size_t symbol, Direction direction, UnixNanos closed_at);
  // Frees one open signal like Close but starts no cooldown (the signal was never traded).
  // FailedPrecondition when the symbol has no open signal in that direction.
  Status Release(std::size_t symbol, Direction direction);

  int open_count(std::size_t symbol, Direction direction) const {
    return slots_[Index(symbol, direction)].open;
  }
  // Sum of the open positions' values, quote currency.
  double exposure() const { return exposure_; }

 private:
  struct Slot {
    int open = 0;
    double value = 0;
    bool closed_before = false;
    UnixNanos last_closed_at = 0;
  };

  explicit OpenSignalBook(const OpenSignalConfig& config) : config_(config) {}
  static std::size_t Index(std::size_t symbol, Direction d) {
    return symbol * 2 + (d == Direction::kLong ? 0 : 1);
  }

  OpenSignalConfig config_;
  std::vector<Slot> slots_;
  double exposure_ = 0;
};

}  // namespace pulse::signal
