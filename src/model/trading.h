// Trading value types: fills (with the price the signal expected and the price obtained),
// positions, the account, portfolio snapshots and the paper-trading events. Plain value types;
// thread-compatible.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/ids.h"
#include "core/status.h"
#include "core/time.h"
#include "model/signal.h"

namespace pulse {

enum class OrderSide { kBuy, kSell };
std::string_view OrderSideName(OrderSide side);  // "buy" / "sell"
Result<OrderSide> ParseOrderSide(std::string_view text);
// The side that opens a position of `direction` (long -> buy) and the one that closes it.
OrderSide EntrySide(Direction direction);
OrderSide ExitSide(Direction direction);

// Where a fill happened: simulated live (paper), a real exchange (live), or a backtest.
enum class TradingMode { kPaper, kLive, kBacktest };
std::string_view TradingModeName(TradingMode mode);  // "paper" / "live" / "backtest"
Result<TradingMode> ParseTradingMode(std::string_view text);

enum class PositionStatus { kOpen, kClosed };
std::string_view PositionStatusName(PositionStatus status);  // "open" / "closed"
Result<PositionStatus> ParsePositionStatus(std::string_view text);

// Fill reason of an entry; exits use the exit reason names of model/outcome_events.h.
inline constexpr const char* kFillEntry = "entry";

// One execution. Three prices tell the whole story of what a trader would have paid:
// `expected_price` (what the signal asked for: its entry, or the stop / target level),
// `reference_price` (what the market offered: the bar's open, the level, or the last close) and
// `fill_price` (after slippage and market impact). `slippage` = fill - expected (quote per unit,
// signed); `slippage_bps` is the cost to the trader in basis points of the expected price
// (positive = paid more on a buy / received less on a sell).
struct Fill {
  SignalId signal_id = 0;
  std::int64_t position_id = 0;  // the account's position number
  std::string symbol;
  std::string exchange;
  OrderSide side = OrderSide::kBuy;
  double quantity = 0;  // base currency, > 0
  double expected_price = 0;
  double reference_price = 0;
  double fill_price = 0;
  double fee = 0;  // in fee_currency
  std::string fee_currency;
  double slippage = 0;
  double slippage_bps = 0;
  std::string reason;  // kFillEntry or an exit reason
  UnixNanos time = 0;
  TradingMode mode = TradingMode::kPaper;

  bool operator==(const Fill&) const = default;
};

// One position opened by one signal. A short has a positive `quantity` and direction kShort.
// `unrealized_pnl` is direction * quantity * (mark - entry) minus the entry fee (the exit fee is
// not known yet), so equity = starting balance + realised + unrealised holds at every step.
// `realized_pnl` is set when the position closes: the round trip's P&L after both fees.
struct Position {
  std::int64_t id = 0;  // number within its account, assigned by the engine from 1
  SignalId signal_id = 0;
  std::string symbol;
  std::string exchange;
  Direction direction = Direction::kLong;
  double quantity = 0;
  double avg_entry_price = 0;
  double stop_loss = 0;  // current stop (moves with a trailing stop)
  double take_profit = 0;
  std::optional<double> trailing_activation_pct;  // trailing stop configured when both are set
  std::optional<double> trailing_pct;
  bool trailing_armed = false;
  double trailing_best_price = 0;  // 0 = no bar seen since entry
  std::optional<std::int64_t> max_hold_minutes;
  UnixNanos opened_at = 0;
  std::optional<UnixNanos> closed_at;
  std::optional<double> exit_price;
  std::string exit_reason;
  double mark_price = 0;  // last price it was valued at
  double realized_pnl = 0;
  double unrealized_pnl = 0;
  double fees_paid = 0;  // entry fee, plus the exit fee once closed
  PositionStatus status = PositionStatus::kOpen;
  TradingMode mode = TradingMode::kPaper;

  bool operator==(const Position&) const = default;
};

// The cash side of a trading account: what is stored so the engine can continue after a
// restart. `realized_pnl` and `fees_paid` are totals since the start.
struct AccountState {
  std::string name = "paper";
  TradingMode mode = TradingMode::kPaper;
  double starting_balance = 0;
  double cash = 0;
  double realized_pnl = 0;
  double fees_paid = 0;
  std::int64_t next_position_id = 1;
  UnixNanos updated_at = 0;

  bool operator==(const AccountState&) const = default;
};

// One point of the equity curve.
struct EquityPoint {
  UnixNanos time = 0;
  double cash = 0;
  double equity = 0;  // cash + long values - short values at their marks
  double realized_pnl = 0;
  double unrealized_pnl = 0;
  double exposure = 0;  // sum of |quantity| * mark
  int open_positions = 0;

  bool operator==(const EquityPoint&) const = default;
};

// The portfolio at one moment, with its open positions.
struct PortfolioSnapshot {
  UnixNanos time = 0;
  double cash = 0;
  double equity = 0;
  double realized_pnl = 0;
  double unrealized_pnl = 0;
  double exposure = 0;
  double fees_paid = 0;
  std::vector<Position> open_positions;  // opening order

  bool operator==(const PortfolioSnapshot&) const = default;
};

// A position was opened by `fill`; `account` is the account after the fill.
struct PositionOpened {
  Position position;
  Fill fill;
  AccountState account;

  bool operator==(const PositionOpened&) const = default;
};

// A position was closed by `fill`; `pnl_after_fees` is the round trip's P&L after the entry and
// exit fees (equal to position.realized_pnl); `account` is the account after the fill.
struct PositionClosed {
  Position position;
  Fill fill;
  double pnl_after_fees = 0;
  AccountState account;

  bool operator==(const PositionClosed&) const = default;
};

// Why an order was not executed. An event, not an error.
enum class RejectReason {
  kInvalidSignal,      // levels on the wrong side, non-positive prices
  kSizeZero,           // the signal's size is zero or negative, or nothing is left to size
  kExposureLimit,      // no room under the per-position or total exposure limit
  kInsufficientCash,   // a buy costs more than the cash
  kDuplicate,          // a position or queued entry for this signal exists already
  kPriceBeyondLevels,  // the fill price is already beyond the stop-loss or take-profit
  kCancelled,          // a queued entry cancelled by CloseAll
};
// "invalid_signal", "size_zero", "exposure_limit", "insufficient_cash", "duplicate",
// "price_beyond_levels", "cancelled".
std::string_view RejectReasonName(RejectReason reason);

struct OrderRejected {
  SignalId signal_id = 0;
  std::string symbol;
  RejectReason reason = RejectReason::kInvalidSignal;
  std::string message;  // the numbers behind the decision
  UnixNanos time = 0;

  bool operator==(const OrderRejected&) const = default;
};

}  // namespace pulse
