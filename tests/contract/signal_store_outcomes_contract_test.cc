// Contract of SignalStore::ListClosedOutcomes (ports/signal_store.h) on every backend, and the
// same scenarios on the in-memory fake used by unit tests, so the fake keeps the port's
// semantics: closed results with their signals and contributions, traded or shadow, filtered
// by exit time, update time and symbol, in exit order.
#include <gtest/gtest.h>

#include "adapters/storage/sql_signal_store.h"
#include "storage_backends.h"
#include "support/in_memory_signal_store.h"

namespace pulse::testing {
namespace {

using storage::SqlSignalStore;

constexpr UnixNanos kT0 = FromSeconds(1'700'000'000);
constexpr UnixNanos kHour = 3600 * kNanosPerSecond;

Signal MakeSignal(std::string symbol, SignalStatus status, UnixNanos created_at) {
  Signal s;
  s.symbol = std::move(symbol);
  s.exchange = "binance";
  s.timeframe = "5m";
  s.direction = Direction::kLong;
  s.entry_price = 100;
  s.stop_loss = 95;
  s.take_profit = 110;
  s.confidence = 0.75;
  s.size = 2;
  s.source = "ensemble";
  s.status = status;
  s.created_at = created_at;
  return s;
}

SignalResult Closed(SignalId id, UnixNanos exit_time, double pnl, UnixNanos updated_at) {
  SignalResult r;
  r.signal_id = id;
  r.entry_price = 100;
  r.entry_time = exit_time - kHour;
  r.exit_price = 100 + pnl;
  r.exit_time = exit_time;
  r.pnl_percent = pnl;
  r.pnl_quote = pnl;
  r.pnl_quote_total = 2 * pnl;
  r.pnl_percent_net = pnl - 0.2;
  r.fees_quote = 0.4;
  r.outcome = pnl > 0 ? Outcome::kWin : Outcome::kLoss;
  r.exit_reason = pnl > 0 ? "take_profit" : "stop_loss";
  r.hold_minutes = 60;
  r.updated_at = updated_at;
  return r;
}

// What the scenarios stored: the ids of each kind of signal.
struct Stored {
  SignalId btc_late = 0;   // traded, exits last, two contributions
  SignalId eth_early = 0;  // traded, exits first
  SignalId btc_open = 0;   // traded, still open
  SignalId shadow = 0;     // rejected by a gate, shadow result closed
  SignalId rejected_unresolved = 0;
};

void Fill(SignalStore& store, Stored& ids) {
  auto add = [&](const Signal& s) {
    auto id = store.AddSignal(s);
    EXPECT_TRUE(id.ok()) << id.status();
    return id.ok() ? *id : SignalId{0};
  };
  ids.btc_late = add(MakeSignal("BTCUSDT", SignalStatus::kPending, kT0));
  ids.eth_early = add(MakeSignal("ETHUSDT", SignalStatus::kPending, kT0 + 1));
  ids.btc_open = add(MakeSignal("BTCUSDT", SignalStatus::kPending, kT0 + 2));
  Signal rejected = MakeSignal("SOLUSDT", SignalStatus::kRejected, kT0 + 3);
  rejected.gate_checks = {{"confidence", 0.6, 0.77, false, "confidence 0.60 < 0.77"},
                          {"volume", 2.5, 2.0, true, ""}};
  ids.shadow = add(rejected);
  ids.rejected_unresolved = add(MakeSignal("SOLUSDT", SignalStatus::kRejected, kT0 + 4));
  const std::vector<TheoryContribution> contributions = {
      {ids.btc_late, "theory:rsi", 0.4, std::nullopt, kT0},
      {ids.btc_late, "model:xgb", -0.1, std::nullopt, kT0},
      {ids.shadow, "theory:rsi", 0.2, std::nullopt, kT0}};
  ASSERT_TRUE(store.AddContributions(contributions).ok());
  const std::vector<TheoryContribution> verdicts = {{ids.btc_late, "theory:rsi", 0.4, true, kT0},
                                                    {ids.btc_late, "model:xgb", -0.1, false, kT0}};
  ASSERT_TRUE(
      store.SaveOutcome(Closed(ids.btc_late, kT0 + 5 * kHour, 4, kT0 + 5 * kHour), verdicts).ok());
  ASSERT_TRUE(store.SaveResult(Closed(ids.eth_early, kT0 + 2 * kHour, -2, kT0 + 6 * kHour)).ok());
  SignalResult open = Closed(ids.btc_open, kT0 + 3 * kHour, 1, kT0 + 3 * kHour);
  open.outcome = Outcome::kOpen;
  open.exit_time.reset();
  open.exit_price.reset();
  ASSERT_TRUE(store.SaveResult(open).ok());
  ASSERT_TRUE(store.SaveResult(Closed(ids.shadow, kT0 + 4 * kHour, 3, kT0 + 4 * kHour)).ok());
}

std::vector<SignalId> Ids(const std::vector<OutcomeResolved>& outcomes) {
  std::vector<SignalId> ids;
  for (const OutcomeResolved& o : outcomes) ids.push_back(o.signal.id);
  return ids;
}

void TradedOutcomesComeWithSignalsAndContributions(SignalStore& store) {
  Stored ids;
  Fill(store, ids);
  auto traded = store.ListClosedOutcomes({});
  ASSERT_TRUE(traded.ok()) << traded.status();
  // Exit order, not id order; the open signal and the shadow are not there.
  ASSERT_EQ(Ids(*traded), (std::vector<SignalId>{ids.eth_early, ids.btc_late}));
  const OutcomeResolved& eth = traded->at(0);
  EXPECT_FALSE(eth.shadow);
  EXPECT_EQ(eth.signal.symbol, "ETHUSDT");
  EXPECT_EQ(eth.signal.status, SignalStatus::kClosed);
  EXPECT_EQ(eth.signal.confidence, 0.75);
  EXPECT_EQ(eth.result.signal_id, ids.eth_early);
  EXPECT_EQ(eth.result.pnl_percent, -2);
  EXPECT_EQ(eth.result.pnl_quote_total, -4);
  EXPECT_EQ(eth.result.pnl_percent_net, -2.2);
  EXPECT_EQ(eth.result.exit_time, kT0 + 2 * kHour);
  EXPECT_EQ(eth.result.outcome, Outcome::kLoss);
  EXPECT_TRUE(eth.contributions.empty());
  const OutcomeResolved& btc = traded->at(1);
  EXPECT_EQ(btc.signal.symbol, "BTCUSDT");
  EXPECT_EQ(btc.result.exit_reason, "take_profit");
  ASSERT_EQ(btc.contributions.size(), 2u);
  EXPECT_EQ(btc.contributions[0].theory_name, "theory:rsi");
  EXPECT_EQ(btc.contributions[0].was_correct, true);
  EXPECT_EQ(btc.contributions[1].theory_name, "model:xgb");
  EXPECT_EQ(btc.contributions[1].contribution_score, -0.1);
  EXPECT_EQ(btc.contributions[1].was_correct, false);
}

void ShadowsAreTheRejectedCandidatesWithResults(SignalStore& store) {
  Stored ids;
  Fill(store, ids);
  ClosedOutcomeFilter filter;
  filter.shadows = true;
  auto shadows = store.ListClosedOutcomes(filter);
  ASSERT_TRUE(shadows.ok()) << shadows.status();
  ASSERT_EQ(Ids(*shadows), (std::vector<SignalId>{ids.shadow}));
  const OutcomeResolved& s = shadows->front();
  EXPECT_TRUE(s.shadow);
  EXPECT_EQ(s.signal.status, SignalStatus::kRejected);
  ASSERT_EQ(s.signal.gate_checks.size(), 2u);
  EXPECT_EQ(s.signal.gate_checks[0].gate, "confidence");
  EXPECT_FALSE(s.signal.gate_checks[0].passed);
  EXPECT_EQ(s.result.pnl_percent, 3);
  ASSERT_EQ(s.contributions.size(), 1u);
  EXPECT_EQ(s.contributions[0].theory_name, "theory:rsi");
}

void FiltersByExitTimeUpdateTimeAndSymbol(SignalStore& store) {
  Stored ids;
  Fill(store, ids);
  ClosedOutcomeFilter since;
  since.exit_since = kT0 + 5 * kHour;  // inclusive
  auto late = store.ListClosedOutcomes(since);
  ASSERT_TRUE(late.ok()) << late.status();
  EXPECT_EQ(Ids(*late), (std::vector<SignalId>{ids.btc_late}));
  ClosedOutcomeFilter until;
  until.exit_until = kT0 + 5 * kHour - 1;  // inclusive
  auto early = store.ListClosedOutcomes(until);
  ASSERT_TRUE(early.ok()) << early.status();
  EXPECT_EQ(Ids(*early), (std::vector<SignalId>{ids.eth_early}));
  until.exit_until = kT0 + 5 * kHour;
  auto both = store.ListClosedOutcomes(until);
  ASSERT_TRUE(both.ok()) << both.status();
  EXPECT_EQ(Ids(*both), (std::vector<SignalId>{ids.eth_early, ids.btc_late}));

  // The ETH result was written (updated) after the BTC one although it exited earlier.
  ClosedOutcomeFilter updated;
  updated.updated_since = kT0 + 6 * kHour;
  auto recent = store.ListClosedOutcomes(updated);
  ASSERT_TRUE(recent.ok()) << recent.status();
  EXPECT_EQ(Ids(*recent), (std::vector<SignalId>{ids.eth_early}));

  ClosedOutcomeFilter symbols;
  symbols.symbols = {"BTCUSDT", "XRPUSDT"};
  auto btc = store.ListClosedOutcomes(symbols);
  ASSERT_TRUE(btc.ok()) << btc.status();
  EXPECT_EQ(Ids(*btc), (std::vector<SignalId>{ids.btc_late}));
  symbols.symbols = {"SOLUSDT"};
  auto none = store.ListClosedOutcomes(symbols);
  ASSERT_TRUE(none.ok()) << none.status();
  EXPECT_TRUE(none->empty());
  symbols.shadows = true;
  auto sol_shadows = store.ListClosedOutcomes(symbols);
  ASSERT_TRUE(sol_shadows.ok()) << sol_shadows.status();
  EXPECT_EQ(Ids(*sol_shadows), (std::vector<SignalId>{ids.shadow}));
}

void EmptyStoreGivesNothing(SignalStore& store) {
  auto none = store.ListClosedOutcomes({});
  ASSERT_TRUE(none.ok()) << none.status();
  EXPECT_TRUE(none->empty());
}

template <typename Backend>
class SignalStoreOutcomesContractTest : public StorageContractTest<Backend> {};
TYPED_TEST_SUITE(SignalStoreOutcomesContractTest, StorageBackends, BackendName);

TYPED_TEST(SignalStoreOutcomesContractTest, TradedOutcomesComeWithSignalsAndContributions) {
  SqlSignalStore store(*this->db_);
  TradedOutcomesComeWithSignalsAndContributions(store);
}

TYPED_TEST(SignalStoreOutcomesContractTest, ShadowsAreTheRejectedCandidatesWithResults) {
  SqlSignalStore store(*this->db_);
  ShadowsAreTheRejectedCandidatesWithResults(store);
}

TYPED_TEST(SignalStoreOutcomesContractTest, FiltersByExitTimeUpdateTimeAndSymbol) {
  SqlSignalStore store(*this->db_);
  FiltersByExitTimeUpdateTimeAndSymbol(store);
}

TYPED_TEST(SignalStoreOutcomesContractTest, EmptyStoreGivesNothing) {
  SqlSignalStore store(*this->db_);
  EmptyStoreGivesNothing(store);
}

TEST(InMemorySignalStoreOutcomesTest, KeepsThePortContract) {
  {
    InMemorySignalStore store;
    TradedOutcomesComeWithSignalsAndContributions(store);
  }
  {
    InMemorySignalStore store;
    ShadowsAreTheRejectedCandidatesWithResults(store);
  }
  {
    InMemorySignalStore store;
    FiltersByExitTimeUpdateTimeAndSymbol(store);
  }
  {
    InMemorySignalStore store;
    EmptyStoreGivesNothing(store);
  }
}

}  // namespace
}  // namespace pulse::testing
