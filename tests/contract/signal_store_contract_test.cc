// Contract of SignalStore (ports/signal_store.h) on every backend.
#include <gtest/gtest.h>

#include "adapters/storage/sql_signal_store.h"
#include "storage_backends.h"

namespace pulse::testing {
namespace {

using storage::SqlSignalStore;

constexpr UnixNanos kT0 = FromSeconds(1'700'000'000);

Signal MakeSignal(std::string symbol, UnixNanos created_at,
                  SignalStatus status = SignalStatus::kPending) {
  Signal s;
  s.symbol = std::move(symbol);
  s.exchange = "bybit";
  s.timeframe = "15m";
  s.direction = Direction::kShort;
  s.entry_price = 65000.125;
  s.stop_loss = 66000.5;
  s.take_profit = 62000.25;
  s.confidence = 0.8125;
  s.size = 0.015;
  s.source = "theory:rsi_divergence";
  s.status = status;
  s.created_at = created_at;
  s.notes = "note with 'quotes' and ?";
  return s;
}

void ExpectSameSignal(const Signal& got, const Signal& want, SignalId id) {
  EXPECT_EQ(got.id, id);
  EXPECT_EQ(got.symbol, want.symbol);
  EXPECT_EQ(got.exchange, want.exchange);
  EXPECT_EQ(got.timeframe, want.timeframe);
  EXPECT_EQ(got.direction, want.direction);
  EXPECT_EQ(got.entry_price, want.entry_price);
  EXPECT_EQ(got.stop_loss, want.stop_loss);
  EXPECT_EQ(got.take_profit, want.take_profit);
  EXPECT_EQ(got.confidence, want.confidence);
  EXPECT_EQ(got.size, want.size);
  EXPECT_EQ(got.source, want.source);
  EXPECT_EQ(got.status, want.status);
  EXPECT_EQ(got.created_at, want.created_at);
  EXPECT_EQ(got.notes, want.notes);
  EXPECT_EQ(got.prediction, want.prediction);
  EXPECT_EQ(got.classification, want.classification);
  EXPECT_EQ(got.trailing_activation_pct, want.trailing_activation_pct);
  EXPECT_EQ(got.trailing_pct, want.trailing_pct);
  EXPECT_EQ(got.max_hold_minutes, want.max_hold_minutes);
  EXPECT_EQ(got.model_version, want.model_version);
  EXPECT_EQ(got.feature_hash, want.feature_hash);
  EXPECT_EQ(got.gate_checks, want.gate_checks);
}

// A rejected candidate as the signal engine stores it: every engine field set, two gates failed.
Signal MakeEngineCandidate(UnixNanos created_at) {
  Signal s = MakeSignal("SOLUSDT", created_at, SignalStatus::kRejected);
  s.source = "ensemble";
  s.prediction = 0.71875;
  s.classification = SignalClass::kBuy;
  s.trailing_activation_pct = 1.5;
  s.trailing_pct = 0.75;
  s.max_hold_minutes = 1440;
  s.model_version = "btc_5m@3,eth_5m@1";
  s.feature_hash = "00ff12ab34cd56ef";
  s.gate_checks = {
      {"confidence", 0.71, 0.77, false, "confidence 0.71 < 0.77"},
      {"volume", 1.4, 2.0, false, "volume 1.40x < 2.00x of the 20-bar average"},
      {"reward_risk", 2.5, 2.0, true, "reward/risk \"2.50\" >= 2.00"},
  };
  return s;
}

void ExpectSameResult(const SignalResult& got, const SignalResult& want) {
  EXPECT_EQ(got.signal_id, want.signal_id);
  EXPECT_EQ(got.entry_price, want.entry_price);
  EXPECT_EQ(got.entry_time, want.entry_time);
  EXPECT_EQ(got.exit_price, want.exit_price);
  EXPECT_EQ(got.exit_time, want.exit_time);
  EXPECT_EQ(got.pnl_percent, want.pnl_percent);
  EXPECT_EQ(got.pnl_quote, want.pnl_quote);
  EXPECT_EQ(got.pnl_quote_total, want.pnl_quote_total);
  EXPECT_EQ(got.outcome, want.outcome);
  EXPECT_EQ(got.exit_reason, want.exit_reason);
  EXPECT_EQ(got.hold_minutes, want.hold_minutes);
  EXPECT_EQ(got.mfe_percent, want.mfe_percent);
  EXPECT_EQ(got.mae_percent, want.mae_percent);
  EXPECT_EQ(got.updated_at, want.updated_at);
  EXPECT_EQ(got.pnl_percent_net, want.pnl_percent_net);
  EXPECT_EQ(got.fees_quote, want.fees_quote);
  EXPECT_EQ(got.exit_resolution, want.exit_resolution);
}

SignalResult ClosedResult(SignalId id, UnixNanos exit_time, Outcome outcome = Outcome::kWin) {
  SignalResult r;
  r.signal_id = id;
  r.entry_price = 65010.5;
  r.entry_time = kT0 + kNanosPerMinute;
  r.exit_price = 62000.25;
  r.exit_time = exit_time;
  r.pnl_percent = 4.6305;
  r.pnl_quote = 3010.25;
  r.pnl_quote_total = 45.15375;
  r.outcome = outcome;
  r.exit_reason = "take_profit";
  r.hold_minutes = 187.5;
  r.mfe_percent = 5.25;
  r.mae_percent = -0.75;
  r.updated_at = exit_time + 1;
  r.pnl_percent_net = 4.4305;
  r.fees_quote = 1.905;
  r.exit_resolution = "lower_timeframe";
  return r;
}

template <typename Backend>
class SignalStoreContractTest : public StorageContractTest<Backend> {};
TYPED_TEST_SUITE(SignalStoreContractTest, StorageBackends, BackendName);

TYPED_TEST(SignalStoreContractTest, AddAndGetRoundTripEveryField) {
  SqlSignalStore store(*this->db_);
  Signal full = MakeSignal("BTCUSDT", kT0);
  full.id = 12345;  // ignored
  Signal sparse = MakeSignal("ETHUSDT", kT0 + 1, SignalStatus::kRejected);
  sparse.direction = Direction::kLong;
  sparse.confidence.reset();
  sparse.size.reset();
  sparse.source = "manual";
  sparse.notes = "";
  auto id1 = store.AddSignal(full);
  auto id2 = store.AddSignal(sparse);
  ASSERT_TRUE(id1.ok()) << id1.status();
  ASSERT_TRUE(id2.ok()) << id2.status();
  EXPECT_GT(*id2, *id1);
  EXPECT_NE(*id1, 12345);
  auto got1 = store.GetSignal(*id1);
  auto got2 = store.GetSignal(*id2);
  ASSERT_TRUE(got1.ok()) << got1.status();
  ASSERT_TRUE(got2.ok()) << got2.status();
  ExpectSameSignal(*got1, full, *id1);
  ExpectSameSignal(*got2, sparse, *id2);
  auto kinds = this->db_->Query("SELECT source_kind FROM signals ORDER BY id");
  ASSERT_TRUE(kinds.ok());
  EXPECT_EQ(*kinds->at(0).GetString(0), "theory");
  EXPECT_EQ(*kinds->at(1).GetString(0), "manual");
}

TYPED_TEST(SignalStoreContractTest, EngineFieldsRoundTripWithRejectionReasons) {
  SqlSignalStore store(*this->db_);
  const Signal candidate = MakeEngineCandidate(kT0);
  auto id = store.AddSignal(candidate);
  ASSERT_TRUE(id.ok()) << id.status();
  auto got = store.GetSignal(*id);
  ASSERT_TRUE(got.ok()) << got.status();
  ExpectSameSignal(*got, candidate, *id);
  auto stored = this->db_->Query(
      "SELECT rejection_reasons, source_kind, classification FROM signals WHERE id = ?",
      {storage::SqlValue(*id)});
  ASSERT_TRUE(stored.ok()) << stored.status();
  EXPECT_EQ(*stored->at(0).GetString(0),
            "confidence 0.71 < 0.77; volume 1.40x < 2.00x of the 20-bar average");
  EXPECT_EQ(*stored->at(0).GetString(1), "ensemble");
  EXPECT_EQ(*stored->at(0).GetString(2), "buy");
  // A manual signal leaves the engine columns empty (NULL), not zero.
  auto manual = store.AddSignal(MakeSignal("BTCUSDT", kT0));
  ASSERT_TRUE(manual.ok());
  auto nulls = this->db_->Query(
      "SELECT prediction, classification, model_version, feature_hash, rejection_reasons, "
      "gate_checks FROM signals WHERE id = ?",
      {storage::SqlValue(*manual)});
  ASSERT_TRUE(nulls.ok());
  for (std::size_t c = 0; c < 5; ++c) EXPECT_TRUE(nulls->at(0).IsNull(c)) << c;
  EXPECT_EQ(*nulls->at(0).GetString(5), "[]");
}

TYPED_TEST(SignalStoreContractTest, SignalsWithContributionsAreOneTransaction) {
  SqlSignalStore store(*this->db_);
  std::vector<Signal> signals = {MakeEngineCandidate(kT0), MakeSignal("ETHUSDT", kT0 + 1)};
  std::vector<std::vector<TheoryContribution>> contributions = {
      {{0, "theory:rsi_mean_reversion", 0.375, std::nullopt, kT0},
       {0, "model:btc_5m", 0.625, std::nullopt, kT0}},
      {}};
  auto ids = store.AddSignalsWithContributions(signals, contributions);
  ASSERT_TRUE(ids.ok()) << ids.status();
  ASSERT_EQ(ids->size(), 2u);
  auto listed = store.ListContributions(ids->at(0));
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 2u);
  EXPECT_EQ(listed->at(0).signal_id, ids->at(0));
  EXPECT_EQ(listed->at(0).theory_name, "theory:rsi_mean_reversion");
  EXPECT_EQ(listed->at(1).contribution_score, 0.625);
  EXPECT_TRUE(store.ListContributions(ids->at(1))->empty());

  // A bad contribution in the second signal rolls back the first signal too.
  std::vector<std::vector<TheoryContribution>> bad = {{{0, "theory:a", 1.0, std::nullopt, kT0}},
                                                      {{0, "", 1.0, std::nullopt, kT0}}};
  auto failed = store.AddSignalsWithContributions(signals, bad);
  EXPECT_EQ(failed.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(this->ScalarInt("SELECT count(*) FROM signals"), 2);
  EXPECT_EQ(this->ScalarInt("SELECT count(*) FROM theory_performance"), 2);
  auto mismatched = store.AddSignalsWithContributions(signals, std::span(bad).first(1));
  EXPECT_EQ(mismatched.status().code(), StatusCode::kInvalidArgument);
}

TYPED_TEST(SignalStoreContractTest, MissingSignalIsNotFound) {
  SqlSignalStore store(*this->db_);
  auto missing = store.GetSignal(424242);
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
  EXPECT_NE(missing.status().message().find("424242"), std::string::npos);
}

TYPED_TEST(SignalStoreContractTest, AddSignalsIsAllOrNothing) {
  SqlSignalStore store(*this->db_);
  std::vector<Signal> batch = {MakeSignal("A", kT0), MakeSignal("B", kT0 + 1),
                               MakeSignal("C", kT0 + 2)};
  auto ids = store.AddSignals(batch);
  ASSERT_TRUE(ids.ok()) << ids.status();
  ASSERT_EQ(ids->size(), 3u);
  for (std::size_t i = 0; i < 3; ++i) {
    auto got = store.GetSignal(ids->at(i));
    ASSERT_TRUE(got.ok());
    EXPECT_EQ(got->symbol, batch[i].symbol);
  }
  EXPECT_LT(ids->at(0), ids->at(1));
  EXPECT_LT(ids->at(1), ids->at(2));

  std::vector<Signal> bad = {MakeSignal("D", kT0), MakeSignal("", kT0)};
  auto failed = store.AddSignals(bad);
  EXPECT_EQ(failed.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(this->ScalarInt("SELECT count(*) FROM signals"), 3);
  auto empty = store.AddSignals({});
  ASSERT_TRUE(empty.ok());
  EXPECT_TRUE(empty->empty());
}

TYPED_TEST(SignalStoreContractTest, ListSignalsFiltersAndOrders) {
  SqlSignalStore store(*this->db_);
  // Inserted out of time order on purpose.
  std::vector<Signal> all = {
      MakeSignal("BTCUSDT", kT0 + 30, SignalStatus::kOpen),
      MakeSignal("ETHUSDT", kT0 + 10, SignalStatus::kPending),
      MakeSignal("BTCUSDT", kT0 + 20, SignalStatus::kClosed),
      MakeSignal("BTCUSDT", kT0 + 40, SignalStatus::kPending),
      MakeSignal("ETHUSDT", kT0 + 50, SignalStatus::kRejected),
  };
  auto ids = store.AddSignals(all);
  ASSERT_TRUE(ids.ok());
  auto created = [](const std::vector<Signal>& v) {
    std::vector<UnixNanos> out;
    for (const Signal& s : v) out.push_back(s.created_at - kT0);
    return out;
  };

  auto everything = store.ListSignals({});
  ASSERT_TRUE(everything.ok()) << everything.status();
  EXPECT_EQ(created(*everything), (std::vector<UnixNanos>{10, 20, 30, 40, 50}));

  SignalFilter active;
  active.statuses = {SignalStatus::kPending, SignalStatus::kOpen};
  auto act = store.ListSignals(active);
  ASSERT_TRUE(act.ok()) << act.status();
  EXPECT_EQ(created(*act), (std::vector<UnixNanos>{10, 30, 40}));

  SignalFilter btc;
  btc.symbol = "BTCUSDT";
  btc.created_since = kT0 + 25;
  auto b = store.ListSignals(btc);
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(created(*b), (std::vector<UnixNanos>{30, 40}));

  SignalFilter newest;
  newest.limit = 2;
  auto n = store.ListSignals(newest);
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(created(*n), (std::vector<UnixNanos>{50, 40}));

  SignalFilter combined;
  combined.statuses = {SignalStatus::kPending};
  combined.symbol = "BTCUSDT";
  combined.limit = 5;
  auto c = store.ListSignals(combined);
  ASSERT_TRUE(c.ok());
  ASSERT_EQ(c->size(), 1u);
  ExpectSameSignal(c->at(0), all[3], ids->at(3));

  SignalFilter nothing;
  nothing.symbol = "DOGEUSDT";
  auto none = store.ListSignals(nothing);
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->empty());
}

TYPED_TEST(SignalStoreContractTest, SaveResultUpsertsAndMovesSignalStatus) {
  SqlSignalStore store(*this->db_);
  auto id = store.AddSignal(MakeSignal("BTCUSDT", kT0));
  ASSERT_TRUE(id.ok());
  auto none = store.GetResult(*id);
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->has_value());

  SignalResult open;
  open.signal_id = *id;
  open.entry_price = 65010.5;
  open.entry_time = kT0 + kNanosPerMinute;
  open.outcome = Outcome::kOpen;
  open.mfe_percent = 0.5;
  open.updated_at = kT0 + 2 * kNanosPerMinute;
  ASSERT_TRUE(store.SaveResult(open).ok());
  EXPECT_EQ(store.GetSignal(*id)->status, SignalStatus::kOpen);
  auto got_open = store.GetResult(*id);
  ASSERT_TRUE(got_open.ok()) << got_open.status();
  ASSERT_TRUE(got_open->has_value());
  ExpectSameResult(**got_open, open);

  const SignalResult closed = ClosedResult(*id, kT0 + kNanosPerHour, Outcome::kLoss);
  ASSERT_TRUE(store.SaveResult(closed).ok());
  EXPECT_EQ(store.GetSignal(*id)->status, SignalStatus::kClosed);
  auto got_closed = store.GetResult(*id);
  ASSERT_TRUE(got_closed.ok());
  ASSERT_TRUE(got_closed->has_value());
  ExpectSameResult(**got_closed, closed);
  EXPECT_EQ(this->ScalarInt("SELECT count(*) FROM signal_results"), 1);
  // created_at keeps the first write; updated_at follows the latest.
  EXPECT_EQ(this->ScalarInt("SELECT created_at FROM signal_results"), open.updated_at);

  // Back to open clears the exit fields (NULLs overwrite values).
  ASSERT_TRUE(store.SaveResult(open).ok());
  auto reopened = store.GetResult(*id);
  ASSERT_TRUE(reopened.ok());
  ExpectSameResult(**reopened, open);
  EXPECT_EQ(store.GetSignal(*id)->status, SignalStatus::kOpen);
}

TYPED_TEST(SignalStoreContractTest, SaveResultForMissingSignalWritesNothing) {
  SqlSignalStore store(*this->db_);
  Status st = store.SaveResult(ClosedResult(777, kT0));
  EXPECT_EQ(st.code(), StatusCode::kNotFound) << st;
  EXPECT_EQ(this->ScalarInt("SELECT count(*) FROM signal_results"), 0);
}

TYPED_TEST(SignalStoreContractTest, ListClosedResultsSinceInExitOrder) {
  SqlSignalStore store(*this->db_);
  std::vector<Signal> signals;
  for (int i = 0; i < 5; ++i) signals.push_back(MakeSignal("BTCUSDT", kT0 + i));
  auto ids = store.AddSignals(signals);
  ASSERT_TRUE(ids.ok());
  ASSERT_TRUE(store.SaveResult(ClosedResult(ids->at(0), kT0 + 300)).ok());
  ASSERT_TRUE(store.SaveResult(ClosedResult(ids->at(1), kT0 + 100, Outcome::kLoss)).ok());
  ASSERT_TRUE(store.SaveResult(ClosedResult(ids->at(2), kT0 + 200, Outcome::kBreakeven)).ok());
  SignalResult still_open = ClosedResult(ids->at(3), kT0 + 400, Outcome::kOpen);
  ASSERT_TRUE(store.SaveResult(still_open).ok());
  ASSERT_TRUE(store.SaveResult(ClosedResult(ids->at(4), kT0 + 50)).ok());

  auto since = store.ListClosedResults(kT0 + 100);
  ASSERT_TRUE(since.ok()) << since.status();
  ASSERT_EQ(since->size(), 3u);
  EXPECT_EQ(since->at(0).signal_id, ids->at(1));
  EXPECT_EQ(since->at(0).outcome, Outcome::kLoss);
  EXPECT_EQ(since->at(1).signal_id, ids->at(2));
  EXPECT_EQ(since->at(1).outcome, Outcome::kBreakeven);
  EXPECT_EQ(since->at(2).signal_id, ids->at(0));
  ExpectSameResult(since->at(2), ClosedResult(ids->at(0), kT0 + 300));

  auto all = store.ListClosedResults(0);
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->size(), 4u);
  auto later = store.ListClosedResults(kT0 + 301);
  ASSERT_TRUE(later.ok());
  EXPECT_TRUE(later->empty());
}

TYPED_TEST(SignalStoreContractTest, ShadowOutcomesKeepTheRejectedStatusAndStayOutOfResults) {
  SqlSignalStore store(*this->db_);
  Signal rejected = MakeSignal("ETHUSDT", kT0);
  rejected.status = SignalStatus::kRejected;
  auto shadow = store.AddSignal(rejected);
  auto traded = store.AddSignal(MakeSignal("BTCUSDT", kT0));
  ASSERT_TRUE(shadow.ok() && traded.ok());
  ASSERT_TRUE(store.SaveResult(ClosedResult(*shadow, kT0 + 100)).ok());
  ASSERT_TRUE(store.SaveResult(ClosedResult(*traded, kT0 + 200)).ok());
  EXPECT_EQ(store.GetSignal(*shadow)->status, SignalStatus::kRejected);
  EXPECT_EQ(store.GetSignal(*traded)->status, SignalStatus::kClosed);
  ExpectSameResult(**store.GetResult(*shadow), ClosedResult(*shadow, kT0 + 100));
  auto closed = store.ListClosedResults(0);
  ASSERT_TRUE(closed.ok()) << closed.status();
  ASSERT_EQ(closed->size(), 1u);
  EXPECT_EQ(closed->at(0).signal_id, *traded);
}

TYPED_TEST(SignalStoreContractTest, ContributionsAddListAndMark) {
  SqlSignalStore store(*this->db_);
  auto a = store.AddSignal(MakeSignal("BTCUSDT", kT0));
  auto b = store.AddSignal(MakeSignal("ETHUSDT", kT0));
  ASSERT_TRUE(a.ok() && b.ok());
  std::vector<TheoryContribution> contributions = {
      {*a, "rsi_divergence", 0.625, std::nullopt, kT0 + 1},
      {*a, "model:xgb_v3", -0.125, true, kT0 + 2},
      {*b, "ensemble", 1.0, false, kT0 + 3},
  };
  ASSERT_TRUE(store.AddContributions(contributions).ok());
  auto listed = store.ListContributions(*a);
  ASSERT_TRUE(listed.ok()) << listed.status();
  ASSERT_EQ(listed->size(), 2u);
  for (std::size_t i = 0; i < 2; ++i) {
    EXPECT_EQ(listed->at(i).signal_id, contributions[i].signal_id);
    EXPECT_EQ(listed->at(i).theory_name, contributions[i].theory_name);
    EXPECT_EQ(listed->at(i).contribution_score, contributions[i].contribution_score);
    EXPECT_EQ(listed->at(i).was_correct, contributions[i].was_correct);
    EXPECT_EQ(listed->at(i).created_at, contributions[i].created_at);
  }
  auto kinds = this->db_->Query("SELECT source_kind FROM theory_performance ORDER BY id");
  ASSERT_TRUE(kinds.ok());
  EXPECT_EQ(*kinds->at(0).GetString(0), "theory");
  EXPECT_EQ(*kinds->at(1).GetString(0), "model");
  EXPECT_EQ(*kinds->at(2).GetString(0), "ensemble");

  SignalResult closed;
  closed.signal_id = *a;
  closed.entry_price = 100;
  closed.entry_time = kT0;
  closed.exit_price = 99;
  closed.exit_time = kT0 + 60 * kNanosPerSecond;
  closed.outcome = Outcome::kLoss;
  closed.updated_at = kT0;
  std::vector<TheoryContribution> judged = *listed;
  judged[0].was_correct = false;
  judged[1].was_correct = true;
  ASSERT_TRUE(store.SaveOutcome(closed, judged).ok());
  listed = store.ListContributions(*a);
  ASSERT_TRUE(listed.ok());
  EXPECT_EQ(listed->at(0).was_correct, std::optional<bool>(false));
  EXPECT_EQ(listed->at(1).was_correct, std::optional<bool>(true));
  EXPECT_EQ((*store.GetResult(*a))->outcome, Outcome::kLoss);
  auto other = store.ListContributions(*b);
  ASSERT_TRUE(other.ok());
  ASSERT_EQ(other->size(), 1u);
  EXPECT_EQ(other->at(0).was_correct, std::optional<bool>(false));  // untouched value
  // A contribution the signal does not have: nothing of the outcome is stored.
  closed.signal_id = *b;
  judged = {{*b, "no_such_source", 1.0, true, kT0}};
  EXPECT_EQ(store.SaveOutcome(closed, judged).code(), StatusCode::kNotFound);
  EXPECT_FALSE((*store.GetResult(*b)).has_value());
  EXPECT_TRUE(store.ListContributions(999)->empty());
}

TYPED_TEST(SignalStoreContractTest, ContributionsForMissingSignalsAreNotFound) {
  SqlSignalStore store(*this->db_);
  auto a = store.AddSignal(MakeSignal("BTCUSDT", kT0));
  ASSERT_TRUE(a.ok());
  std::vector<TheoryContribution> contributions = {{*a, "x", 1.0, std::nullopt, kT0},
                                                   {*a + 100, "y", 1.0, std::nullopt, kT0}};
  EXPECT_EQ(store.AddContributions(contributions).code(), StatusCode::kNotFound);
  EXPECT_TRUE(store.ListContributions(*a)->empty());  // all or nothing
  SignalResult missing;
  missing.signal_id = *a + 100;
  EXPECT_EQ(store.SaveOutcome(missing, {}).code(), StatusCode::kNotFound);
}

TYPED_TEST(SignalStoreContractTest, SchemaRejectsBadEnumValuesDirectly) {
  // The CHECK constraints hold even for writers that bypass the repository.
  auto bad = this->db_->Execute(
      "INSERT INTO signals (symbol, exchange, timeframe, direction, entry_price, stop_loss, "
      "take_profit, source, source_kind, status, created_at) "
      "VALUES ('X', 'b', '1m', 'sideways', 1, 1, 1, 'manual', 'manual', 'pending', 0)");
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument) << bad.status();
}

}  // namespace
}  // namespace pulse::testing
