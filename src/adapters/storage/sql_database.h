// SqlDatabase: the small SQL port the storage repositories are written against, once, for both
// backends (SqliteDatabase, PostgresDatabase). Portable SQL uses `?` placeholders; every value
// is a bound parameter, never spliced into the SQL text.
#pragma once

#include <cstdint>
#include <functional>
#include <initializer_list>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "adapters/storage/sql_value.h"
#include "core/status.h"

namespace pulse::storage {

enum class SqlDialect { kSqlite, kPostgres };
// "sqlite" / "postgres".
std::string_view SqlDialectName(SqlDialect dialect);

// A multi-row upsert: INSERT INTO table(columns) ... ON CONFLICT(key_columns) DO UPDATE SET
// every other column. Identifiers must be plain lower-case names ([a-z_][a-z0-9_]*).
struct BulkUpsertSpec {
  std::string table;
  std::vector<std::string> columns;
  std::vector<std::string> key_columns;  // a unique key; a subset of `columns`
};

// A connection to one SQL database.
//
// Lifecycle: made by OpenDatabase() (or a backend's Open); closes the connection when destroyed.
// Threading: thread-compatible. One thread at a time uses an instance (the StoreWriter thread
// or a CLI command); open one instance per thread that needs the database.
// Errors: library exceptions never escape. Codes: kUnavailable (connection lost, database
// busy/locked: retryable), kAlreadyExists (unique violation), kInvalidArgument (check or
// not-null violation, bad value), kFailedPrecondition (foreign key violation, missing table),
// kAborted (serialization failure, deadlock), kInternal (SQL errors, misuse).
class SqlDatabase {
 public:
  using Params = std::span<const SqlValue>;
  using TransactionBody = std::function<Status(SqlDatabase&)>;

  virtual ~SqlDatabase() = default;

  virtual SqlDialect dialect() const = 0;
  // The URL it was opened with, password masked as ***; safe to log.
  virtual const std::string& redacted_url() const = 0;

  // Runs one statement; returns the number of rows it inserted, updated or deleted.
  Result<std::int64_t> Execute(std::string_view sql, Params params = {}) {
    return DoExecute(sql, params);
  }
  Result<std::int64_t> Execute(std::string_view sql, std::initializer_list<SqlValue> params) {
    return DoExecute(sql, Params(params.begin(), params.size()));
  }
  // Runs one statement that returns rows (SELECT, or INSERT ... RETURNING).
  Result<SqlRows> Query(std::string_view sql, Params params = {}) { return DoQuery(sql, params); }
  Result<SqlRows> Query(std::string_view sql, std::initializer_list<SqlValue> params) {
    return DoQuery(sql, Params(params.begin(), params.size()));
  }

  // Runs one INSERT of one row into a table whose `id` column the database assigns (SQLite
  // INTEGER PRIMARY KEY, PostgreSQL identity / serial) and returns the new id. `sql` is the
  // INSERT without a RETURNING clause: SQLite reads the connection's last rowid (no RETURNING
  // temporary table), PostgreSQL appends RETURNING id. kInternal when no row was inserted.
  Result<std::int64_t> InsertReturningId(std::string_view sql, Params params = {}) {
    std::int64_t id = 0;
    RETURN_IF_ERROR(DoInsertReturningIds(sql, params, 1, &id));
    return id;
  }
  Result<std::int64_t> InsertReturningId(std::string_view sql,
                                         std::initializer_list<SqlValue> params) {
    return InsertReturningId(sql, Params(params.begin(), params.size()));
  }
  // The same for one INSERT of `rows` rows (a VALUES list of `rows` tuples): writes the new ids
  // to `ids[0..rows)` in the order of the tuples. SQLite gives the rows of one statement
  // consecutive rowids ending at the last rowid; PostgreSQL returns them. kInternal when
  // another number of rows was inserted.
  Status InsertReturningIds(std::string_view sql, Params params, std::int64_t rows,
                            std::int64_t* ids) {
    return DoInsertReturningIds(sql, params, rows, ids);
  }

