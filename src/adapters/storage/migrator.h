// Migrator: brings a database's schema up to the version this binary knows, one numbered
// migration per transaction, recorded in schema_migrations(version, name, applied_at).
#pragma once

#include <string>
#include <vector>

#include "adapters/storage/builtin_migrations.h"
#include "adapters/storage/sql_database.h"
#include "core/clock.h"
#include "core/status.h"
#include "core/time.h"

namespace pulse::storage {

// A migration recorded in schema_migrations.
struct AppliedMigration {
  int version = 0;
  std::string name;
  UnixNanos applied_at = 0;
};

// Where a database stands.
struct MigrationStatus {
  int current_version = 0;                // highest applied version (0 = empty database)
  int latest_version = 0;                 // highest version this binary knows
  std::vector<AppliedMigration> applied;  // in version order
  std::vector<Migration> pending;         // known but not applied, in version order
  // True when the database holds a version this binary does not know (a newer binary wrote it).
  bool database_is_newer() const { return current_version > latest_version; }
};

// Applies and reports migrations.
// Lifecycle: cheap; borrow a SqlDatabase for one Migrate()/GetStatus() call or a few.
// Threading: thread-compatible, like the SqlDatabase it uses. Several processes may migrate the
// same database at once: each migration re-checks inside its transaction (PostgreSQL also takes
// an advisory lock), so every version is applied exactly once.
class Migrator {
 public:
  // `migrations` default to BuiltinMigrations(db.dialect()); `clock` stamps applied_at.
  explicit Migrator(SqlDatabase& db, Clock& clock = SystemClock::Instance());
  Migrator(SqlDatabase& db, std::vector<Migration> migrations,
           Clock& clock = SystemClock::Instance());

  // Applies every pending migration in version order, each in its own transaction, and stops
  // at the first failure (earlier ones stay applied). FailedPrecondition when the database
  // holds a newer version than this binary knows; InvalidArgument for a bad migration list.
  Status Migrate();
  Result<MigrationStatus> GetStatus();

 private:
  Status CheckMigrationList() const;
  Status EnsureTable();
  Result<std::vector<AppliedMigration>> LoadApplied();
  Status Apply(const Migration& migration);

  SqlDatabase& db_;
  std::vector<Migration> migrations_;
  Clock& clock_;
};

}  // namespace pulse::storage
