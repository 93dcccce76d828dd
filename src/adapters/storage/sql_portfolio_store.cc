#include "adapters/storage/sql_portfolio_store.h"

#include <fmt/format.h>

namespace pulse::storage {

namespace {

constexpr std::string_view kPositionColumns =
    "position_no, signal_id, symbol, exchange, direction, quantity, avg_entry_price, stop_loss, "
    "take_profit, trailing_activation_pct, trailing_pct, trailing_armed, trailing_best_price, "
    "max_hold_minutes, opened_at, closed_at, exit_price, exit_reason, mark_price, realized_pnl, "
    "unrealized_pnl, fees, status, mode";

constexpr std::string_view kTradeColumns =
    "t.signal_id, p.position_no, t.symbol, t.exchange, t.side, t.quantity, t.expected_price, "
    "t.reference_price, t.price, t.fee, t.fee_currency, t.slippage, t.slippage_bps, t.reason, "
    "t.executed_at, t.mode";

constexpr std::string_view kAccountColumns =
    "name, mode, starting_balance, cash, realized_pnl, fees_paid, next_position_id, updated_at";

SqlValue SignalRef(SignalId id) { return id == 0 ? SqlValue() : SqlValue(std::int64_t{id}); }

Result<SignalId> SignalFromCell(const SqlRow& row, std::size_t column) {
  ASSIGN_OR_RETURN(std::optional<std::int64_t> id, row.GetOptionalInt64(column));
  return id.value_or(0);
}

Result<Position> PositionFromRow(const SqlRow& row) {
  Position p;
  ASSIGN_OR_RETURN(p.id, row.GetInt64(0));
  ASSIGN_OR_RETURN(p.signal_id, SignalFromCell(row, 1));
  ASSIGN_OR_RETURN(p.symbol, row.GetString(2));
  ASSIGN_OR_RETURN(p.exchange, row.GetString(3));
  ASSIGN_OR_RETURN(std::string direction, row.GetString(4));
  ASSIGN_OR_RETURN(p.direction, ParseDirection(direction));
  ASSIGN_OR_RETURN(p.quantity, row.GetDouble(5));
  ASSIGN_OR_RETURN(p.avg_entry_price, row.GetDouble(6));
  ASSIGN_OR_RETURN(std::optional<double> stop, row.GetOptionalDouble(7));
  p.stop_loss = stop.value_or(0);
  ASSIGN_OR_RETURN(std::optional<double> target, row.GetOptionalDouble(8));
  p.take_profit = target.value_or(0);
  ASSIGN_OR_RETURN(p.trailing_activation_pct, row.GetOptionalDouble(9));
  ASSIGN_OR_RETURN(p.trailing_pct, row.GetOptionalDouble(10));
  ASSIGN_OR_RETURN(p.trailing_armed, row.GetBool(11));
  ASSIGN_OR_RETURN(std::optional<double> best, row.GetOptionalDouble(12));
  p.trailing_best_price = best.value_or(0);
  ASSIGN_OR_RETURN(p.max_hold_minutes, row.GetOptionalInt64(13));
  ASSIGN_OR_RETURN(p.opened_at, row.GetInt64(14));
  ASSIGN_OR_RETURN(p.closed_at, row.GetOptionalInt64(15));
  ASSIGN_OR_RETURN(p.exit_price, row.GetOptionalDouble(16));
  ASSIGN_OR_RETURN(p.exit_reason, row.GetString(17));
  ASSIGN_OR_RETURN(std::optional<double> mark, row.GetOptionalDouble(18));
  p.mark_price = mark.value_or(0);
  ASSIGN_OR_RETURN(p.realized_pnl, row.GetDouble(19));
  ASSIGN_OR_RETURN(p.unrealized_pnl, row.GetDouble(20));
  ASSIGN_OR_RETURN(p.fees_paid, row.GetDouble(21));
  ASSIGN_OR_RETURN(std::string status, row.GetString(22));
  ASSIGN_OR_RETURN(p.status, ParsePositionStatus(status));
  ASSIGN_OR_RETURN(std::string mode, row.GetString(23));
  ASSIGN_OR_RETURN(p.mode, ParseTradingMode(mode));
  return p;
}

Result<Fill> FillFromRow(const SqlRow& row) {
  Fill f;
  ASSIGN_OR_RETURN(f.signal_id, SignalFromCell(row, 0));
  ASSIGN_OR_RETURN(std::optional<std::int64_t> position, row.GetOptionalInt64(1));
  f.position_id = position.value_or(0);
  ASSIGN_OR_RETURN(f.symbol, row.GetString(2));
  ASSIGN_OR_RETURN(f.exchange, row.GetString(3));
  ASSIGN_OR_RETURN(std::string side, row.GetString(4));
  ASSIGN_OR_RETURN(f.side, ParseOrderSide(side));
  ASSIGN_OR_RETURN(f.quantity, row.GetDouble(5));
  ASSIGN_OR_RETURN(f.fill_price, row.GetDouble(8));
  // Trades written before 0003 have no expected / reference price: the fill price stands in.
  ASSIGN_OR_RETURN(std::optional<double> expected, row.GetOptionalDouble(6));
  f.expected_price = expected.value_or(f.fill_price);
  ASSIGN_OR_RETURN(std::optional<double> reference, row.GetOptionalDouble(7));
  f.reference_price = reference.value_or(f.fill_price);
  ASSIGN_OR_RETURN(f.fee, row.GetDouble(9));
  ASSIGN_OR_RETURN(f.fee_currency, row.GetString(10));
  ASSIGN_OR_RETURN(std::optional<double> slippage, row.GetOptionalDouble(11));
  f.slippage = slippage.value_or(0);
  ASSIGN_OR_RETURN(std::optional<double> bps, row.GetOptionalDouble(12));
  f.slippage_bps = bps.value_or(0);
  ASSIGN_OR_RETURN(f.reason, row.GetString(13));
  ASSIGN_OR_RETURN(f.time, row.GetInt64(14));
  ASSIGN_OR_RETURN(std::string mode, row.GetString(15));
  ASSIGN_OR_RETURN(f.mode, ParseTradingMode(mode));
  return f;
}

Result<AccountState> AccountFromRow(const SqlRow& row) {
  AccountState a;
  ASSIGN_OR_RETURN(a.name, row.GetString(0));
  ASSIGN_OR_RETURN(std::string mode, row.GetString(1));
  ASSIGN_OR_RETURN(a.mode, ParseTradingMode(mode));
  ASSIGN_OR_RETURN(a.starting_balance, row.GetDouble(2));
  ASSIGN_OR_RETURN(a.cash, row.GetDouble(3));
  ASSIGN_OR_RETURN(a.realized_pnl, row.GetDouble(4));
  ASSIGN_OR_RETURN(a.fees_paid, row.GetDouble(5));
  ASSIGN_OR_RETURN(a.next_position_id, row.GetInt64(6));
  ASSIGN_OR_RETURN(a.updated_at, row.GetInt64(7));
  return a;
}

Status UpsertAccount(SqlDatabase& db, const AccountState& a) {
  if (a.name.empty()) return InvalidArgumentError("account has no name");
  return db
      .Execute(
          "INSERT INTO trading_accounts (name, mode, starting_balance, cash, realized_pnl, "
          "fees_paid, next_position_id, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
          "ON CONFLICT (name) DO UPDATE SET mode = excluded.mode, "
          "starting_balance = excluded.starting_balance, cash = excluded.cash, "
          "realized_pnl = excluded.realized_pnl, fees_paid = excluded.fees_paid, "
          "next_position_id = excluded.next_position_id, updated_at = excluded.updated_at",
          {SqlValue(a.name), SqlValue(std::string(TradingModeName(a.mode))),
           SqlValue(a.starting_balance), SqlValue(a.cash), SqlValue(a.realized_pnl),
           SqlValue(a.fees_paid), SqlValue(a.next_position_id), SqlValue(a.updated_at)})
      .status();
}

// Inserts or replaces the position row; returns its store id.
Result<std::int64_t> UpsertPosition(SqlDatabase& db, const std::string& account, const Position& p,
                                    UnixNanos updated_at) {
  if (p.id <= 0) return InvalidArgumentError("position number {} is not positive", p.id);
  if (p.symbol.empty()) return InvalidArgumentError("position {} has no symbol", p.id);
  ASSIGN_OR_RETURN(
      SqlRows rows,
      db.Query(
          "INSERT INTO positions (account, position_no, signal_id, symbol, exchange, direction, "
          "quantity, avg_entry_price, stop_loss, take_profit, trailing_activation_pct, "
          "trailing_pct, trailing_armed, trailing_best_price, max_hold_minutes, opened_at, "
          "closed_at, exit_price, exit_reason, mark_price, realized_pnl, unrealized_pnl, fees, "
          "status, mode, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
          "?, ?, ?, ?, ?, ?, ?, ?, ?) "
          "ON CONFLICT (account, position_no) DO UPDATE SET signal_id = excluded.signal_id, "
          "symbol = excluded.symbol, exchange = excluded.exchange, "
          "direction = excluded.direction, quantity = excluded.quantity, "
          "avg_entry_price = excluded.avg_entry_price, stop_loss = excluded.stop_loss, "
          "take_profit = excluded.take_profit, "
          "trailing_activation_pct = excluded.trailing_activation_pct, "
          "trailing_pct = excluded.trailing_pct, trailing_armed = excluded.trailing_armed, "
          "trailing_best_price = excluded.trailing_best_price, "
          "max_hold_minutes = excluded.max_hold_minutes, opened_at = excluded.opened_at, "
          "closed_at = excluded.closed_at, exit_price = excluded.exit_price, "
          "exit_reason = excluded.exit_reason, mark_price = excluded.mark_price, "
          "realized_pnl = excluded.realized_pnl, unrealized_pnl = excluded.unrealized_pnl, "
          "fees = excluded.fees, status = excluded.status, mode = excluded.mode, "
          "updated_at = excluded.updated_at RETURNING id",
          {SqlValue(account),
           SqlValue(p.id),
           SignalRef(p.signal_id),
           SqlValue(p.symbol),
           SqlValue(p.exchange),
           SqlValue(std::string(DirectionName(p.direction))),
           SqlValue(p.quantity),
           SqlValue(p.avg_entry_price),
           SqlValue(p.stop_loss),
           SqlValue(p.take_profit),
           SqlNullable(p.trailing_activation_pct),
           SqlNullable(p.trailing_pct),
           SqlValue(std::int64_t{p.trailing_armed ? 1 : 0}),
           SqlValue(p.trailing_best_price),
           SqlNullable(p.max_hold_minutes),
           SqlValue(p.opened_at),
           SqlNullable(p.closed_at),
           SqlNullable(p.exit_price),
           SqlValue(p.exit_reason),
           SqlValue(p.mark_price),
           SqlValue(p.realized_pnl),
           SqlValue(p.unrealized_pnl),
           SqlValue(p.fees_paid),
           SqlValue(std::string(PositionStatusName(p.status))),
           SqlValue(std::string(TradingModeName(p.mode))),
           SqlValue(updated_at)}));
  if (rows.size() != 1) return InternalError("position upsert returned {} rows", rows.size());
  return rows[0].GetInt64(0);
}

}  // namespace

Status SqlPortfolioStore::RecordFill(const Fill& fill, const Position& position,
                                     const AccountState& account) {
  if (fill.position_id != position.id || fill.signal_id != position.signal_id ||
      fill.symbol != position.symbol) {
    return InvalidArgumentError(
        "fill (position {}, signal {}, {}) does not belong to position {} (signal {}, {})",
        fill.position_id, fill.signal_id, fill.symbol, position.id, position.signal_id,
        position.symbol);
  }
  if (account.name.empty()) return InvalidArgumentError("account has no name");
  return db_.Atomically([&](SqlDatabase& db) -> Status {
    ASSIGN_OR_RETURN(std::int64_t row_id, UpsertPosition(db, account.name, position, fill.time));
    RETURN_IF_ERROR(
        db.Execute("INSERT INTO trades (signal_id, symbol, exchange, side, price, quantity, fee, "
                   "fee_currency, executed_at, mode, account, position_id, expected_price, "
                   "reference_price, slippage, slippage_bps, reason) VALUES (?, ?, ?, ?, ?, ?, "
                   "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                   {SignalRef(fill.signal_id), SqlValue(fill.symbol), SqlValue(fill.exchange),
                    SqlValue(std::string(OrderSideName(fill.side))), SqlValue(fill.fill_price),
                    SqlValue(fill.quantity), SqlValue(fill.fee), SqlValue(fill.fee_currency),
                    SqlValue(fill.time), SqlValue(std::string(TradingModeName(fill.mode))),
                    SqlValue(account.name), SqlValue(row_id), SqlValue(fill.expected_price),
                    SqlValue(fill.reference_price), SqlValue(fill.slippage),
                    SqlValue(fill.slippage_bps), SqlValue(fill.reason)})
            .status());
    return UpsertAccount(db, account);
  });
}

