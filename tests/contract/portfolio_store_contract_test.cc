// Contract of PortfolioStore (ports/portfolio_store.h) on every backend.
#include <gtest/gtest.h>

#include "adapters/storage/sql_portfolio_store.h"
#include "adapters/storage/sql_signal_store.h"
#include "model/outcome_events.h"
#include "storage_backends.h"

namespace pulse::testing {
namespace {

using storage::SqlPortfolioStore;
using storage::SqlSignalStore;

constexpr UnixNanos kT0 = FromSeconds(1'700'000'000);

Signal StoredSignal(std::string symbol) {
  Signal s;
  s.symbol = std::move(symbol);
  s.direction = Direction::kShort;
  s.entry_price = 65000.125;
  s.stop_loss = 66000.5;
  s.take_profit = 62000.25;
  s.created_at = kT0;
  return s;
}

AccountState Account(double cash, std::int64_t next_id, UnixNanos at) {
  AccountState a;
  a.name = "paper";
  a.mode = TradingMode::kPaper;
  a.starting_balance = 10000;
  a.cash = cash;
  a.realized_pnl = -12.375;
  a.fees_paid = 3.0625;
  a.next_position_id = next_id;
  a.updated_at = at;
  return a;
}

// A short opened with every optional field set.
Position OpenShort(std::int64_t number, SignalId signal, std::string symbol, UnixNanos at) {
  Position p;
  p.id = number;
  p.signal_id = signal;
  p.symbol = std::move(symbol);
  p.exchange = "bybit";
  p.direction = Direction::kShort;
  p.quantity = 0.0384615;
  p.avg_entry_price = 64967.62;
  p.stop_loss = 66000.5;
  p.take_profit = 62000.25;
  p.trailing_activation_pct = 1.5;
  p.trailing_pct = 0.75;
  p.trailing_armed = true;
  p.trailing_best_price = 64100.5;
  p.max_hold_minutes = 1440;
  p.opened_at = at;
  p.mark_price = 65010.5;
  p.unrealized_pnl = -4.148;
  p.fees_paid = 2.49875;
  p.mode = TradingMode::kPaper;
  return p;
}

Fill EntryFill(const Position& p) {
  Fill f;
  f.signal_id = p.signal_id;
  f.position_id = p.id;
  f.symbol = p.symbol;
  f.exchange = p.exchange;
  f.side = OrderSide::kSell;
  f.quantity = p.quantity;
  f.expected_price = 65000.125;
  f.reference_price = 65000.1;
  f.fill_price = p.avg_entry_price;
  f.fee = p.fees_paid;
  f.fee_currency = "USDT";
  f.slippage = -32.505;
  f.slippage_bps = 5.000759;
  f.reason = kFillEntry;
  f.time = p.opened_at;
  f.mode = TradingMode::kPaper;
  return f;
}

template <typename Backend>
class PortfolioStoreContractTest : public StorageContractTest<Backend> {
 protected:
  SignalId AddSignal(const std::string& symbol) {
    SqlSignalStore signals(*this->db_);
    auto id = signals.AddSignal(StoredSignal(symbol));
    EXPECT_TRUE(id.ok()) << id.status();
    return id.ok() ? *id : 0;
  }
};
TYPED_TEST_SUITE(PortfolioStoreContractTest, StorageBackends, BackendName);

TYPED_TEST(PortfolioStoreContractTest, OpenAndCloseRoundTripEveryField) {
  SqlPortfolioStore store(*this->db_);
  const SignalId signal = this->AddSignal("BTCUSDT");
  EXPECT_FALSE(store.LoadAccount("paper")->has_value());

  Position open = OpenShort(1, signal, "BTCUSDT", kT0 + 60);
  const Fill entry = EntryFill(open);
  const AccountState after_entry = Account(12494.25125, 2, kT0 + 60);
  ASSERT_TRUE(store.RecordFill(entry, open, after_entry).ok());

  auto account = store.LoadAccount("paper");
  ASSERT_TRUE(account.ok()) << account.status();
  ASSERT_TRUE(account->has_value());
  EXPECT_EQ(**account, after_entry);
  auto loaded = store.LoadOpenPositions("paper");
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  ASSERT_EQ(loaded->size(), 1u);
  EXPECT_EQ(loaded->at(0), open);

  Position closed = open;
  closed.status = PositionStatus::kClosed;
  closed.closed_at = kT0 + 7200;
  closed.exit_price = 62031.25;
  closed.exit_reason = kExitTakeProfit;
  closed.realized_pnl = 107.89;
  closed.unrealized_pnl = 0;
  closed.fees_paid = 4.884;
  Fill exit = entry;
  exit.side = OrderSide::kBuy;
  exit.expected_price = 62000.25;
  exit.reference_price = 62000.25;
  exit.fill_price = 62031.25;
  exit.fee = 2.38525;
  exit.slippage = 31;
  exit.slippage_bps = 5.0000;
  exit.reason = kExitTakeProfit;
  exit.time = kT0 + 7200;
  const AccountState after_exit = Account(10107.89, 2, kT0 + 7200);
  ASSERT_TRUE(store.RecordFill(exit, closed, after_exit).ok());

  EXPECT_TRUE(store.LoadOpenPositions("paper")->empty());
  PositionFilter closed_filter;
  closed_filter.status = PositionStatus::kClosed;
  auto positions = store.ListPositions(closed_filter);
  ASSERT_TRUE(positions.ok()) << positions.status();
  ASSERT_EQ(positions->size(), 1u);
  EXPECT_EQ(positions->at(0), closed);
  EXPECT_EQ(**store.LoadAccount("paper"), after_exit);

  auto trades = store.ListTrades({});
  ASSERT_TRUE(trades.ok()) << trades.status();
  ASSERT_EQ(trades->size(), 2u);
  EXPECT_EQ(trades->at(0), entry);
  EXPECT_EQ(trades->at(1), exit);
  // Both trade rows point at the one position row.
  EXPECT_EQ(this->ScalarInt("SELECT COUNT(*) FROM positions"), 1);
  EXPECT_EQ(this->ScalarInt("SELECT COUNT(DISTINCT position_id) FROM trades"), 1);
  EXPECT_EQ(this->ScalarInt("SELECT COUNT(*) FROM trades t JOIN positions p ON p.id = "
                            "t.position_id WHERE p.position_no = 1"),
            2);
}

TYPED_TEST(PortfolioStoreContractTest, AFillIsAllOrNothing) {
  SqlPortfolioStore store(*this->db_);
  const SignalId signal = this->AddSignal("BTCUSDT");
  Position p = OpenShort(1, signal, "BTCUSDT", kT0);
  AccountState bad = Account(10000, 2, kT0);
  bad.starting_balance = -1;  // violates the account table's check, after the other two rows
  Status s = store.RecordFill(EntryFill(p), p, bad);
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument) << s;
  EXPECT_EQ(this->ScalarInt("SELECT COUNT(*) FROM trades"), 0);
  EXPECT_EQ(this->ScalarInt("SELECT COUNT(*) FROM positions"), 0);
  EXPECT_EQ(this->ScalarInt("SELECT COUNT(*) FROM trading_accounts"), 0);

  // A signal that does not exist fails the fill and leaves nothing either.
  Position orphan = OpenShort(1, signal + 1000, "BTCUSDT", kT0);
  s = store.RecordFill(EntryFill(orphan), orphan, Account(10000, 2, kT0));
  EXPECT_EQ(s.code(), StatusCode::kFailedPrecondition) << s;
  EXPECT_EQ(this->ScalarInt("SELECT COUNT(*) FROM trades"), 0);
  EXPECT_EQ(this->ScalarInt("SELECT COUNT(*) FROM trading_accounts"), 0);
}

TYPED_TEST(PortfolioStoreContractTest, RefusesAFillOfAnotherPosition) {
  SqlPortfolioStore store(*this->db_);
  Position p = OpenShort(1, 0, "BTCUSDT", kT0);
  Fill f = EntryFill(p);
  f.position_id = 2;
  Status s = store.RecordFill(f, p, Account(10000, 3, kT0));
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(s.message().find("does not belong to position 1"), std::string::npos) << s;
  AccountState unnamed = Account(10000, 2, kT0);
  unnamed.name = "";
  EXPECT_EQ(store.RecordFill(EntryFill(p), p, unnamed).code(), StatusCode::kInvalidArgument);
}

TYPED_TEST(PortfolioStoreContractTest, SaveStateKeepsMarksAndTrailingStops) {
  SqlPortfolioStore store(*this->db_);
  Position p = OpenShort(1, 0, "BTCUSDT", kT0);  // no signal: stored as NULL, read back as 0
  p.trailing_armed = false;
  p.trailing_best_price = 0;
  p.trailing_activation_pct.reset();
  p.trailing_pct.reset();
  p.max_hold_minutes.reset();
  ASSERT_TRUE(store.RecordFill(EntryFill(p), p, Account(10000, 2, kT0)).ok());
  Position moved = p;
  moved.mark_price = 63000.5;
  moved.unrealized_pnl = 73.125;
  moved.stop_loss = 64000.25;
  moved.trailing_pct = 1.0;
  moved.trailing_activation_pct = 0.0;
  moved.trailing_armed = true;
  moved.trailing_best_price = 62990.0;
  Position second = OpenShort(2, 0, "ETHUSDT", kT0 + 5);
  const AccountState account = Account(9000.5, 3, kT0 + 900);
  const std::vector<Position> both = {moved, second};
  ASSERT_TRUE(store.SaveState(account, both).ok());
  auto loaded = store.LoadOpenPositions("paper");
  ASSERT_TRUE(loaded.ok()) << loaded.status();
  ASSERT_EQ(loaded->size(), 2u);
  EXPECT_EQ(loaded->at(0), moved);
  EXPECT_EQ(loaded->at(1), second);
  EXPECT_EQ(**store.LoadAccount("paper"), account);
}

TYPED_TEST(PortfolioStoreContractTest, ListsFilterByAccountSymbolSignalTimeAndLimit) {
  SqlPortfolioStore store(*this->db_);
  const SignalId btc = this->AddSignal("BTCUSDT");
  const SignalId eth = this->AddSignal("ETHUSDT");
  Position a = OpenShort(1, btc, "BTCUSDT", kT0 + 10);
  Position b = OpenShort(2, eth, "ETHUSDT", kT0 + 20);
  ASSERT_TRUE(store.RecordFill(EntryFill(a), a, Account(10000, 2, kT0 + 10)).ok());
  ASSERT_TRUE(store.RecordFill(EntryFill(b), b, Account(10000, 3, kT0 + 20)).ok());
  AccountState backtest = Account(5000, 2, kT0 + 30);
  backtest.name = "backtest-7";
  backtest.mode = TradingMode::kBacktest;
  Position c = OpenShort(1, btc, "BTCUSDT", kT0 + 30);  // same number, other account
  c.mode = TradingMode::kBacktest;
  Fill cf = EntryFill(c);
  cf.mode = TradingMode::kBacktest;
  ASSERT_TRUE(store.RecordFill(cf, c, backtest).ok());

  TradeFilter by_account;
  by_account.account = "paper";
  EXPECT_EQ(store.ListTrades(by_account)->size(), 2u);
  TradeFilter by_symbol;
  by_symbol.symbol = "BTCUSDT";
  EXPECT_EQ(store.ListTrades(by_symbol)->size(), 2u);
  TradeFilter by_signal;
  by_signal.signal_id = eth;
  ASSERT_EQ(store.ListTrades(by_signal)->size(), 1u);
  EXPECT_EQ(store.ListTrades(by_signal)->at(0).position_id, 2);
  TradeFilter since;
  since.since = kT0 + 20;
  EXPECT_EQ(store.ListTrades(since)->size(), 2u);
  TradeFilter newest;
  newest.limit = 1;
  ASSERT_EQ(store.ListTrades(newest)->size(), 1u);
  EXPECT_EQ(store.ListTrades(newest)->at(0).mode, TradingMode::kBacktest);
  newest.limit = -1;
  EXPECT_EQ(store.ListTrades(newest).status().code(), StatusCode::kInvalidArgument);

  EXPECT_EQ(store.LoadOpenPositions("paper")->size(), 2u);
  ASSERT_EQ(store.LoadOpenPositions("backtest-7")->size(), 1u);
  EXPECT_EQ(store.LoadOpenPositions("backtest-7")->at(0), c);
  EXPECT_EQ(store.LoadAccount("backtest-7")->value(), backtest);
  PositionFilter eth_only;
  eth_only.symbol = "ETHUSDT";
  ASSERT_EQ(store.ListPositions(eth_only)->size(), 1u);
  EXPECT_EQ(store.ListPositions(eth_only)->at(0), b);
  PositionFilter latest;
  latest.limit = 2;
  ASSERT_EQ(store.ListPositions(latest)->size(), 2u);
  EXPECT_EQ(store.ListPositions(latest)->at(0), c);
}

}  // namespace
}  // namespace pulse::testing
