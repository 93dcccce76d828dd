// PostgresDatabase: the PostgreSQL backend of the SQL port (libpqxx 6.4).
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "adapters/storage/database_url.h"
#include "adapters/storage/sql_database.h"

namespace pulse::storage {

// One PostgreSQL connection. `?` placeholders are rewritten to $1..$n; values travel as text
// parameters (doubles in shortest round-trip form, so they come back bit-identical).
// BulkUpsert sends small batches as multi-row INSERT ... ON CONFLICT DO UPDATE statements, and
// from 100 rows on COPYs them into a temporary staging table merged with one INSERT ... SELECT
// ... ON CONFLICT (faster; see bench/storage).
//
// Lifecycle: Open() connects (10 s connect timeout unless the URL sets one); the destructor
// closes the connection, rolling back an open transaction. A lost connection is reported as
// kUnavailable; the next call reconnects.
// Threading: thread-compatible; open one instance per thread.
// Secrets: error messages never contain the password (masked as ***).
class PostgresDatabase final : public SqlDatabase {
 public:
  static Result<std::unique_ptr<PostgresDatabase>> Open(const DatabaseUrl& url);
  ~PostgresDatabase() override;

  PostgresDatabase(const PostgresDatabase&) = delete;
  PostgresDatabase& operator=(const PostgresDatabase&) = delete;

  SqlDialect dialect() const override { return SqlDialect::kPostgres; }
  const std::string& redacted_url() const override { return url_.redacted; }
  Status ExecuteScript(std::string_view sql) override;
  Status InTransaction(const TransactionBody& body) override;
  int transaction_depth() const override { return depth_; }
  Result<std::int64_t> BulkUpsert(const BulkUpsertSpec& spec, Params values) override;

 protected:
  Result<std::int64_t> DoExecute(std::string_view sql, Params params) override;
  Result<SqlRows> DoQuery(std::string_view sql, Params params) override;
  Status DoInsertReturningIds(std::string_view sql, Params params, std::int64_t rows,
                              std::int64_t* ids) override;

 private:
  explicit PostgresDatabase(DatabaseUrl url);

  Status Connect();
  // Runs `sql` (already numbered) with `params`; fills rows and/or affected.
  Status Run(const std::string& sql, Params params, SqlRows* rows, std::int64_t* affected);
  // BulkUpsert of many rows: COPY into a temporary staging table, then INSERT ... SELECT ...
  // ON CONFLICT. Must run inside a transaction.
  Result<std::int64_t> CopyUpsert(const BulkUpsertSpec& spec, Params values);
  // Converts the exception being handled into a Status, masking the password.
  Status CurrentError(std::string_view what);

  DatabaseUrl url_;
  std::string conninfo_;
  struct Connection;  // the pqxx connection and the open transaction, if any
  std::unique_ptr<Connection> pq_;
  int depth_ = 0;
};

}  // namespace pulse::storage
