// SqliteDatabase: the embedded SQLite backend of the SQL port (sqlite3 C API).
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "adapters/storage/sql_database.h"
#include "core/string_map.h"

struct sqlite3;
struct sqlite3_stmt;

namespace pulse::storage {

// One SQLite connection, set up with journal_mode=WAL, synchronous=NORMAL, busy_timeout=5000
// and foreign_keys=ON, with a cache of prepared statements keyed by SQL text.
//
// Lifecycle: Open() creates the file (and its parent directory) when missing; the destructor
// finalizes the cached statements and closes the connection.
// Threading: thread-compatible (opened with SQLITE_OPEN_NOMUTEX); several instances, in this
// or other processes, may share one file: WAL lets readers run beside the one writer, and
// writers wait up to 5 s for each other (then kUnavailable).
// Durability: a committed transaction survives a process crash; with synchronous=NORMAL the
// last commits may be lost on power failure.
class SqliteDatabase final : public SqlDatabase {
 public:
  // `path` is a file path or ":memory:"; `redacted_url` is what redacted_url() reports.
  static Result<std::unique_ptr<SqliteDatabase>> Open(const std::string& path,
                                                      std::string redacted_url = "");
  ~SqliteDatabase() override;

  SqliteDatabase(const SqliteDatabase&) = delete;
  SqliteDatabase& operator=(const SqliteDatabase&) = delete;

  SqlDialect dialect() const override { return SqlDialect::kSqlite; }
  const std::string& redacted_url() const override { return url_; }
  Status ExecuteScript(std::string_view sql) override;
  Status InTransaction(const TransactionBody& body) override;
  int transaction_depth() const override { return depth_; }
  Result<std::int64_t> BulkUpsert(const BulkUpsertSpec& spec, Params values) override;

  // Number of statements in the prepared-statement cache (for tests).
  std::size_t cached_statements() const { return cache_.size(); }

 protected:
  Result<std::int64_t> DoExecute(std::string_view sql, Params params) override;
  Result<SqlRows> DoQuery(std::string_view sql, Params params) override;
  Status DoInsertReturningIds(std::string_view sql, Params params, std::int64_t rows,
                              std::int64_t* ids) override;

 private:
  SqliteDatabase(sqlite3* db, std::string url) : db_(db), url_(std::move(url)) {}

  // A prepared statement from the cache, reset and bound to `params`.
  Result<sqlite3_stmt*> Prepare(std::string_view sql, Params params);
  Status Bind(sqlite3_stmt* stmt, std::string_view sql, Params params);
  // Steps a bound statement to the end, appending rows when `rows` is not null.
  Status Run(sqlite3_stmt* stmt, std::string_view sql, SqlRows* rows);
  Status Error(int rc, std::string_view what) const;
  Status ExecSimple(const char* sql);

  sqlite3* db_ = nullptr;
  std::string url_;
  int depth_ = 0;
  StringMap<sqlite3_stmt*> cache_;
};

}  // namespace pulse::storage