Status SqlPortfolioStore::SaveState(const AccountState& account,
                                    std::span<const Position> positions) {
  return db_.Atomically([&](SqlDatabase& db) -> Status {
    RETURN_IF_ERROR(UpsertAccount(db, account));
    for (const Position& p : positions) {
      RETURN_IF_ERROR(UpsertPosition(db, account.name, p, account.updated_at).status());
    }
    return Status::Ok();
  });
}

Result<std::optional<AccountState>> SqlPortfolioStore::LoadAccount(std::string_view name) {
  ASSIGN_OR_RETURN(
      SqlRows rows,
      db_.Query(fmt::format("SELECT {} FROM trading_accounts WHERE name = ?", kAccountColumns),
                {SqlValue(std::string(name))}));
  if (rows.empty()) return std::optional<AccountState>();
  ASSIGN_OR_RETURN(AccountState a, AccountFromRow(rows[0]));
  return std::optional<AccountState>(std::move(a));
}

Result<std::vector<Position>> SqlPortfolioStore::LoadOpenPositions(std::string_view account) {
  PositionFilter filter;
  filter.account = std::string(account);
  filter.status = PositionStatus::kOpen;
  return ListPositions(filter);
}

Result<std::vector<Fill>> SqlPortfolioStore::ListTrades(const TradeFilter& filter) {
  if (filter.limit < 0) return InvalidArgumentError("negative limit {}", filter.limit);
  std::string sql = fmt::format(
      "SELECT {} FROM trades t LEFT JOIN positions p ON p.id = t.position_id", kTradeColumns);
  std::vector<std::string> conditions;
  std::vector<SqlValue> params;
  if (filter.account) {
    conditions.push_back("t.account = ?");
    params.emplace_back(*filter.account);
  }
  if (filter.signal_id) {
    conditions.push_back("t.signal_id = ?");
    params.emplace_back(std::int64_t{*filter.signal_id});
  }
  if (filter.symbol) {
    conditions.push_back("t.symbol = ?");
    params.emplace_back(*filter.symbol);
  }
  if (filter.since) {
    conditions.push_back("t.executed_at >= ?");
    params.emplace_back(std::int64_t{*filter.since});
  }
  if (!conditions.empty()) sql += fmt::format(" WHERE {}", fmt::join(conditions, " AND "));
  if (filter.limit > 0) {
    sql += " ORDER BY t.executed_at DESC, t.id DESC LIMIT ?";
    params.emplace_back(std::int64_t{filter.limit});
  } else {
    sql += " ORDER BY t.executed_at, t.id";
  }
  ASSIGN_OR_RETURN(SqlRows rows, db_.Query(sql, params));
  std::vector<Fill> fills;
  fills.reserve(rows.size());
  for (const SqlRow& row : rows) {
    ASSIGN_OR_RETURN(Fill f, FillFromRow(row));
    fills.push_back(std::move(f));
  }
  return fills;
}

