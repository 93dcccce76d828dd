#include "adapters/storage/open_database.h"

#include "adapters/storage/database_url.h"
#include "adapters/storage/postgres_database.h"
#include "adapters/storage/sqlite_database.h"

namespace pulse::storage {

Result<std::unique_ptr<SqlDatabase>> OpenDatabase(std::string_view url) {
  ASSIGN_OR_RETURN(DatabaseUrl parsed, ParseDatabaseUrl(url));
  if (parsed.dialect == SqlDialect::kSqlite) {
    ASSIGN_OR_RETURN(auto db, SqliteDatabase::Open(parsed.sqlite_path, parsed.redacted));
    return std::unique_ptr<SqlDatabase>(std::move(db));
  }
  ASSIGN_OR_RETURN(auto db, PostgresDatabase::Open(parsed));
  return std::unique_ptr<SqlDatabase>(std::move(db));
}

}  // namespace pulse::storage
