// `pulse db migrate|status`.
#include <iostream>

#include "adapters/storage/migrator.h"
#include "adapters/storage/sql_database.h"
#include "app/commands/commands.h"
#include "app/table_printer.h"

namespace pulse::app {

namespace {

Status PrintStatus(storage::SqlDatabase& db, Clock& clock) {
  storage::Migrator migrator(db, clock);
  ASSIGN_OR_RETURN(storage::MigrationStatus st, migrator.GetStatus());
  std::cout << fmt::format("database: {} ({})\n", db.redacted_url(),
                           storage::SqlDialectName(db.dialect()));
  std::cout << fmt::format("schema version: {} (this binary knows up to {})\n", st.current_version,
                           st.latest_version);
  TablePrinter table({">version", "name", "applied"});
  for (const storage::AppliedMigration& m : st.applied) {
    table.AddRow({std::to_string(m.version), m.name, FormatIso8601(m.applied_at)});
  }
  for (const storage::Migration& m : st.pending) {
    table.AddRow({std::to_string(m.version), std::string(m.name), "pending"});
  }
  table.Print(std::cout);
  if (st.database_is_newer()) {
    return FailedPreconditionError(
        "the database is at schema version {}, newer than this binary's {}: upgrade pulse",
        st.current_version, st.latest_version);
  }
  return Status::Ok();
}

Status RunMigrate(CliContext& ctx) {
  ASSIGN_OR_RETURN(storage::SqlDatabase * db, ctx.GetDatabase(/*migrate=*/false));
  storage::Migrator migrator(*db, ctx.clock());
  ASSIGN_OR_RETURN(storage::MigrationStatus before, migrator.GetStatus());
  RETURN_IF_ERROR(migrator.Migrate());
  ASSIGN_OR_RETURN(storage::MigrationStatus after, migrator.GetStatus());
  std::cout << fmt::format("applied {} migration(s): schema version {} -> {}\n",
                           after.applied.size() - before.applied.size(), before.current_version,
                           after.current_version);
  return Status::Ok();
}

}  // namespace

void AddDbCommands(CLI::App& app, CliContext& ctx) {
  CLI::App* db = app.add_subcommand("db", "Database schema: migrate and status");
  db->require_subcommand(1);
  db->add_subcommand("migrate", "Apply pending schema migrations")->callback([&ctx] {
    ctx.Finish(RunMigrate(ctx));
  });
  db->add_subcommand("status", "Show the applied schema version and pending migrations")
      ->callback([&ctx] {
        Result<storage::SqlDatabase*> db = ctx.GetDatabase(/*migrate=*/false);
        ctx.Finish(db.ok() ? PrintStatus(**db, ctx.clock()) : db.status());
      });
}

}  // namespace pulse::app
