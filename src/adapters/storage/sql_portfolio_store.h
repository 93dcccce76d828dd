// SqlPortfolioStore: the PortfolioStore port on any SqlDatabase (tables trading_accounts,
// trades, positions).
#pragma once

#include <span>
#include <string_view>
#include <vector>

#include "adapters/storage/sql_database.h"
#include "ports/portfolio_store.h"

namespace pulse::storage {

// Accounts, fills and positions. Semantics as documented in ports/portfolio_store.h, plus:
// a signal id of 0 is stored as NULL (trades.signal_id and positions.signal_id reference
// signals, so a non-zero id must exist: kFailedPrecondition otherwise); trades.position_id
// holds the positions row's store id, read back as the account's position number.
// Lifecycle: borrows `db`, which must outlive it; cheap to construct per use.
// Threading: thread-compatible, like the database it uses.
class SqlPortfolioStore final : public PortfolioStore {
 public:
  explicit SqlPortfolioStore(SqlDatabase& db) : db_(db) {}

  Status RecordFill(const Fill& fill, const Position& position,
                    const AccountState& account) override;
  Status SaveState(const AccountState& account, std::span<const Position> positions) override;
  Result<std::optional<AccountState>> LoadAccount(std::string_view name) override;
  Result<std::vector<Position>> LoadOpenPositions(std::string_view account) override;
  Result<std::vector<Fill>> ListTrades(const TradeFilter& filter) override;
  Result<std::vector<Position>> ListPositions(const PositionFilter& filter) override;

 private:
  SqlDatabase& db_;
};

}  // namespace pulse::storage
