// OutcomeTracker: follows every open signal (and every shadow candidate) on the bars and trades
// of its symbol until take-profit, stop-loss, trailing stop, time stop or a manual exit, and
// reports the result with P&L after fees, hold time, MFE/MAE and the sources' verdicts.
#pragma once

#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "analytics/bracket_exit.h"
#include "core/clock.h"
#include "core/status.h"
#include "core/timeframe.h"
#include "engines/tracker/tracker_config.h"
#include "model/bar.h"
#include "model/outcome_events.h"

namespace pulse::tracker {

// One followed signal: the signal, its running result (entry, MFE / MAE so far) and its levels
// (the stop moves when a trailing stop trails).
struct TrackedSignal {
  Signal signal;
  std::vector<TheoryContribution> contributions;
  bool shadow = false;
  Timeframe timeframe;
  SignalResult result;
  analytics::Bracket bracket;
  std::optional<analytics::TrailingStop> trailing;
};

// Entered at signal.entry_price at signal.created_at (the close of the bar that produced it),
// the signal is checked on every later bar of its own timeframe, and on every trade:
// - bracket: analytics::CheckBracket (gap-aware fills). A bar that touches both levels is
//   decided by the finer bars inside it when the caller passes them (first finer bar to reach a
//   level wins, at that finer bar's close; exit_resolution "lower_timeframe"), else by the
//   configured policy
//   (exit_resolution "stop_loss_first" / "take_profit_first");
// - trailing stop: tightened after each bar it survives (UpdateTrailingStop); a stop-loss exit
//   after it armed is reported as "trailing_stop";
// - time stop: at the close of the first bar at or past max_hold_minutes, at that close.
// MFE / MAE are signed % moves from the entry (favourable positive, adverse negative); on the
// exit bar only its open and the exit price count for the trade, its adverse extreme against it.
// Results: analytics::CloseSignalResult (fees on both sides, outcome on net P&L %).
// Lifecycle: one per pipeline; Track, then OnBar / OnTrade in event order. Allocation happens
// on Track and on resolution only. Threading: single-threaded (the engine thread).
class OutcomeTracker {
 public:
  OutcomeTracker(const TrackerConfig& config, const Clock& clock);

  // Starts following a signal emitted by the signal engine (shadow: a rejected or denied
  // candidate, tracked the same way and flagged in its outcome). InvalidArgument for an unknown
  // timeframe, a non-positive entry, or levels on the wrong side of the entry.
  Status Track(Signal signal, std::vector<TheoryContribution> contributions, bool shadow);

  // A closed bar of `timeframe` for exchange/symbol; `finer` are the closed lower-timeframe
  // bars inside it, oldest first (may be empty). Appends the outcomes resolved on it to `out`.
  void OnBar(std::string_view exchange, std::string_view symbol, Timeframe timeframe,
             const Bar& bar, const FinerBars& finer, std::vector<OutcomeResolved>* out);

  // The book of exchange/symbol, found (or made, empty) once by name, for a caller that feeds
  // the same symbols at every bar: OnBar(BookId, ...) then skips the lookup by name. Ids stay
  // valid for the tracker's life. A book made here behaves as no book until a signal of that
  // symbol is tracked (OnBar ignores it, as it ignores an unknown symbol).
  using BookId = std::size_t;
  BookId BookOf(std::string_view exchange, std::string_view symbol);
  // OnBar above for the symbol of `book`.
  void OnBar(BookId book, Timeframe timeframe, const Bar& bar, const FinerBars& finer,
             std::vector<OutcomeResolved>* out);

  // A trade print at `price`: a level it reaches exits at the level (at the print when it is
  // beyond the level); the time stop exits at the print. Appends outcomes to `out`.
  void OnTrade(std::string_view exchange, std::string_view symbol, UnixNanos time, double price,
               std::vector<OutcomeResolved>* out);

  // Exits one tracked signal (stored signals only: id > 0) at `price` for `reason` (manual,
  // emergency_stop, ...). NotFound when no signal with that id is being tracked.
  Result<OutcomeResolved> Exit(SignalId id, double price, UnixNanos time, std::string reason);

  // Exits every tracked signal at the last price seen for its symbol (its entry when none),
  // e.g. "end_of_data"; `include_shadows` false keeps shadows running. A signal entered at
  // Clock::Now() has seen no price after its entry and stays tracked (a signal of the last
  // close of the data is not a zero-hold breakeven).
  void ExitAll(std::string_view reason, bool include_shadows, std::vector<OutcomeResolved>* out);

  std::size_t open_count() const { return open_count_; }
  // Every tracked signal, by symbol then in the order tracked.
  std::vector<TrackedSignal> Open() const;

 private:
  struct SymbolBook {
    std::vector<TrackedSignal> open;
    std::optional<double> last_price;
    bool tracked = false;  // a signal of this symbol was tracked (before that, bars are ignored)
  };

  SymbolBook* Find(std::string_view exchange, std::string_view symbol);
  void ApplyBook(SymbolBook& book, Timeframe timeframe, const Bar& bar, const FinerBars& finer,
                 std::vector<OutcomeResolved>* out);
  // Applies one bar; true (and `out` appended) when the signal exits on it.
  bool ApplyBar(TrackedSignal& t, const Bar& bar, UnixNanos bar_close, const FinerBars& finer,
                std::vector<OutcomeResolved>* out);
  void Resolve(TrackedSignal& t, double exit_price, UnixNanos exit_time, std::string reason,
               std::vector<OutcomeResolved>* out);

  TrackerConfig config_;
  const Clock& clock_;
  // "exchange:symbol" -> index into books_; iterated in key order (ExitAll, Open).
  std::map<std::string, BookId, std::less<>> book_ids_;
  std::vector<SymbolBook> books_;
  std::string key_;  // reused lookup key
  std::size_t open_count_ = 0;
};

}  // namespace pulse::tracker
