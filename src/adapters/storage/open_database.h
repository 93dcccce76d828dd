// OpenDatabase: the one entry point that turns a store URL into a connected SqlDatabase.
#pragma once

#include <memory>
#include <string_view>

#include "adapters/storage/sql_database.h"
#include "core/status.h"

namespace pulse::storage {

// Opens sqlite://<path>, sqlite::memory:, postgresql://... or postgres://... (see
// database_url.h). InvalidArgument names what is wrong with a bad URL (for an unknown scheme,
// the accepted ones); kUnavailable when the database cannot be reached. Does not migrate: run
// Migrator(*db).Migrate() next. Thread-safe.
Result<std::unique_ptr<SqlDatabase>> OpenDatabase(std::string_view url);

}  // namespace pulse::storage