  // Runs a script of several `;`-separated statements without parameters (migrations).
  virtual Status ExecuteScript(std::string_view sql) = 0;

  // Runs `body` in a transaction: commits when it returns OK, rolls back otherwise and returns
  // its Status. Nested calls run in a savepoint, so an inner failure undoes only the inner
  // work. A failing commit is returned and leaves nothing behind. After a failed statement,
  // PostgreSQL refuses further statements in that (sub)transaction: to carry on past an
  // expected failure, run the statement in a nested InTransaction.
  virtual Status InTransaction(const TransactionBody& body) = 0;
  // Runs `body` as one unit of work: in a transaction of its own when none is open; inside an
  // open one, as part of it without a savepoint (SQLite copies every page a savepoint touches
  // into a statement journal, which cost the stores more than their writes). If the body
  // fails there, the enclosing transaction (or savepoint) can no longer succeed: it rolls back
  // and returns that failure even when its own body returns OK, so part of the work is never
  // committed. The repositories write through this; use InTransaction to carry on past an
  // expected failure.
  Status Atomically(const TransactionBody& body);
  // True while inside InTransaction.
  bool in_transaction() const { return transaction_depth() > 0; }
  // Open transaction levels: 0 outside, 1 in a transaction, 2+ in savepoints.
  virtual int transaction_depth() const = 0;
  // How many outermost transactions this connection has begun: two calls that see the same
  // number (and in_transaction()) ran inside the same transaction.
  std::uint64_t transaction_serial() const { return transaction_serial_; }
  // Registers `hook` to run once the open transaction's outermost body has returned OK, still
  // inside the transaction, just before its commit (hooks run in the order registered). A
  // failing hook rolls the transaction back and InTransaction returns its Status. When the
  // transaction rolls back instead, its hooks are dropped unrun. kFailedPrecondition outside a
  // transaction.
  Status BeforeCommit(TransactionBody hook);

  // Fast path for many rows of one table (candles): `values` holds the rows one after another,
  // spec.columns.size() values each. All rows in one transaction (the enclosing one, if any).
  // Returns the number of rows affected as the backend counts them.
  virtual Result<std::int64_t> BulkUpsert(const BulkUpsertSpec& spec, Params values) = 0;

 protected:
  // For the backends' InTransaction: at the end of level `level`'s body (1 = the outermost),
  // the Status to act on: the body's when it failed; when it returned OK but an Atomically
  // body inside this level failed, that failure (so the level rolls back); else OK. Forgets
  // the failure of an Atomically body at this level.
  Status SettleLevel(int level, Status status);
  // For the backends' InTransaction, when an outermost transaction begins.
  void BeginOutermost();
  // For the backends' InTransaction, at the end of the outermost level's body while the depth
  // is still 1: with `status` OK, runs the BeforeCommit hooks and returns the first failure;
  // either way forgets them.
  Status RunBeforeCommit(Status status);

  virtual Result<std::int64_t> DoExecute(std::string_view sql, Params params) = 0;
  virtual Result<SqlRows> DoQuery(std::string_view sql, Params params) = 0;
  virtual Status DoInsertReturningIds(std::string_view sql, Params params, std::int64_t rows,
                                      std::int64_t* ids) = 0;

 private:
  // The first failure of an Atomically body inside an open transaction, and the level it
  // dooms (0: none).
  int doomed_level_ = 0;
  Status doom_;
  std::uint64_t transaction_serial_ = 0;
  std::vector<TransactionBody> before_commit_;
};

// Runs a transaction body, turning an exception it throws into kInternal; used by the
// backends' InTransaction so no exception escapes.
Status RunTransactionBody(const SqlDatabase::TransactionBody& body, SqlDatabase& db);

// Checks a BulkUpsertSpec and the number of values; used by the backends.
Status ValidateBulkUpsert(const BulkUpsertSpec& spec, std::size_t value_count);

}  // namespace pulse::storage
