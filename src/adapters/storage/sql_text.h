// SQL text helpers shared by the backends: `?` -> `$n` placeholder rewriting for PostgreSQL and
// the portable multi-row upsert statement. Pure functions; thread-safe.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "adapters/storage/sql_database.h"

namespace pulse::storage {

// SQL with its `?` placeholders numbered for PostgreSQL.
struct NumberedSql {
  std::string sql;
  std::size_t placeholders = 0;
};

// Rewrites each `?` to $1, $2, ... in order, leaving string literals ('it''s ?'), quoted
// identifiers ("a?"), dollar-quoted bodies ($$?$$) and comments (-- ?, /* ? */) untouched.
NumberedSql NumberPlaceholders(std::string_view sql);

// `insert` ("INSERT INTO t (a, b, c)") followed by " VALUES (?,?,?),(?,?,?)": `rows` tuples of
// `columns` placeholders. Valid in SQLite and PostgreSQL.
std::string BuildInsertValuesSql(std::string_view insert, std::size_t columns, std::size_t rows);

// The texts of one multi-row INSERT for 1..max_rows rows, built once: one text per row count,
// so a writer that inserts in chunks prepares and caches few statements. Immutable after
// construction (safe to share, e.g. as a function-local static).
class InsertValuesTexts {
 public:
  InsertValuesTexts(std::string_view insert, std::size_t columns, std::size_t max_rows);
  std::size_t columns() const { return columns_; }
  std::size_t max_rows() const { return texts_.size() - 1; }
  // The INSERT of `rows` rows, 1 <= rows <= max_rows().
  const std::string& Sql(std::size_t rows) const { return texts_[rows]; }

 private:
  std::size_t columns_;
  std::vector<std::string> texts_;  // [rows]; [0] unused
};

// Inserts `count` rows through `texts` in chunks of up to texts.max_rows() rows, one statement
// per chunk; `append_row(i, params)` appends row i's texts.columns() values. Rows keep their
// order. With `ids`, the ids the database assigned go to ids[0..count) (InsertReturningIds).
// Stops at the first failing statement.
template <typename AppendRow>
Status InsertRowsInChunks(SqlDatabase& db, const InsertValuesTexts& texts, std::size_t count,
                          AppendRow&& append_row, std::int64_t* ids = nullptr) {
  std::vector<SqlValue> params;
  for (std::size_t first = 0; first < count; first += texts.max_rows()) {
    const std::size_t rows = std::min(texts.max_rows(), count - first);
    params.clear();
    params.reserve(rows * texts.columns());
    for (std::size_t i = first; i < first + rows; ++i) append_row(i, params);
    if (ids != nullptr) {
      RETURN_IF_ERROR(db.InsertReturningIds(texts.Sql(rows), params,
                                            static_cast<std::int64_t>(rows), ids + first));
    } else {
      RETURN_IF_ERROR(db.Execute(texts.Sql(rows), params).status());
    }
  }
  return Status::Ok();
}

// "INSERT INTO t(a,b,c) VALUES (?,?,?),(?,?,?) ON CONFLICT (a) DO UPDATE SET b=excluded.b,..."
// for `rows` rows (DO NOTHING when every column is a key). Valid in SQLite and PostgreSQL.
// The spec must have passed ValidateBulkUpsert.
std::string BuildUpsertSql(const BulkUpsertSpec& spec, std::size_t rows);

// The first line of a statement, at most ~80 characters, for error messages.
std::string SqlSnippet(std::string_view sql);

}  // namespace pulse::storage
