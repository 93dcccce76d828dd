// Builtin migrations: the numbered SQL files under migrations/<dialect>/, compiled into the
// library at build time (embed_migrations.cmake). Immutable data; thread-safe.
#pragma once

#include <string_view>
#include <vector>

#include "adapters/storage/sql_database.h"

namespace pulse::storage {

// One schema change: version N comes from the file name NNNN_name.sql.
struct Migration {
  int version = 0;
  std::string_view name;  // file name without .sql, e.g. "0001_initial"
  std::string_view sql;
};

// The migrations of a dialect, in version order.
std::vector<Migration> BuiltinMigrations(SqlDialect dialect);

namespace internal {
struct EmbeddedMigration {
  int version;
  const char* name;
  const char* sql;
};
// Defined in the generated builtin_migrations_data.cc.
const std::vector<EmbeddedMigration>& Embedded_sqlite();
const std::vector<EmbeddedMigration>& Embedded_postgres();
}  // namespace internal

}  // namespace pulse::storage
