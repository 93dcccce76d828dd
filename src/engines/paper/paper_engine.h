// PaperEngine: simulated execution of approved signals against market bars. Queues entries,
// fills them with fees, slippage and market impact, runs stop-loss / take-profit / trailing /
// time exits with the shared bracket rules (analytics/bracket_exit.h), keeps cash, positions,
// P&L and the equity curve, and can be restored from the store after a restart.
#pragma once

#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/clock.h"
#include "core/status.h"
#include "core/string_map.h"
#include "engines/paper/fill_model.h"
#include "engines/paper/paper_config.h"
#include "model/bar.h"
#include "model/signal.h"
#include "model/trading.h"

namespace pulse::paper {

// What the engine reports, in the order it happened.
using PaperEvent = std::variant<PositionOpened, PositionClosed, OrderRejected>;

// One paper account.
//
// Cash convention: a long buys with cash (cash -= value + fee); a short is margin-free: the sale
// credits the cash (cash += value - fee) and the position counts negative in equity
// (equity = cash + sum long quantity * mark - sum short quantity * mark). Shorts are bounded by
// the same exposure limits as longs.
//
// Sizing: the signal's size when set, else max_position_fraction of equity at the reference
// price; then capped so the position's value stays under max_position_fraction of equity and
// the total exposure under max_total_exposure of equity. A buy that costs more than the cash is
// rejected (kInsufficientCash), never shrunk.
//
// Times: entries filled at a bar's open carry the bar's open_time; everything else (exits,
// rejections, equity points, time stops) uses clock.Now(), which the caller sets to the bar's
// close in replay. Nothing reads the wall clock.
//
// Lifecycle: construct (or Restore into a fresh engine), then feed OnSignalApproved / OnBar in
// event order; drain TakeEvents() after each call or batch. Threading: single-threaded, on the
// engine thread; not thread-safe.
class PaperEngine {
 public:
  // Validates the config (every problem at once) before building the engine.
  static Result<PaperEngine> Create(const PaperConfig& config, const Clock& clock);
  // `config` must have passed Validate() (checked). Starts with config.starting_balance in cash.
  PaperEngine(const PaperConfig& config, const Clock& clock);

  // An approved signal. With FillMode::kNextOpen it waits for the next bar of its symbol whose
  // open_time >= signal.created_at; with kSignalPrice it fills now at signal.entry_price.
  // Invalid levels, a non-positive size, a duplicate signal id -> OrderRejected event.
  void OnSignalApproved(const Signal& signal);

  // A closed bar of `symbol` (the signals' timeframe): fills queued entries at its open, checks
  // the exits of the symbol's open positions, then marks them at the close and records an
  // equity point at clock.Now(). A bar that touches both a stop and a target is decided as the
  // outcome tracker decides it: by `finer` (the lower-timeframe bars inside it, when the caller
  // has them), else by the policy. InvalidArgument (nothing changes) for a bar with non-finite
  // or non-positive prices, high < low or negative volume.
  Status OnBar(std::string_view symbol, const Bar& bar, std::span<const Bar> finer = {});

  // Closes the position of `signal_id` at the symbol's last close with slippage and impact
  // (reason e.g. kExitManual), or cancels its queued entry. NotFound when neither exists;
  // InvalidArgument for an empty reason.
  Status ClosePosition(SignalId signal_id, std::string_view reason);
  // Cancels every queued entry and closes every open position (reason e.g. kExitEmergencyStop).
  // Returns the number of positions closed.
  int CloseAll(std::string_view reason);

  // Continues from stored state: the account (cash, totals, next position id), its open
  // positions (with their marks, stops and trailing state) and the queued entries.
  // FailedPrecondition unless the engine is fresh (no fill, position or queued entry yet);
  // InvalidArgument naming the first bad field otherwise.
  Status Restore(const AccountState& account, std::vector<Position> open_positions,
                 std::vector<Signal> pending_entries = {});

  // Events since the last call, oldest first.
  std::vector<PaperEvent> TakeEvents();
  // Cash, equity, P&L, exposure and the open positions, at clock.Now().
  PortfolioSnapshot Snapshot() const;
  // One point per OnBar / CloseAll time (a second call at the same time replaces the point).
  const std::vector<EquityPoint>& equity_curve() const { return equity_curve_; }
  std::vector<EquityPoint> TakeEquityCurve();
  // The latest point of the curve (none when it is empty), emptying the curve without giving
  // up its memory: for a caller that keeps one point per bar close.
  std::optional<EquityPoint> TakeLatestEquityPoint();

  const AccountState& account() const { return account_; }
  std::span<const Position> open_positions() const { return positions_; }
  std::span<const Signal> pending_entries() const { return pending_; }
  double Equity() const;
  double Exposure() const;
  const PaperConfig& config() const { return config_; }

 private:
  struct Market {
    double last_close = 0;
    double last_volume = 0;
  };

  // Validates a signal; returns false after emitting the rejection.
  bool Admit(const Signal& signal, UnixNanos now);
  void Reject(const Signal& signal, RejectReason reason, std::string message, UnixNanos time);
  // Sizes and fills an entry at `reference`.
  void Enter(const Signal& signal, double reference, double bar_volume, UnixNanos time);
  // Fills the exit of positions_[index] and removes it.
  void Exit(std::size_t index, double reference, double expected, double bar_volume,
            std::string_view reason, UnixNanos time);
  // Applies one bar to positions_[index]; returns true when the position closed.
  bool CheckExits(std::size_t index, const Bar& bar, std::span<const Bar> finer, UnixNanos now);
  void Mark(Position& position, double price) const;
  void RecordEquityPoint(UnixNanos time);
  Market& MarketOf(std::string_view symbol);

  PaperConfig config_;
  const Clock* clock_;
  FillModel fill_model_;
  AccountState account_;
  std::vector<Position> positions_;  // open, in opening order
  std::vector<Signal> pending_;      // queued entries, in approval order
  StringMap<Market> markets_;        // by symbol
  std::vector<PaperEvent> events_;
  std::vector<EquityPoint> equity_curve_;
  bool touched_ = false;  // any fill, rejection or queued entry since construction
  // The account or a mark changed since the last equity point was recorded.
  bool unrecorded_ = false;
};

}  // namespace pulse::paper
