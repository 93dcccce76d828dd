// SqlSignalStoreOptions::defer_shadows: the same writes with and without it leave the same
// rows, ids included, on every backend (PostgreSQL ignores the option), through commits, reads
// inside the transaction, a rollback and shadows resolved in a later transaction.
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "adapters/storage/sql_signal_store.h"
#include "storage_backends.h"

namespace pulse::testing {
namespace {

using storage::SqlDatabase;
using storage::SqlSignalStore;
using storage::SqlSignalStoreOptions;

constexpr UnixNanos kT0 = FromSeconds(1'700'000'000);

Signal Candidate(std::string symbol, UnixNanos at, SignalStatus status) {
  Signal s;
  s.symbol = std::move(symbol);
  s.exchange = "binance";
  s.timeframe = "5m";
  s.direction = Direction::kLong;
  s.entry_price = 100.25;
  s.stop_loss = 99.5;
  s.take_profit = 102.125;
  s.confidence = 0.75;
  s.size = 1.5;
  s.source = "ensemble";
  s.status = status;
  s.created_at = at;
  s.notes = "macd crossed; 'quoted'";
  s.gate_checks = {{"volume", 0.5, 2.0, false, "volume 0.50x < 2.00x"}};
  return s;
}

std::vector<TheoryContribution> Contributions(std::vector<std::string> names, UnixNanos at) {
  std::vector<TheoryContribution> out;
  double score = 0.125;
  for (std::string& name : names) {
    TheoryContribution c;
    c.theory_name = std::move(name);
    c.contribution_score = score;
    c.created_at = at;
    score += 0.25;
    out.push_back(std::move(c));
  }
  return out;
}

SignalResult Closed(SignalId id, UnixNanos at, Outcome outcome) {
  SignalResult r;
  r.signal_id = id;
  r.entry_price = 100.25;
  r.entry_time = at - FromSeconds(600);
  r.exit_price = outcome == Outcome::kWin ? 102.125 : 99.5;
  r.exit_time = at;
  r.pnl_percent = outcome == Outcome::kWin ? 1.87 : -0.75;
  r.pnl_percent_net = outcome == Outcome::kWin ? 1.67 : -0.95;
  r.outcome = outcome;
  r.exit_reason = outcome == Outcome::kWin ? "take_profit" : "stop_loss";
  r.hold_minutes = 10;
  r.updated_at = at;
  return r;
}

TheoryContribution Verdict(std::string name, bool correct) {
  TheoryContribution v;
  v.theory_name = std::move(name);
  v.was_correct = correct;
  return v;
}

// Every row of the three tables, in id order, as text.
std::vector<std::string> Rows(SqlDatabase& db) {
  std::vector<std::string> out;
  for (const char* sql :
       {"SELECT id, symbol, status, created_at, gate_checks, rejection_reasons FROM signals "
        "ORDER BY id",
        "SELECT id, signal_id, outcome, exit_timestamp, exit_reason, created_at, updated_at "
        "FROM signal_results ORDER BY id",
        "SELECT id, signal_id, theory_name, contribution_score, was_correct FROM "
        "theory_performance ORDER BY id"}) {
    auto rows = db.Query(sql);
    EXPECT_TRUE(rows.ok()) << rows.status();
    if (!rows.ok()) continue;
    for (const storage::SqlRow& row : *rows) {
      std::string line = sql;
      line.resize(12);
      for (const storage::SqlValue& v : row.values()) line += " | " + storage::SqlValueToString(v);
      out.push_back(std::move(line));
    }
  }
  return out;
}

template <typename Backend>
class DeferredShadowsContractTest : public StorageContractTest<Backend> {
 protected:
  // A rejected candidate with one contribution, from `theory`.
  static Result<SignalId> AddShadow(SqlSignalStore& store, std::string symbol, UnixNanos at,
                                    std::string theory) {
    ASSIGN_OR_RETURN(
        std::vector<SignalId> ids,
        store.AddSignalsWithContributions(
            std::vector<Signal>{Candidate(std::move(symbol), at, SignalStatus::kRejected)},
            std::vector<std::vector<TheoryContribution>>{Contributions({std::move(theory)}, at)}));
    return ids.at(0);
  }

  // Another fresh database of the same backend, migrated (kept until the test ends); nullptr,
  // with a failure, when it cannot be made.
  SqlDatabase* AnotherDatabase() {
    auto fresh = Backend::Create();
    if (!fresh.ok()) {
      ADD_FAILURE() << fresh.status();
      return nullptr;
    }
    auto opened = storage::OpenDatabase((*fresh)->url());
    if (!opened.ok()) {
      ADD_FAILURE() << opened.status();
      return nullptr;
    }
    if (Status migrated = storage::Migrator(**opened).Migrate(); !migrated.ok()) {
      ADD_FAILURE() << migrated;
      return nullptr;
    }
    others_.push_back(std::move(fresh).value());
    databases_.push_back(std::move(opened).value());
    return databases_.back().get();
  }

  // The same writes through `store` on `db`: four transactions, the third rolled back.
  void Play(SqlDatabase& db, SqlSignalStore& store) {
    SignalId a = 0, b = 0, c = 0, d = 0;
    Status first = db.InTransaction([&](SqlDatabase&) -> Status {
      ASSIGN_OR_RETURN(std::vector<SignalId> ids,
                       store.AddSignalsWithContributions(
                           std::vector<Signal>{Candidate("AAA", kT0, SignalStatus::kRejected),
                                               Candidate("BBB", kT0, SignalStatus::kPending),
                                               Candidate("CCC", kT0, SignalStatus::kRejected)},
                           std::vector<std::vector<TheoryContribution>>{
                               Contributions({"theory:macd", "theory:adx"}, kT0),
                               Contributions({"theory:rsi"}, kT0),
                               Contributions({"theory:macd", "theory:adx", "model:xgb"}, kT0)}));
      a = ids[0];
      b = ids[1];
      c = ids[2];
      RETURN_IF_ERROR(store.SaveResult(Closed(b, kT0 + FromSeconds(300), Outcome::kOpen)));
      // A shadow resolved before the commit; a name listed twice keeps its last verdict.
      RETURN_IF_ERROR(
          store.SaveOutcome(Closed(a, kT0 + FromSeconds(600), Outcome::kLoss),
                            std::vector<TheoryContribution>{Verdict("theory:macd", true),
                                                            Verdict("theory:adx", false),
                                                            Verdict("theory:macd", false)}));
      return store.SaveOutcome(Closed(b, kT0 + FromSeconds(900), Outcome::kWin),
                               std::vector<TheoryContribution>{Verdict("theory:rsi", true)});
    });
    ASSERT_TRUE(first.ok()) << first;
    ASSERT_TRUE(a > 0 && c > 0);

    Status second = db.InTransaction([&](SqlDatabase&) -> Status {
      ASSIGN_OR_RETURN(
          d, store.AddSignal(Candidate("DDD", kT0 + FromSeconds(1200), SignalStatus::kRejected)));
      // C was written at the last commit; its result now takes the next id.
      RETURN_IF_ERROR(
          store.SaveOutcome(Closed(c, kT0 + FromSeconds(1500), Outcome::kWin),
                            std::vector<TheoryContribution>{Verdict("model:xgb", true),
                                                            Verdict("theory:adx", true)}));
      RETURN_IF_ERROR(store.SaveResult(Closed(d, kT0 + FromSeconds(1800), Outcome::kLoss)));
      // Reads inside the transaction see the held rows.
      ASSIGN_OR_RETURN(std::optional<SignalResult> seen, store.GetResult(d));
      EXPECT_TRUE(seen.has_value());
      if (seen) {
        EXPECT_EQ(seen->exit_reason, "stop_loss");
      }
      ASSIGN_OR_RETURN(std::vector<Signal> all, store.ListSignals({}));
      EXPECT_EQ(all.size(), 4u);
      ASSIGN_OR_RETURN(SignalId e, AddShadow(store, "EEE", kT0 + FromSeconds(2100), "theory:sma"));
      return store.SaveOutcome(Closed(e, kT0 + FromSeconds(2400), Outcome::kWin),
                               std::vector<TheoryContribution>{Verdict("theory:sma", true)});
    });
    ASSERT_TRUE(second.ok()) << second;

    Status rolled_back = db.InTransaction([&](SqlDatabase&) -> Status {
      ASSIGN_OR_RETURN(SignalId f, store.AddSignal(Candidate("FFF", kT0 + FromSeconds(2700),
                                                             SignalStatus::kRejected)));
      RETURN_IF_ERROR(store.SaveResult(Closed(f, kT0 + FromSeconds(3000), Outcome::kWin)));
      // A name the shadow has no contribution from: NotFound, which dooms the transaction.
      Status unknown = store.SaveOutcome(Closed(f, kT0 + FromSeconds(3000), Outcome::kWin),
                                         std::vector<TheoryContribution>{Verdict("nope", true)});
      EXPECT_EQ(unknown.code(), StatusCode::kNotFound) << unknown;
      return Status::Ok();
    });
    ASSERT_EQ(rolled_back.code(), StatusCode::kNotFound) << rolled_back;
    // Outside a transaction nothing is held: the write is its own transaction.
    Result<SignalId> alone =
        store.AddSignal(Candidate("HHH", kT0 + FromSeconds(3000), SignalStatus::kRejected));
    ASSERT_TRUE(alone.ok()) << alone.status();
    Result<std::optional<SignalResult>> none = store.GetResult(*alone);
    ASSERT_TRUE(none.ok()) << none.status();
    EXPECT_FALSE(none->has_value());

    Status fourth = db.InTransaction([&](SqlDatabase&) -> Status {
      ASSIGN_OR_RETURN(SignalId g, AddShadow(store, "GGG", kT0 + FromSeconds(3300), "theory:bb"));
      // Contributions with ids the database assigns: the held rows go first.
      return store.AddContributions(std::vector<TheoryContribution>{[&] {
        TheoryContribution late = Contributions({"theory:late"}, kT0 + FromSeconds(3300))[0];
        late.signal_id = g;
        return late;
      }()});
    });
    ASSERT_TRUE(fourth.ok()) << fourth;
  }

 private:
  std::vector<std::unique_ptr<FreshDatabase>> others_;
  std::vector<std::unique_ptr<SqlDatabase>> databases_;  // destroyed first
};
TYPED_TEST_SUITE(DeferredShadowsContractTest, StorageBackends, BackendName);

TYPED_TEST(DeferredShadowsContractTest, DeferredWritesLeaveTheRowsOfWritesOneAtATime) {
  SqlDatabase* plain_db = this->AnotherDatabase();
  SqlDatabase* capped_db = this->AnotherDatabase();
  ASSERT_NE(plain_db, nullptr);
  ASSERT_NE(capped_db, nullptr);
  SqlSignalStore plain(*plain_db);
  this->Play(*plain_db, plain);
  SqlSignalStore deferred(*this->db_, SqlSignalStoreOptions{.defer_shadows = true});
  this->Play(*this->db_, deferred);
  // Holding at most one: every shadow is written as soon as it is made.
  SqlSignalStore capped(*capped_db,
                        SqlSignalStoreOptions{.defer_shadows = true, .max_held_shadows = 1});
  this->Play(*capped_db, capped);

  const std::vector<std::string> want = Rows(*plain_db);
  EXPECT_EQ(Rows(*capped_db), want);
  ASSERT_EQ(want.size(), 7u + 4u + 10u);  // signals, results, contributions
  EXPECT_EQ(Rows(*this->db_), want);
  // SQLite gives the rolled-back shadow's id to the next one; a PostgreSQL sequence does not.
  const bool sqlite = this->db_->dialect() == storage::SqlDialect::kSqlite;
  EXPECT_EQ(this->ScalarInt("SELECT id FROM signals WHERE symbol = 'HHH'"), sqlite ? 6 : 7);
  EXPECT_EQ(this->ScalarInt("SELECT id FROM signals WHERE symbol = 'GGG'"), sqlite ? 7 : 8);
  EXPECT_EQ(this->ScalarInt("SELECT count(*) FROM signals WHERE symbol = 'FFF'"), 0);
}

TYPED_TEST(DeferredShadowsContractTest, HeldRowsRefuseWritesInsideASavepoint) {
  SqlSignalStore store(*this->db_, SqlSignalStoreOptions{.defer_shadows = true});
  const bool defers = this->db_->dialect() == storage::SqlDialect::kSqlite;
  Status st = this->db_->InTransaction([&](SqlDatabase& db) -> Status {
    RETURN_IF_ERROR(store.AddSignal(Candidate("AAA", kT0, SignalStatus::kRejected)).status());
    Status inner = db.InTransaction([&](SqlDatabase&) {
      return store.AddSignal(Candidate("BBB", kT0, SignalStatus::kRejected)).status();
    });
    EXPECT_EQ(inner.code(), defers ? StatusCode::kFailedPrecondition : StatusCode::kOk) << inner;
    return Status::Ok();
  });
  ASSERT_TRUE(st.ok()) << st;
  // The held row was written at the commit.
  EXPECT_EQ(this->ScalarInt("SELECT count(*) FROM signals WHERE symbol = 'AAA'"), 1);
}

}  // namespace
}  // namespace pulse::testing
