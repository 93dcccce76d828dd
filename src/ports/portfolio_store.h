// PortfolioStore: the port for trading accounts, their fills and positions (tables
// trading_accounts, trades, positions): what the paper engine writes as it trades and reads to
// continue after a restart.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "core/time.h"
#include "model/trading.h"

namespace pulse {

// Which fills ListTrades returns. Empty fields do not filter.
struct TradeFilter {
  std::optional<std::string> account;
  std::optional<SignalId> signal_id;
  std::optional<std::string> symbol;
  std::optional<UnixNanos> since;  // executed at or after
  int limit = 0;                   // 0 = no limit; newest first when set
};

// Which positions ListPositions returns. Empty fields do not filter.
struct PositionFilter {
  std::optional<std::string> account;
  std::optional<PositionStatus> status;
  std::optional<std::string> symbol;
  int limit = 0;  // 0 = no limit; newest opened first when set
};

// Persistence of trading accounts. A position is identified by its account and its number
// (Position::id, assigned by the engine); Fill::position_id is that number.
// Implementations are thread-compatible.
class PortfolioStore {
 public:
  virtual ~PortfolioStore() = default;

  // Records one fill with the position as it stands after the fill (opened, or closed) and the
  // account after it, in ONE transaction: all three or nothing. The position row is inserted or
  // replaced by (account.name, position.id); the account row is inserted or replaced by name.
  // InvalidArgument when fill and position disagree (position number, signal, symbol) or the
  // account has no name.
  virtual Status RecordFill(const Fill& fill, const Position& position,
                            const AccountState& account) = 0;
  // Saves the account and the current state of its open positions (marks, unrealised P&L,
  // trailing stops) in one transaction; call it after bars that moved them. Positions that
  // are not stored yet are inserted.
  virtual Status SaveState(const AccountState& account, std::span<const Position> positions) = 0;

  // std::nullopt when the account was never saved.
  virtual Result<std::optional<AccountState>> LoadAccount(std::string_view name) = 0;
  // The account's open positions, in opening order (position number ascending).
  virtual Result<std::vector<Position>> LoadOpenPositions(std::string_view account) = 0;

  // Fills, oldest first (executed_at, then insertion) unless filter.limit is set (then the
  // newest `limit`, newest first).
  virtual Result<std::vector<Fill>> ListTrades(const TradeFilter& filter) = 0;
  // Positions, in opening order unless filter.limit is set (then the newest `limit` first).
  virtual Result<std::vector<Position>> ListPositions(const PositionFilter& filter) = 0;
};

}  // namespace pulse
