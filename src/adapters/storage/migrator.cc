#include "adapters/storage/migrator.h"

#include <algorithm>
#include <set>

namespace pulse::storage {

namespace {
// Key of the PostgreSQL advisory lock that serializes migrations ("pulse" in ASCII).
constexpr std::int64_t kMigrationLockKey = 0x70756c7365;

Status LockIfPostgres(SqlDatabase& db) {
  if (db.dialect() != SqlDialect::kPostgres) return Status::Ok();
  return db.Query("SELECT pg_advisory_xact_lock(?)", {SqlValue(kMigrationLockKey)}).status();
}
}  // namespace

Migrator::Migrator(SqlDatabase& db, Clock& clock)
    : Migrator(db, BuiltinMigrations(db.dialect()), clock) {}

Migrator::Migrator(SqlDatabase& db, std::vector<Migration> migrations, Clock& clock)
    : db_(db), migrations_(std::move(migrations)), clock_(clock) {
  std::stable_sort(migrations_.begin(), migrations_.end(),
                   [](const Migration& a, const Migration& b) { return a.version < b.version; });
}

Status Migrator::CheckMigrationList() const {
  for (std::size_t i = 0; i < migrations_.size(); ++i) {
    if (migrations_[i].version <= 0) {
      return InvalidArgumentError("migration '{}' has version {}; versions start at 1",
                                  migrations_[i].name, migrations_[i].version);
    }
    if (i > 0 && migrations_[i].version == migrations_[i - 1].version) {
      return InvalidArgumentError("migrations '{}' and '{}' share version {}",
                                  migrations_[i - 1].name, migrations_[i].name,
                                  migrations_[i].version);
    }
  }
  return Status::Ok();
}

Status Migrator::EnsureTable() {
  return db_.InTransaction([](SqlDatabase& db) -> Status {
    RETURN_IF_ERROR(LockIfPostgres(db));
    return db
        .Execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations ("
            "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)")
        .status();
  });
}

Result<std::vector<AppliedMigration>> Migrator::LoadApplied() {
  ASSIGN_OR_RETURN(SqlRows rows,
                   db_.Query("SELECT version, name, applied_at FROM schema_migrations "
                             "ORDER BY version"));
  std::vector<AppliedMigration> applied;
  applied.reserve(rows.size());
  for (const SqlRow& row : rows) {
    AppliedMigration m;
    ASSIGN_OR_RETURN(std::int64_t version, row.GetInt64(0));
    m.version = static_cast<int>(version);
    ASSIGN_OR_RETURN(m.name, row.GetString(1));
    ASSIGN_OR_RETURN(std::string applied_at, row.GetString(2));
    Result<UnixNanos> when = ParseIso8601(applied_at);
    if (!when.ok()) {
      return DataLossError("schema_migrations version {}: bad applied_at '{}'", m.version,
                           applied_at);
    }
    m.applied_at = *when;
    applied.push_back(std::move(m));
  }
  return applied;
}

Result<MigrationStatus> Migrator::GetStatus() {
  RETURN_IF_ERROR(CheckMigrationList());
  MigrationStatus status;
  status.latest_version = migrations_.empty() ? 0 : migrations_.back().version;
  const char* exists_sql =
      db_.dialect() == SqlDialect::kSqlite
          ? "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?"
          : "SELECT count(*) FROM information_schema.tables "
            "WHERE table_schema = current_schema() AND table_name = ?";
  ASSIGN_OR_RETURN(SqlRows exists, db_.Query(exists_sql, {SqlValue("schema_migrations")}));
  ASSIGN_OR_RETURN(std::int64_t count, exists.at(0).GetInt64(0));
  if (count > 0) {
    ASSIGN_OR_RETURN(status.applied, LoadApplied());
  }
  std::set<int> applied_versions;
  for (const AppliedMigration& m : status.applied) {
    applied_versions.insert(m.version);
    status.current_version = std::max(status.current_version, m.version);
  }
  for (const Migration& m : migrations_) {
    if (!applied_versions.contains(m.version)) status.pending.push_back(m);
  }
  return status;
}

Status Migrator::Apply(const Migration& migration) {
  Status status = db_.InTransaction([&](SqlDatabase& db) -> Status {
    RETURN_IF_ERROR(LockIfPostgres(db));
    ASSIGN_OR_RETURN(SqlRows rows, db.Query("SELECT count(*) FROM schema_migrations WHERE "
                                            "version = ?",
                                            {SqlValue(std::int64_t{migration.version})}));
    ASSIGN_OR_RETURN(std::int64_t already, rows.at(0).GetInt64(0));
    if (already > 0) return Status::Ok();  // another process applied it meanwhile
    RETURN_IF_ERROR(db.ExecuteScript(migration.sql));
    return db
        .Execute("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                 {SqlValue(std::int64_t{migration.version}), SqlValue(std::string(migration.name)),
                  SqlValue(FormatIso8601(clock_.Now()))})
        .status();
  });
  return status.WithContext(fmt::format("migration {} failed", migration.name));
}

Status Migrator::Migrate() {
  RETURN_IF_ERROR(CheckMigrationList());
  RETURN_IF_ERROR(EnsureTable());
  ASSIGN_OR_RETURN(MigrationStatus status, GetStatus());
  if (status.database_is_newer()) {
    return FailedPreconditionError(
        "database {} is at schema version {} but this pulse binary knows versions up to {}; "
        "upgrade pulse or use another database",
        db_.redacted_url(), status.current_version, status.latest_version);
  }
  for (const Migration& m : status.pending) RETURN_IF_ERROR(Apply(m));
  return Status::Ok();
}

}  // namespace pulse::storage
