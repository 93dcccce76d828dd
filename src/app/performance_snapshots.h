// PerformanceSnapshotter: writes performance snapshots (ports/performance_snapshot_store.h) on
// the pipeline's simulated time: every `interval_s` and at the end of every calendar day in the
// risk time zone, the figures of the closed real trades for each scope (everything, each
// source, each symbol) over each window (the calendar day, 7 days, 30 days, all time).
//
// A snapshot's metrics are one JSON object (key order fixed, same trades -> same bytes):
//   {"trades": TradeStatsToJson,
//    "calibration": {"count", "ece", "brier"},
//    "returns": {"days", "total_return", "sharpe", "sortino", "max_drawdown", "var_95",
//                "cvar_95"} of DailyTradeReturnStats over the window on the configured capital
//                (null when the equity would not stay positive)}.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "core/time.h"
#include "ports/performance_snapshot_store.h"
#include "ports/signal_store.h"

namespace pulse::app {

// Scope names: "overall", "source:<name>" (a signal's source, or a contributing theory / model
// as named in theory_performance), "symbol:<SYMBOL>".
inline constexpr std::string_view kOverallScope = "overall";
std::string SourceScope(std::string_view source);
std::string SymbolScope(std::string_view symbol);
// A scope as a person types it: "overall", "source:<name>" or "symbol:<symbol>" (the symbol is
// normalised: "symbol:btc/usdt" -> "symbol:BTCUSDT"). InvalidArgument for anything else.
Result<std::string> ParseSnapshotScope(std::string_view text);

// Window names: "day" (the calendar day in the risk time zone up to the snapshot), "7d" and
// "30d" (the 7 x 24 and 30 x 24 hours before it), "all". A trade is in a window when its exit
// time t satisfies start < t <= taken_at (a trade closing at midnight belongs to the day that
// ends then).
inline constexpr std::string_view kSnapshotWindows[] = {"day", "7d", "30d", "all"};
// InvalidArgument naming the accepted windows for anything else.
Status CheckSnapshotWindow(std::string_view window);

// When snapshots are taken and what they cover (the `snapshots:` section).
struct SnapshotConfig {
  bool enabled = true;
  // A round every interval of simulated time, on the UTC grid (multiples of the interval since
  // 1970: the full hour for 3600). 0 = no interval rounds.
  std::int64_t interval_s = 3600;
  // A round at every end of a calendar day in the risk time zone (local midnight).
  bool day_end = true;
  std::vector<std::string> windows = {"day", "7d", "30d", "all"};
  // Interval rounds write the source: and symbol: scopes too (day-end and final rounds always
  // do). Off by default: hourly rows for `overall` only keeps the table small.
  bool every_scope_on_interval = false;
  // Interval rounds leave out a (scope, window) whose metrics are byte for byte those of its
  // newest stored row: a row is written when the figures change, and the day-end and final
  // rounds, which write every pair, are the heartbeat (as monitoring tools "discard unchanged
  // with heartbeat"). The figures in effect at a time are those of the newest row at or before
  // it. Off: every interval round writes every pair.
  bool discard_unchanged = true;

  // Every problem at once, each naming its key (snapshots.interval_s, ...).
  Status Validate() const;
};

// Lifecycle: Create once per run; OnBarClose after each base-bar close (once its outcomes are
// stored), Finish at the end of the data (after the last outcomes are stored). The first call
// starts the schedule: rounds are due at the interval and day-end times after it. A round's
// taken_at is its due time and its metrics are as of that instant (trades with exit <= it),
// so a late call (a gap in the data) writes the same rows the timely one would have; when
// several are due at once, every passed day end gets its round but only the latest interval
// time does. Closed trades are read incrementally: results written since the previous read
// (less 5 minutes) that exited in the day before it; at day ends, at Finish and at least once
// a day, every result written since the previous such full read (so a result rewritten more
// than a day after its exit shows from the next full read). A (scope, window) whose trades and days
// did not change reuses its previous metrics text. With discard_unchanged, the first call reads
// the newest stored row of every pair taken by then (Latest), so a run resumed after a crash
// leaves out the same rows as one that was not interrupted. Threading: single-threaded, on the
// engine thread. Borrows the stores.
class PerformanceSnapshotter {
 public:
  // `time_zone`: the risk time zone (IANA name); `capital`: the account the daily returns are
  // measured against (paper.starting_balance). InvalidArgument for a bad config, zone or
  // capital.
  static Result<PerformanceSnapshotter> Create(const SnapshotConfig& config,
                                               std::string_view time_zone, double capital,
                                               SignalStore& signals,
                                               PerformanceSnapshotStore& snapshots);
  PerformanceSnapshotter(PerformanceSnapshotter&&) noexcept;
  PerformanceSnapshotter& operator=(PerformanceSnapshotter&&) noexcept;
  ~PerformanceSnapshotter();

  // `now` is the simulated clock after the close. Writes every round due at or before it; one
  // comparison when none is due. A store error is returned as it is (the round is not retried).
  Status OnBarClose(UnixNanos now);
  // The rounds due at or before `now`, then a final round at `now` unless one was taken then.
  Status Finish(UnixNanos now);

  // When the next round is due; nullopt before the first call or when disabled.
  std::optional<UnixNanos> next_due() const;
  // Rows written so far.
  std::int64_t rows_written() const;

 private:
  struct State;
  explicit PerformanceSnapshotter(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

}  // namespace pulse::app
