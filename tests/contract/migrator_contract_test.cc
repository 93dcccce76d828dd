// Contract of the Migrator: status numbers, idempotence, failure isolation, newer databases.
#include <gtest/gtest.h>

#include <regex>
#include <tuple>

#include <fmt/format.h>

#include "adapters/storage/builtin_migrations.h"
#include "core/clock.h"
#include "storage_backends.h"

namespace pulse::testing {
namespace {

using storage::Migration;
using storage::MigrationStatus;
using storage::Migrator;

constexpr UnixNanos kApplyTime = FromSeconds(1'790'000'000);  // 2026-09-21T...

template <typename Backend>
class MigratorContractTest : public StorageContractTest<Backend> {
 protected:
  MigratorContractTest() { this->migrate_ = false; }
  // Applies the built-in migrations older than `version`; true when they all applied.
  bool MigrateBefore(int version) {
    std::vector<Migration> older;
    for (const Migration& m : storage::BuiltinMigrations(this->db_->dialect())) {
      if (m.version < version) older.push_back(m);
    }
    const Status st = Migrator(*this->db_, older, clock_).Migrate();
    EXPECT_TRUE(st.ok()) << st;
    return st.ok();
  }
  SimulatedClock clock_{kApplyTime};
};
TYPED_TEST_SUITE(MigratorContractTest, StorageBackends, BackendName);

const std::vector<std::string> kTables = {"ohlcv",
                                          "signals",
                                          "signal_results",
                                          "theory_performance",
                                          "trades",
                                          "positions",
                                          "performance_snapshots",
                                          "alerts",
                                          "controller_status",
                                          "health_checks"};

TYPED_TEST(MigratorContractTest, FreshDatabaseIsMigratedToLatest) {
  Migrator migrator(*this->db_, this->clock_);
  const std::vector<Migration> builtin = storage::BuiltinMigrations(this->db_->dialect());
  ASSERT_FALSE(builtin.empty());
  EXPECT_EQ(builtin.front().version, 1);
  EXPECT_EQ(builtin.front().name, "0001_initial");
  const int latest = builtin.back().version;

  auto before = migrator.GetStatus();
  ASSERT_TRUE(before.ok()) << before.status();
  EXPECT_EQ(before->current_version, 0);
  EXPECT_EQ(before->latest_version, latest);
  EXPECT_TRUE(before->applied.empty());
  EXPECT_EQ(before->pending.size(), builtin.size());
  EXPECT_FALSE(before->database_is_newer());

  Status migrated = migrator.Migrate();
  ASSERT_TRUE(migrated.ok()) << migrated;
  auto after = migrator.GetStatus();
  ASSERT_TRUE(after.ok()) << after.status();
  EXPECT_EQ(after->current_version, latest);
  EXPECT_TRUE(after->pending.empty());
  ASSERT_EQ(after->applied.size(), builtin.size());
  EXPECT_EQ(after->applied[0].version, 1);
  EXPECT_EQ(after->applied[0].name, "0001_initial");
  EXPECT_EQ(after->applied[0].applied_at, kApplyTime);

  for (const std::string& table : kTables) {
    EXPECT_EQ(this->ScalarInt("SELECT count(*) FROM " + table), 0) << table;
  }
  EXPECT_EQ(this->ScalarInt("SELECT count(*) FROM schema_migrations"),
            static_cast<std::int64_t>(builtin.size()));
}

TYPED_TEST(MigratorContractTest, MigrateTwiceChangesNothing) {
  ASSERT_TRUE(Migrator(*this->db_, this->clock_).Migrate().ok());
  this->clock_.Advance(kNanosPerHour);
  Migrator again(*this->db_, this->clock_);
  ASSERT_TRUE(again.Migrate().ok());
  auto status = again.GetStatus();
  ASSERT_TRUE(status.ok());
  ASSERT_EQ(status->applied.size(), storage::BuiltinMigrations(this->db_->dialect()).size());
  EXPECT_EQ(status->applied[0].applied_at, kApplyTime);  // not re-applied
}

TYPED_TEST(MigratorContractTest, AppliesOnlyPendingMigrationsInOrder) {
  std::vector<Migration> first = {{1, "0001_a", "CREATE TABLE a (x INTEGER);"}};
  ASSERT_TRUE(Migrator(*this->db_, first, this->clock_).Migrate().ok());
  this->clock_.Advance(kNanosPerMinute);
  std::vector<Migration> more = {
      {3, "0003_c", "INSERT INTO b (y) VALUES (2);"},  // out of order on purpose
      {1, "0001_a", "CREATE TABLE a (x INTEGER);"},
      {2, "0002_b", "CREATE TABLE b (y INTEGER); INSERT INTO b (y) VALUES (1);"}};
  Migrator migrator(*this->db_, more, this->clock_);
  auto pending = migrator.GetStatus();
  ASSERT_TRUE(pending.ok());
  EXPECT_EQ(pending->current_version, 1);
  EXPECT_EQ(pending->latest_version, 3);
  ASSERT_EQ(pending->pending.size(), 2u);
  EXPECT_EQ(pending->pending[0].version, 2);
  EXPECT_EQ(pending->pending[1].version, 3);

  ASSERT_TRUE(migrator.Migrate().ok());
  auto done = migrator.GetStatus();
  ASSERT_TRUE(done.ok());
  EXPECT_EQ(done->current_version, 3);
  ASSERT_EQ(done->applied.size(), 3u);
  EXPECT_EQ(done->applied[0].applied_at, kApplyTime);
  EXPECT_EQ(done->applied[1].applied_at, kApplyTime + kNanosPerMinute);
  EXPECT_EQ(done->applied[2].name, "0003_c");
  EXPECT_EQ(this->ScalarInt("SELECT count(*) FROM b"), 2);
}

TYPED_TEST(MigratorContractTest, FailedMigrationLeavesNoTraceAndStops) {
  std::vector<Migration> list = {
      {1, "0001_ok", "CREATE TABLE ok (x INTEGER);"},
      {2, "0002_bad", "CREATE TABLE half (x INTEGER); INSERT INTO no_such_table VALUES (1);"},
      {3, "0003_never", "CREATE TABLE never (x INTEGER);"}};
  Migrator migrator(*this->db_, list, this->clock_);
  Status st = migrator.Migrate();
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("0002_bad"), std::string::npos) << st;
  auto status = migrator.GetStatus();
  ASSERT_TRUE(status.ok());
  EXPECT_EQ(status->current_version, 1);
  ASSERT_EQ(status->pending.size(), 2u);
  EXPECT_EQ(status->pending[0].name, "0002_bad");
  EXPECT_EQ(this->ScalarInt("SELECT count(*) FROM ok"), 0);
  EXPECT_FALSE(this->db_->Query("SELECT count(*) FROM half").ok());  // rolled back
  EXPECT_FALSE(this->db_->Query("SELECT count(*) FROM never").ok());
}

TYPED_TEST(MigratorContractTest, NewerDatabaseIsAFailedPrecondition) {
  ASSERT_TRUE(Migrator(*this->db_, this->clock_).Migrate().ok());
  ASSERT_TRUE(
      this->db_
          ->Execute("INSERT INTO schema_migrations (version, name, applied_at) "
                    "VALUES (?, ?, ?)",
                    {storage::SqlValue(std::int64_t{9999}), storage::SqlValue("9999_future"),
                     storage::SqlValue("2030-01-01T00:00:00Z")})
          .ok());
  Migrator migrator(*this->db_, this->clock_);
  Status st = migrator.Migrate();
  EXPECT_EQ(st.code(), StatusCode::kFailedPrecondition) << st;
  EXPECT_NE(st.message().find("schema version 9999"), std::string::npos) << st;
  auto status = migrator.GetStatus();
  ASSERT_TRUE(status.ok());
  EXPECT_TRUE(status->database_is_newer());
  EXPECT_EQ(status->current_version, 9999);
  EXPECT_EQ(status->applied.back().applied_at, *ParseIso8601("2030-01-01T00:00:00Z"));
}

TYPED_TEST(MigratorContractTest, RejectsDuplicateVersions) {
  std::vector<Migration> list = {{1, "0001_a", "SELECT 1;"}, {1, "0001_b", "SELECT 1;"}};
  Status st = Migrator(*this->db_, list, this->clock_).Migrate();
  EXPECT_EQ(st.code(), StatusCode::kInvalidArgument) << st;
  EXPECT_NE(st.message().find("share version 1"), std::string::npos) << st;
}

TYPED_TEST(MigratorContractTest, TwoConnectionsMigratingAppliesEachVersionOnce) {
  auto other = this->OpenAnother();
  ASSERT_NE(other, nullptr);
  ASSERT_TRUE(Migrator(*this->db_, this->clock_).Migrate().ok());
  ASSERT_TRUE(Migrator(*other, this->clock_).Migrate().ok());
  EXPECT_EQ(this->ScalarInt("SELECT count(*) FROM schema_migrations"),
            static_cast<std::int64_t>(storage::BuiltinMigrations(this->db_->dialect()).size()));
}

// Migration 0007 rewrites SQLite's CHECK lists as comparisons (and drops an unused index on
// both backends): rows stored before it stay, bad values are still refused on the connection
// that migrated and on a new one, and on SQLite no insert builds a temporary list any more.
TYPED_TEST(MigratorContractTest, ConstraintRewriteKeepsRowsAndStillRefusesBadValues) {
  const std::vector<Migration> builtin = storage::BuiltinMigrations(this->db_->dialect());
  ASSERT_TRUE(this->MigrateBefore(7));
  const std::string insert_signal =
      "INSERT INTO signals (symbol, exchange, timeframe, direction, entry_price, stop_loss, "
      "take_profit, source, source_kind, status, created_at, classification) VALUES ('BTCUSDT', "
      "'binance', '5m', 'long', 100, 95, 110, 'model:m', {}, {}, 7, {})";
  ASSERT_TRUE(
      this->db_->Execute(fmt::format(fmt::runtime(insert_signal), "'model'", "'open'", "'buy'"))
          .ok());
  ASSERT_TRUE(this->db_
                  ->Execute("INSERT INTO signal_results (signal_id, entry_price, entry_timestamp, "
                            "outcome, created_at, updated_at) VALUES (1, 100, 7, 'win', 8, 8)")
                  .ok());
  ASSERT_TRUE(Migrator(*this->db_, builtin, this->clock_).Migrate().ok());

  EXPECT_EQ(this->ScalarInt("SELECT count(*) FROM signals WHERE status = 'open' AND "
                            "source_kind = 'model' AND classification = 'buy'"),
            1);
  EXPECT_EQ(this->ScalarInt("SELECT count(*) FROM signal_results WHERE outcome = 'win'"), 1);
  auto other = this->OpenAnother();
  ASSERT_NE(other, nullptr);
  for (storage::SqlDatabase* db : {this->db_.get(), other.get()}) {
    for (const auto& [kind, status, classification] :
         {std::tuple{"'robot'", "'open'", "'buy'"}, std::tuple{"'model'", "'halfway'", "'buy'"},
          std::tuple{"'model'", "'open'", "'maybe'"}}) {
      auto bad =
          db->Execute(fmt::format(fmt::runtime(insert_signal), kind, status, classification));
      EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument)
          << kind << " " << status << " " << classification << ": " << bad.status();
    }
    auto bad_outcome = db->Execute(
        "INSERT INTO signal_results (signal_id, entry_price, entry_timestamp, outcome, "
        "created_at, updated_at) VALUES (1, 100, 7, 'draw', 9, 9) ON CONFLICT (signal_id) DO "
        "UPDATE SET outcome = excluded.outcome");
    EXPECT_EQ(bad_outcome.status().code(), StatusCode::kInvalidArgument) << bad_outcome.status();
    auto bad_state = db->Execute(
        "INSERT INTO controller_status (changed_at, state, reasons) VALUES (1, 'amber', '[]')");
    EXPECT_EQ(bad_state.status().code(), StatusCode::kInvalidArgument) << bad_state.status();
    // Values inside the lists are still accepted.
    EXPECT_TRUE(
        db->Execute(fmt::format(fmt::runtime(insert_signal), "'ensemble'", "'rejected'", "NULL"))
            .ok());
  }
  EXPECT_EQ(this->ScalarInt("SELECT count(*) FROM signal_results WHERE outcome = 'win'"), 1);
  if (this->db_->dialect() == storage::SqlDialect::kSqlite) {
    auto tables = this->db_->Query("SELECT name, sql FROM sqlite_schema WHERE type = 'table'");
    ASSERT_TRUE(tables.ok()) << tables.status();
    const std::regex long_list(R"(IN \('[^']*', '[^']*', '[^']*')");
    for (const storage::SqlRow& table : *tables) {
      EXPECT_FALSE(std::regex_search(table.GetString(1).value_or(""), long_list))
          << table.GetString(0).value_or("");
    }
    auto check = this->db_->Query("PRAGMA integrity_check");
    ASSERT_TRUE(check.ok()) << check.status();
    EXPECT_EQ(check->at(0).GetString(0).value_or(""), "ok");
    auto plan = this->db_->Query(
        fmt::format(fmt::runtime("EXPLAIN " + insert_signal), "'model'", "'open'", "'buy'"));
    ASSERT_TRUE(plan.ok()) << plan.status();
    for (const storage::SqlRow& op : *plan)
      EXPECT_NE(op.GetString(1).value_or(""), "OpenEphemeral");
  }
}

// Migration 0008 drops theory_performance (theory_name, created_at), which no query used:
// the rows stay, and the contributions are still read through the signal_id index.
TYPED_TEST(MigratorContractTest, ContributionTheoryIndexIsDroppedAndRowsStay) {
  const std::vector<Migration> builtin = storage::BuiltinMigrations(this->db_->dialect());
  ASSERT_TRUE(this->MigrateBefore(8));
  ASSERT_TRUE(this->db_
                  ->Execute("INSERT INTO signals (symbol, exchange, timeframe, direction, "
                            "entry_price, stop_loss, take_profit, source, source_kind, status, "
                            "created_at) VALUES ('BTCUSDT', 'binance', '5m', 'long', 100, 95, "
                            "110, 'ensemble', 'ensemble', 'rejected', 7)")
                  .ok());
  ASSERT_TRUE(this->db_
                  ->Execute("INSERT INTO theory_performance (theory_name, signal_id, "
                            "contribution_score, was_correct, source_kind, created_at) VALUES "
                            "('theory:macd', 1, 0.5, 1, 'theory', 7), ('theory:adx', 1, 0.25, "
                            "NULL, 'theory', 7)")
                  .ok());
  const std::string indexes =
      this->db_->dialect() == storage::SqlDialect::kSqlite
          ? "SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND name = "
            "'theory_performance_theory'"
          : "SELECT count(*) FROM pg_indexes WHERE indexname = 'theory_performance_theory'";
  EXPECT_EQ(this->ScalarInt(indexes), 1);
  ASSERT_TRUE(Migrator(*this->db_, builtin, this->clock_).Migrate().ok());
  EXPECT_EQ(this->ScalarInt(indexes), 0);
  EXPECT_EQ(this->ScalarInt("SELECT count(*) FROM theory_performance WHERE signal_id = 1"), 2);
  EXPECT_EQ(this->ScalarInt("SELECT count(*) FROM theory_performance WHERE was_correct = 1 AND "
                            "theory_name = 'theory:macd'"),
            1);
  if (this->db_->dialect() == storage::SqlDialect::kSqlite) {
    auto plan = this->db_->Query(
        "EXPLAIN QUERY PLAN SELECT theory_name FROM theory_performance WHERE signal_id = 1");
    ASSERT_TRUE(plan.ok()) << plan.status();
    ASSERT_FALSE(plan->empty());
    EXPECT_NE(plan->back().GetString(3).value_or("").find("theory_performance_signal"),
              std::string::npos)
        << plan->back().GetString(3).value_or("");
  }
}

}  // namespace
}  // namespace pulse::testing
