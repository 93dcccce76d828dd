// Contract of the SQL port itself: values, errors, transactions, bulk upsert, on every backend.
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "storage_backends.h"

namespace pulse::testing {
namespace {

using storage::BulkUpsertSpec;
using storage::SqlDatabase;
using storage::SqlRow;
using storage::SqlRows;
using storage::SqlValue;

template <typename Backend>
class SqlDatabaseContractTest : public StorageContractTest<Backend> {
 protected:
  void SetUp() override {
    StorageContractTest<Backend>::SetUp();
    if (::testing::Test::HasFatalFailure()) return;
    Status made = this->db_->ExecuteScript(
        "CREATE TABLE rt (k BIGINT PRIMARY KEY, i BIGINT, d DOUBLE PRECISION, s TEXT);"
        "CREATE TABLE child (id BIGINT PRIMARY KEY, rt_k BIGINT REFERENCES rt (k),"
        " positive BIGINT CHECK (positive > 0), required TEXT NOT NULL);");
    ASSERT_TRUE(made.ok()) << made;
  }
};
TYPED_TEST_SUITE(SqlDatabaseContractTest, StorageBackends, BackendName);

TYPED_TEST(SqlDatabaseContractTest, ValuesRoundTripExactly) {
  SqlDatabase& db = *this->db_;
  const std::vector<std::vector<SqlValue>> rows = {
      {SqlValue(std::int64_t{1}), SqlValue(std::numeric_limits<std::int64_t>::max()), SqlValue(0.1),
       SqlValue("plain")},
      {SqlValue(std::int64_t{2}), SqlValue(std::numeric_limits<std::int64_t>::min()),
       SqlValue(-2.5e300), SqlValue("quote ' and ? and \"x\" and ünïcødé ₿")},
      {SqlValue(std::int64_t{3}), SqlValue(), SqlValue(), SqlValue()},
      {SqlValue(std::int64_t{4}), SqlValue(std::int64_t{0}), SqlValue(4.9e-324), SqlValue("")},
      {SqlValue(std::int64_t{5}), SqlValue(std::int64_t{-1}), SqlValue(123456789.12345679),
       SqlValue(std::string(10000, 'x'))},
  };
  for (const auto& row : rows) {
    auto inserted = db.Execute("INSERT INTO rt (k, i, d, s) VALUES (?, ?, ?, ?)", row);
    ASSERT_TRUE(inserted.ok()) << inserted.status();
    EXPECT_EQ(*inserted, 1);
  }
  auto got = db.Query("SELECT k, i, d, s FROM rt ORDER BY k");
  ASSERT_TRUE(got.ok()) << got.status();
  ASSERT_EQ(got->size(), rows.size());
  for (std::size_t r = 0; r < rows.size(); ++r) {
    EXPECT_EQ(got->at(r), SqlRow(rows[r])) << "row " << r;
  }
}

TYPED_TEST(SqlDatabaseContractTest, NonFiniteDoublesRoundTrip) {
  SqlDatabase& db = *this->db_;
  const double inf = std::numeric_limits<double>::infinity();
  ASSERT_TRUE(
      db.Execute("INSERT INTO rt (k, d) VALUES (1, ?), (2, ?)", {SqlValue(inf), SqlValue(-inf)})
          .ok());
  auto got = db.Query("SELECT d FROM rt ORDER BY k");
  ASSERT_TRUE(got.ok()) << got.status();
  EXPECT_EQ(*got->at(0).GetDouble(0), inf);
  EXPECT_EQ(*got->at(1).GetDouble(0), -inf);
}

TYPED_TEST(SqlDatabaseContractTest, ExecuteCountsAffectedRows) {
  SqlDatabase& db = *this->db_;
  ASSERT_TRUE(db.ExecuteScript("INSERT INTO rt (k, i) VALUES (1, 10), (2, 20), (3, 30);").ok());
  auto updated =
      db.Execute("UPDATE rt SET s = ? WHERE i >= ?", {SqlValue("big"), SqlValue(std::int64_t{20})});
  ASSERT_TRUE(updated.ok()) << updated.status();
  EXPECT_EQ(*updated, 2);
  auto none = db.Execute("DELETE FROM rt WHERE k = ?", {SqlValue(std::int64_t{99})});
  ASSERT_TRUE(none.ok());
  EXPECT_EQ(*none, 0);
  auto literal = db.Query("SELECT '?', ? FROM rt WHERE k = 1", {SqlValue("param")});
  ASSERT_TRUE(literal.ok()) << literal.status();
  EXPECT_EQ(*literal->at(0).GetString(0), "?");
  EXPECT_EQ(*literal->at(0).GetString(1), "param");
}

TYPED_TEST(SqlDatabaseContractTest, InsertsReturnTheIdsTheDatabaseAssigned) {
  SqlDatabase& db = *this->db_;
  ASSERT_TRUE(
      db.ExecuteScript(db.dialect() == storage::SqlDialect::kSqlite
                           ? "CREATE TABLE auto (id INTEGER PRIMARY KEY AUTOINCREMENT, "
                             "v TEXT NOT NULL);"
                           : "CREATE TABLE auto (id BIGSERIAL PRIMARY KEY, v TEXT NOT NULL);")
          .ok());
  auto one = db.InsertReturningId("INSERT INTO auto (v) VALUES (?)", {SqlValue("first")});
  ASSERT_TRUE(one.ok()) << one.status();
  std::int64_t ids[3] = {0, 0, 0};
  const SqlValue values[] = {SqlValue("a"), SqlValue("b"), SqlValue("c")};
  Status three = db.InsertReturningIds("INSERT INTO auto (v) VALUES (?), (?), (?)", values, 3, ids);
  ASSERT_TRUE(three.ok()) << three;
  auto stored = db.Query("SELECT id, v FROM auto ORDER BY id");
  ASSERT_TRUE(stored.ok()) << stored.status();
  ASSERT_EQ(stored->size(), 4u);
  EXPECT_EQ(*stored->at(0).GetInt64(0), *one);
  const char* names[] = {"a", "b", "c"};
  for (int r = 0; r < 3; ++r) {
    EXPECT_EQ(*stored->at(r + 1).GetInt64(0), ids[r]) << r;
    EXPECT_EQ(*stored->at(r + 1).GetString(1), names[r]) << r;
  }
  EXPECT_GT(ids[0], *one);
  // Fewer rows than announced: kInternal naming both counts.
  const SqlValue first[] = {SqlValue("first")};
  Status short_insert =
      db.InsertReturningIds("INSERT INTO auto (v) SELECT v FROM auto WHERE v = ?", first, 2, ids);
  EXPECT_EQ(short_insert.code(), StatusCode::kInternal) << short_insert;
  EXPECT_NE(short_insert.message().find("expected 2 inserted row(s), got 1"), std::string::npos)
      << short_insert;
}

TYPED_TEST(SqlDatabaseContractTest, ErrorsMapToStatusCodes) {
  SqlDatabase& db = *this->db_;
  ASSERT_TRUE(db.Execute("INSERT INTO rt (k) VALUES (1)").ok());

  auto duplicate = db.Execute("INSERT INTO rt (k) VALUES (?)", {SqlValue(std::int64_t{1})});
  EXPECT_EQ(duplicate.status().code(), StatusCode::kAlreadyExists) << duplicate.status();

  auto check = db.Execute("INSERT INTO child (id, positive, required) VALUES (1, -5, 'x')");
  EXPECT_EQ(check.status().code(), StatusCode::kInvalidArgument) << check.status();

  auto not_null = db.Execute("INSERT INTO child (id, required) VALUES (1, ?)", {SqlValue()});
  EXPECT_EQ(not_null.status().code(), StatusCode::kInvalidArgument) << not_null.status();

  auto foreign = db.Execute("INSERT INTO child (id, rt_k, required) VALUES (1, 42, 'x')");
  EXPECT_EQ(foreign.status().code(), StatusCode::kFailedPrecondition) << foreign.status();

  auto missing = db.Query("SELECT * FROM no_such_table");
  EXPECT_EQ(missing.status().code(), StatusCode::kFailedPrecondition) << missing.status();

  auto arity = db.Query("SELECT k FROM rt WHERE k = ? AND i = ?", {SqlValue(std::int64_t{1})});
  EXPECT_EQ(arity.status().code(), StatusCode::kInvalidArgument) << arity.status();
  EXPECT_NE(arity.status().message().find("2 placeholders but 1 parameters"), std::string::npos);

  // The connection still works after all those errors.
  EXPECT_EQ(this->ScalarInt("SELECT count(*) FROM rt"), 1);
}

TYPED_TEST(SqlDatabaseContractTest, TransactionCommitsOnOkAndRollsBackOtherwise) {
  SqlDatabase& db = *this->db_;
  Status failed = db.InTransaction([](SqlDatabase& tx) -> Status {
    EXPECT_TRUE(tx.in_transaction());
    RETURN_IF_ERROR(tx.Execute("INSERT INTO rt (k) VALUES (1)").status());
    RETURN_IF_ERROR(tx.Execute("INSERT INTO rt (k) VALUES (2)").status());
    return Status(StatusCode::kAborted, "changed my mind");
  });
  EXPECT_EQ(failed, Status(StatusCode::kAborted, "changed my mind"));
  EXPECT_FALSE(db.in_transaction());
  EXPECT_EQ(this->ScalarInt("SELECT count(*) FROM rt"), 0);

  Status thrown = db.InTransaction([](SqlDatabase& tx) -> Status {
    (void)tx.Execute("INSERT INTO rt (k) VALUES (3)");
    throw std::runtime_error("boom");
  });
  EXPECT_EQ(thrown.code(), StatusCode::kInternal);
  EXPECT_NE(thrown.message().find("boom"), std::string::npos);
  EXPECT_EQ(this->ScalarInt("SELECT count(*) FROM rt"), 0);

  Status ok = db.InTransaction([](SqlDatabase& tx) -> Status {
    return tx.Execute("INSERT INTO rt (k) VALUES (4)").status();
  });
  ASSERT_TRUE(ok.ok()) << ok;
  auto other = this->OpenAnother();
  ASSERT_NE(other, nullptr);
  auto seen = other->Query("SELECT k FROM rt");
  ASSERT_TRUE(seen.ok()) << seen.status();
  ASSERT_EQ(seen->size(), 1u);
  EXPECT_EQ(*seen->at(0).GetInt64(0), 4);
}

TYPED_TEST(SqlDatabaseContractTest, BeforeCommitHooksRunInsideTheTransactionBeforeItCommits) {
  SqlDatabase& db = *this->db_;
  EXPECT_EQ(db.BeforeCommit([](SqlDatabase&) { return Status::Ok(); }).code(),
            StatusCode::kFailedPrecondition);
  const std::uint64_t serial = db.transaction_serial();
  std::vector<std::string> order;
  Status ok = db.InTransaction([&](SqlDatabase& tx) -> Status {
    EXPECT_EQ(tx.transaction_serial(), serial + 1);
    RETURN_IF_ERROR(tx.BeforeCommit([&](SqlDatabase& h) -> Status {
      order.push_back("first");
      EXPECT_EQ(h.transaction_depth(), 1);
      // The body's row is there, and the hook's own row commits with it.
      auto rows = h.Query("SELECT count(*) FROM rt");
      EXPECT_TRUE(rows.ok());
      if (rows.ok()) {
        EXPECT_EQ(*rows->at(0).GetInt64(0), 1);
      }
      return h.Execute("INSERT INTO rt (k) VALUES (2)").status();
    }));
    RETURN_IF_ERROR(tx.InTransaction([&](SqlDatabase& inner) -> Status {
      // Registered in a savepoint: still the outermost transaction's hook.
      return inner.BeforeCommit([&](SqlDatabase&) -> Status {
        order.push_back("second");
        return Status::Ok();
      });
    }));
    order.push_back("body");
    return tx.Execute("INSERT INTO rt (k) VALUES (1)").status();
  });
  ASSERT_TRUE(ok.ok()) << ok;
  EXPECT_EQ(order, (std::vector<std::string>{"body", "first", "second"}));
  EXPECT_EQ(this->ScalarInt("SELECT count(*) FROM rt"), 2);

  // A failing hook rolls everything back, the body's writes and the hooks' before it.
  Status failed = db.InTransaction([&](SqlDatabase& tx) -> Status {
    RETURN_IF_ERROR(tx.BeforeCommit(
        [](SqlDatabase& h) { return h.Execute("INSERT INTO rt (k) VALUES (4)").status(); }));
    RETURN_IF_ERROR(
        tx.BeforeCommit([](SqlDatabase&) { return Status(StatusCode::kAborted, "hook refused"); }));
    return tx.Execute("INSERT INTO rt (k) VALUES (3)").status();
  });
  EXPECT_EQ(failed, Status(StatusCode::kAborted, "hook refused"));
  EXPECT_FALSE(db.in_transaction());
  EXPECT_EQ(this->ScalarInt("SELECT count(*) FROM rt"), 2);

  // A transaction that rolls back drops its hooks: they do not run then, nor at the next commit.
  int ran = 0;
  Status rolled = db.InTransaction([&](SqlDatabase& tx) -> Status {
    RETURN_IF_ERROR(tx.BeforeCommit([&](SqlDatabase&) {
      ++ran;
      return Status::Ok();
    }));
    return Status(StatusCode::kAborted, "no");
  });
  EXPECT_EQ(rolled.code(), StatusCode::kAborted);
  ASSERT_TRUE(db.InTransaction([](SqlDatabase&) { return Status::Ok(); }).ok());
  EXPECT_EQ(ran, 0);
  EXPECT_EQ(db.transaction_serial(), serial + 4);
}

TYPED_TEST(SqlDatabaseContractTest, UncommittedWorkIsInvisibleToOtherConnections) {
  SqlDatabase& db = *this->db_;
  auto other = this->OpenAnother();
  ASSERT_NE(other, nullptr);
  Status st = db.InTransaction([&](SqlDatabase& tx) -> Status {
    RETURN_IF_ERROR(tx.Execute("INSERT INTO rt (k) VALUES (1)").status());
    auto outside = other->Query("SELECT count(*) FROM rt");
    EXPECT_TRUE(outside.ok()) << outside.status();
    if (outside.ok()) {
      EXPECT_EQ(*outside->at(0).GetInt64(0), 0);
    }
    return Status::Ok();
  });
  ASSERT_TRUE(st.ok()) << st;
  auto after = other->Query("SELECT count(*) FROM rt");
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(*after->at(0).GetInt64(0), 1);
}

TYPED_TEST(SqlDatabaseContractTest, NestedFailureUndoesOnlyTheInnerWork) {
  SqlDatabase& db = *this->db_;
  Status st = db.InTransaction([](SqlDatabase& tx) -> Status {
    RETURN_IF_ERROR(tx.Execute("INSERT INTO rt (k) VALUES (1)").status());
    Status inner = tx.InTransaction([](SqlDatabase& tx2) -> Status {
      RETURN_IF_ERROR(tx2.Execute("INSERT INTO rt (k) VALUES (2)").status());
      // A failing statement (duplicate key) inside the savepoint.
      return tx2.Execute("INSERT INTO rt (k) VALUES (1)").status();
    });
    EXPECT_EQ(inner.code(), StatusCode::kAlreadyExists) << inner;
    // The outer transaction is still usable after the inner rollback.
    return tx.Execute("INSERT INTO rt (k) VALUES (3)").status();
  });
  ASSERT_TRUE(st.ok()) << st;
  auto keys = db.Query("SELECT k FROM rt ORDER BY k");
  ASSERT_TRUE(keys.ok());
  ASSERT_EQ(keys->size(), 2u);
  EXPECT_EQ(*keys->at(0).GetInt64(0), 1);
  EXPECT_EQ(*keys->at(1).GetInt64(0), 3);
}

// A savepoint whose statements all take parameters, and whose body fails without a failed
// statement, is rolled back too.
TYPED_TEST(SqlDatabaseContractTest, NestedBodyFailingAfterParameterisedWritesUndoesThem) {
  SqlDatabase& db = *this->db_;
  Status st = db.InTransaction([](SqlDatabase& tx) -> Status {
    RETURN_IF_ERROR(
        tx.Execute("INSERT INTO rt (k) VALUES (?)", {SqlValue(std::int64_t{1})}).status());
    Status inner = tx.InTransaction([](SqlDatabase& tx2) -> Status {
      RETURN_IF_ERROR(
          tx2.Execute("INSERT INTO rt (k) VALUES (?)", {SqlValue(std::int64_t{2})}).status());
      return Status(StatusCode::kFailedPrecondition, "changed my mind");
    });
    EXPECT_EQ(inner.code(), StatusCode::kFailedPrecondition) << inner;
    return Status::Ok();
  });
  ASSERT_TRUE(st.ok()) << st;
  EXPECT_EQ(this->ScalarInt("SELECT count(*) FROM rt"), 1);
  EXPECT_EQ(this->ScalarInt("SELECT max(k) FROM rt"), 1);
}

// Atomically: a transaction of its own outside one; inside one, part of it, and its failure
// dooms the enclosing level even when that level's body carries on and returns OK.
TYPED_TEST(SqlDatabaseContractTest, AtomicallyJoinsTheOpenTransactionAndItsFailureDoomsIt) {
  SqlDatabase& db = *this->db_;
  auto insert = [](SqlDatabase& tx, int k) {
    return tx.Execute("INSERT INTO rt (k) VALUES (?)", {SqlValue(std::int64_t{k})}).status();
  };
  auto keys = [&] {
    std::vector<std::int64_t> out;
    auto rows = db.Query("SELECT k FROM rt ORDER BY k");
    EXPECT_TRUE(rows.ok()) << rows.status();
    if (rows.ok()) {
      for (const SqlRow& r : *rows) out.push_back(*r.GetInt64(0));
    }
    return out;
  };
  // Outside a transaction: all or nothing on its own.
  Status alone = db.Atomically([&](SqlDatabase& tx) -> Status {
    RETURN_IF_ERROR(insert(tx, 1));
    return insert(tx, 1);  // duplicate key
  });
  EXPECT_EQ(alone.code(), StatusCode::kAlreadyExists) << alone;
  EXPECT_FALSE(db.in_transaction());
  ASSERT_TRUE(db.Atomically([&](SqlDatabase& tx) { return insert(tx, 1); }).ok());
  EXPECT_EQ(keys(), (std::vector<std::int64_t>{1}));

  // Inside a transaction whose body swallows the failure: the whole transaction rolls back.
  Status swallowed = db.InTransaction([&](SqlDatabase& tx) -> Status {
    EXPECT_EQ(tx.transaction_depth(), 1);
    RETURN_IF_ERROR(insert(tx, 2));
    Status inner = tx.Atomically([&](SqlDatabase& tx2) -> Status {
      EXPECT_EQ(tx2.transaction_depth(), 1);  // no savepoint
      RETURN_IF_ERROR(insert(tx2, 3));
      return Status(StatusCode::kInvalidArgument, "bad row");
    });
    EXPECT_EQ(inner.code(), StatusCode::kInvalidArgument);
    return Status::Ok();
  });
  EXPECT_EQ(swallowed.code(), StatusCode::kInvalidArgument) << swallowed;
  EXPECT_NE(swallowed.message().find("bad row"), std::string::npos) << swallowed;
  EXPECT_EQ(keys(), (std::vector<std::int64_t>{1}));

  // Inside a savepoint: the savepoint rolls back, the transaction around it carries on.
  Status outer = db.InTransaction([&](SqlDatabase& tx) -> Status {
    RETURN_IF_ERROR(insert(tx, 4));
    Status savepoint = tx.InTransaction([&](SqlDatabase& tx2) -> Status {
      RETURN_IF_ERROR(insert(tx2, 5));
      (void)tx2.Atomically([&](SqlDatabase& tx3) -> Status {
        RETURN_IF_ERROR(insert(tx3, 6));
        return Status(StatusCode::kInvalidArgument, "bad row");
      });
      return Status::Ok();
    });
    EXPECT_EQ(savepoint.code(), StatusCode::kInvalidArgument) << savepoint;
    return insert(tx, 7);
  });
  ASSERT_TRUE(outer.ok()) << outer;
  EXPECT_EQ(keys(), (std::vector<std::int64_t>{1, 4, 7}));

  // Nothing is left doomed for the next transaction.
  ASSERT_TRUE(db.InTransaction([&](SqlDatabase& tx) { return insert(tx, 8); }).ok());
  EXPECT_EQ(keys(), (std::vector<std::int64_t>{1, 4, 7, 8}));
}

TYPED_TEST(SqlDatabaseContractTest, BulkUpsertInsertsThenUpdates) {
  SqlDatabase& db = *this->db_;
  const BulkUpsertSpec spec{"rt", {"k", "i", "d", "s"}, {"k"}};
  std::vector<SqlValue> values;
  const int n = 2500;  // more than one PostgreSQL statement's worth
  for (int k = 0; k < n; ++k) {
    values.insert(values.end(), {SqlValue(std::int64_t{k}), SqlValue(std::int64_t{k * 2}),
                                 SqlValue(k / 4.0), k % 2 ? SqlValue("odd") : SqlValue()});
  }
  auto inserted = db.BulkUpsert(spec, values);
  ASSERT_TRUE(inserted.ok()) << inserted.status();
  EXPECT_EQ(*inserted, n);
  EXPECT_EQ(this->ScalarInt("SELECT count(*) FROM rt"), n);
  EXPECT_EQ(this->ScalarInt("SELECT CAST(sum(i) AS BIGINT) FROM rt"), std::int64_t{n} * (n - 1));

  // Replace two rows (one of them with NULLs) and add one.
  std::vector<SqlValue> update = {SqlValue(std::int64_t{7}),
                                  SqlValue(std::int64_t{-7}),
                                  SqlValue(0.5),
                                  SqlValue("new"),
                                  SqlValue(std::int64_t{8}),
                                  SqlValue(),
                                  SqlValue(),
                                  SqlValue(),
                                  SqlValue(std::int64_t{9000}),
                                  SqlValue(std::int64_t{1}),
                                  SqlValue(1.0),
                                  SqlValue("x")};
  ASSERT_TRUE(db.BulkUpsert(spec, update).ok());
  EXPECT_EQ(this->ScalarInt("SELECT count(*) FROM rt"), n + 1);
  auto row7 = db.Query("SELECT k, i, d, s FROM rt WHERE k IN (7, 8) ORDER BY k");
  ASSERT_TRUE(row7.ok());
  EXPECT_EQ(row7->at(0), SqlRow({SqlValue(std::int64_t{7}), SqlValue(std::int64_t{-7}),
                                 SqlValue(0.5), SqlValue("new")}));
  EXPECT_EQ(row7->at(1), SqlRow({SqlValue(std::int64_t{8}), SqlValue(), SqlValue(), SqlValue()}));

  auto ragged = db.BulkUpsert(spec, std::span<const SqlValue>(update).subspan(0, 5));
  EXPECT_EQ(ragged.status().code(), StatusCode::kInvalidArgument);
}

TYPED_TEST(SqlDatabaseContractTest, BulkUpsertKeepsAwkwardTextAndNulls) {
  SqlDatabase& db = *this->db_;
  const BulkUpsertSpec spec{"rt", {"k", "i", "d", "s"}, {"k"}};
  const std::vector<std::string> awkward = {"tab\there", "new\nline\r\n", "back\\slash \\N", "\\.",
                                            "",          "quote ' \" ?",  "ünïcødé ₿"};
  std::vector<SqlValue> values;
  const int n = 300;  // large enough for the PostgreSQL COPY path
  for (int k = 0; k < n; ++k) {
    values.insert(values.end(),
                  {SqlValue(std::int64_t{k}), k % 3 ? SqlValue(std::int64_t{-k}) : SqlValue(),
                   k % 5 ? SqlValue(k * 1e-7) : SqlValue(),
                   k % 8 == 7 ? SqlValue() : SqlValue(awkward[k % awkward.size()])});
  }
  ASSERT_TRUE(db.BulkUpsert(spec, values).ok());
  auto rows = db.Query("SELECT k, i, d, s FROM rt ORDER BY k");
  ASSERT_TRUE(rows.ok()) << rows.status();
  ASSERT_EQ(rows->size(), static_cast<std::size_t>(n));
  for (int k = 0; k < n; ++k) {
    const SqlRow want({values.begin() + 4 * k, values.begin() + 4 * k + 4});
    EXPECT_EQ(rows->at(k), want) << "row " << k;
  }
}

TYPED_TEST(SqlDatabaseContractTest, BulkUpsertInsideAFailedTransactionLeavesNothing) {
  SqlDatabase& db = *this->db_;
  const BulkUpsertSpec spec{"rt", {"k", "i"}, {"k"}};
  std::vector<SqlValue> values;
  for (int k = 0; k < 1500; ++k)
    values.insert(values.end(), {SqlValue(std::int64_t{k}), SqlValue(std::int64_t{k})});
  Status st = db.InTransaction([&](SqlDatabase& tx) -> Status {
    RETURN_IF_ERROR(tx.BulkUpsert(spec, values).status());
    return Status(StatusCode::kCancelled, "abandon");
  });
  EXPECT_EQ(st.code(), StatusCode::kCancelled);
  EXPECT_EQ(this->ScalarInt("SELECT count(*) FROM rt"), 0);
}

TYPED_TEST(SqlDatabaseContractTest, ScriptsRunEveryStatement) {
  SqlDatabase& db = *this->db_;
  ASSERT_TRUE(db.ExecuteScript("INSERT INTO rt (k) VALUES (1);\n"
                               "-- a comment; with a semicolon\n"
                               "INSERT INTO rt (k) VALUES (2);\n"
                               "UPDATE rt SET s = 'a;b' WHERE k = 2;")
                  .ok());
  EXPECT_EQ(this->ScalarInt("SELECT count(*) FROM rt"), 2);
  auto s = db.Query("SELECT s FROM rt WHERE k = 2");
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(*s->at(0).GetString(0), "a;b");
  Status bad = db.ExecuteScript("INSERT INTO rt (k) VALUES (3); SELECT nonsense FROM nowhere;");
  EXPECT_FALSE(bad.ok());
}

TYPED_TEST(SqlDatabaseContractTest, OpenReportsUnreachableDatabases) {
  const std::string url = std::string(TypeParam::kName) == "Sqlite"
                              ? "sqlite:///proc/no/such/dir/pulse.db"
                              : "postgresql://pulse:hunter2@127.0.0.1:1/pulse";
  auto db = storage::OpenDatabase(url);
  ASSERT_FALSE(db.ok());
  EXPECT_EQ(db.status().code(), StatusCode::kUnavailable) << db.status();
  EXPECT_EQ(db.status().message().find("hunter2"), std::string::npos) << db.status();
}

}  // namespace
}  // namespace pulse::testing
