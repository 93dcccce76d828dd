// DatabaseUrl: parsing and redaction of the store URLs Pulse accepts.
//   sqlite://./var/pulse.db   (relative path)     sqlite:///var/lib/pulse.db (absolute path)
//   sqlite::memory:           (private in-memory database)
//   postgresql://user:pass@host:5432/db?sslmode=disable   (also postgres://; query parameters
//   such as ?host=/run/postgresql are passed to libpq)
// Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "adapters/storage/sql_database.h"
#include "core/status.h"

namespace pulse::storage {

// A parsed store URL.
struct DatabaseUrl {
  SqlDialect dialect = SqlDialect::kSqlite;
  std::string redacted;  // the URL with its password replaced by ***; safe to log

  // SQLite: a file path, or ":memory:".
  std::string sqlite_path;

  // PostgreSQL: the parts of the URL (user and password still percent-encoded) and the
  // connection string handed to libpq (the URL itself).
  std::string user;
  std::string password;
  std::string host;  // empty when only ?host= names a socket directory
  int port = 0;      // 0 = libpq default
  std::string database;
  std::vector<std::pair<std::string, std::string>> query;
  std::string conninfo;
};

// Parses a store URL. Errors name what is wrong (InvalidArgument), never echo a password.
Result<DatabaseUrl> ParseDatabaseUrl(std::string_view url);

// The URL with any password (user:PASS@ or ?password=PASS) replaced by ***. Works on any
// string, parseable or not.
std::string RedactDatabaseUrl(std::string_view url);

// Replaces every occurrence of `secret` in `text` by *** (for library error messages).
std::string MaskSecret(std::string text, std::string_view secret);

// "sqlite://<path>, sqlite::memory:, postgresql://..., postgres://...".
std::string_view AcceptedDatabaseSchemes();

}  // namespace pulse::storage
