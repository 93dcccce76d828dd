// TradeRecorder: records signals and their hand-entered entries and exits, and summarises the
// closed trades (the replacement of the seed's record_trade.py). Shared by the CLI and, later,
// the REST API and Telegram commands.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "analytics/recorder_stats.h"
#include "core/clock.h"
#include "core/status.h"
#include "ports/signal_store.h"

namespace pulse::control {

// A signal that is entered and not yet closed, with its age.
struct OpenPosition {
  Signal signal;
  SignalResult result;
  double age_minutes = 0;
};

// A closed trade for the "recent trades" list.
struct ClosedTrade {
  Signal signal;
  SignalResult result;
};

// The recorder's summary as `pulse stats` shows it (built by the app's stats report).
struct RecorderReport {
  int days = 30;
  UnixNanos since = 0;
  analytics::RecorderStats stats;
  std::vector<OpenPosition> open_positions;  // oldest entry first
  std::vector<ClosedTrade> recent_trades;    // newest exit first
};

// Validates input, applies the recorder's rules and writes through the SignalStore.
// Every refusal is kInvalidArgument, kNotFound or kFailedPrecondition with a message naming
// the problem, and leaves the store unchanged. Not thread-safe: one command at a time.
class TradeRecorder {
 public:
  struct Options {
    double breakeven_band_pct = 0.5;
  };

  TradeRecorder(SignalStore& store, const Clock& clock, Options options);

  // Normalises the symbol and checks prices, levels on the right side of the entry for the
  // direction, confidence in [0, 1] and size > 0. Sets created_at to now when it is 0.
  Status ValidateSignal(Signal& signal) const;
  Result<SignalId> AddSignal(Signal signal);
  // All or nothing: validates every signal first; the error lists every bad one by position.
  Result<std::vector<SignalId>> AddSignals(std::vector<Signal> signals);

  // Records or updates (upsert) the entry of a signal that is not closed. `at` defaults to now.
  Result<SignalResult> RecordEntry(SignalId id, double price, std::optional<UnixNanos> at);
  // Closes an entered signal: P&L (direction-aware), hold time and outcome.
  Result<SignalResult> RecordExit(SignalId id, double price, std::string reason,
                                  std::optional<UnixNanos> at);

 private:
  SignalStore& store_;
  const Clock& clock_;
  Options options_;
};

}  // namespace pulse::control
