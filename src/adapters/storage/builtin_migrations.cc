#include "adapters/storage/builtin_migrations.h"

namespace pulse::storage {

std::vector<Migration> BuiltinMigrations(SqlDialect dialect) {
  const auto& embedded =
      dialect == SqlDialect::kSqlite ? internal::Embedded_sqlite() : internal::Embedded_postgres();
  std::vector<Migration> out;
  out.reserve(embedded.size());
  for (const auto& m : embedded) out.push_back(Migration{m.version, m.name, m.sql});
  return out;
}

}  // namespace pulse::storage