Result<std::vector<Position>> SqlPortfolioStore::ListPositions(const PositionFilter& filter) {
  if (filter.limit < 0) return InvalidArgumentError("negative limit {}", filter.limit);
  // Rows without a position number were not written by an engine account.
  std::string sql =
      fmt::format("SELECT {} FROM positions WHERE position_no IS NOT NULL", kPositionColumns);
  std::vector<SqlValue> params;
  if (filter.account) {
    sql += " AND account = ?";
    params.emplace_back(*filter.account);
  }
  if (filter.status) {
    sql += " AND status = ?";
    params.emplace_back(std::string(PositionStatusName(*filter.status)));
  }
  if (filter.symbol) {
    sql += " AND symbol = ?";
    params.emplace_back(*filter.symbol);
  }
  if (filter.limit > 0) {
    sql += " ORDER BY opened_at DESC, id DESC LIMIT ?";
    params.emplace_back(std::int64_t{filter.limit});
  } else {
    sql += " ORDER BY opened_at, position_no";
  }
  ASSIGN_OR_RETURN(SqlRows rows, db_.Query(sql, params));
  std::vector<Position> positions;
  positions.reserve(rows.size());
  for (const SqlRow& row : rows) {
    ASSIGN_OR_RETURN(Position p, PositionFromRow(row));
    positions.push_back(std::move(p));
  }
  return positions;
}

}  // namespace pulse::storage
