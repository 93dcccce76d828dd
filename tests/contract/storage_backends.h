// Backends for the storage contract suites: each typed suite runs once per backend type here.
// SQLite uses a file in a fresh temporary directory; PostgreSQL uses a fresh database on one
// server started lazily per test binary (PostgresTestServer) and stopped at exit.
#pragma once

#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "adapters/storage/migrator.h"
#include "adapters/storage/open_database.h"
#include "adapters/storage/sql_database.h"
#include "core/status.h"

namespace pulse::testing {

// A fresh, empty database: its URL (open more connections with OpenDatabase) and cleanup.
// Lifecycle: Create() per test; the destructor removes SQLite files (PostgreSQL databases go
// with the server). Threading: thread-compatible.
class FreshDatabase {
 public:
  virtual ~FreshDatabase() = default;
  const std::string& url() const { return url_; }

 protected:
  std::string url_;
};

struct SqliteBackend {
  static constexpr const char* kName = "Sqlite";
  static Result<std::unique_ptr<FreshDatabase>> Create();
};

struct PostgresBackend {
  static constexpr const char* kName = "Postgres";
  // Fails (never skips) with a clear message when PostgreSQL cannot be started.
  static Result<std::unique_ptr<FreshDatabase>> Create();
};

using StorageBackends = ::testing::Types<SqliteBackend, PostgresBackend>;

// Names the typed-test instantiations "Sqlite" and "Postgres".
struct BackendName {
  template <typename T>
  static std::string GetName(int) {
    return T::kName;
  }
};

// A fresh database of one backend and a connection to it (destroyed first).
struct OpenedDatabase {
  std::unique_ptr<FreshDatabase> fresh;
  std::unique_ptr<storage::SqlDatabase> db;
};

// A fresh database of `Backend`, opened and, with `migrate`, migrated to the latest version:
// the fixture below, and tests that need several databases at once.
template <typename Backend>
Result<OpenedDatabase> OpenFreshDatabase(bool migrate = true) {
  ASSIGN_OR_RETURN(std::unique_ptr<FreshDatabase> fresh, Backend::Create());
  ASSIGN_OR_RETURN(std::unique_ptr<storage::SqlDatabase> db, storage::OpenDatabase(fresh->url()));
  if (migrate) RETURN_IF_ERROR(storage::Migrator(*db).Migrate());
  return OpenedDatabase{std::move(fresh), std::move(db)};
}

// Base fixture: a fresh database per test, migrated to the latest version in db().
template <typename Backend>
class StorageContractTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Result<OpenedDatabase> opened = OpenFreshDatabase<Backend>(migrate_);
    ASSERT_TRUE(opened.ok()) << opened.status();
    fresh_ = std::move(opened->fresh);
    db_ = std::move(opened->db);
  }
  void TearDown() override {
    db_.reset();
    fresh_.reset();
  }

  // Another connection to the same database.
  std::unique_ptr<storage::SqlDatabase> OpenAnother() {
    auto db = storage::OpenDatabase(fresh_->url());
    EXPECT_TRUE(db.ok()) << db.status();
    return db.ok() ? std::move(db).value() : nullptr;
  }
  // Single integer from a query, or -1 (with a test failure) on error.
  std::int64_t ScalarInt(const std::string& sql) {
    auto rows = db_->Query(sql);
    EXPECT_TRUE(rows.ok()) << rows.status();
    if (!rows.ok() || rows->empty()) return -1;
    auto v = rows->at(0).GetInt64(0);
    EXPECT_TRUE(v.ok()) << v.status();
    return v.ok() ? *v : -1;
  }

  bool migrate_ = true;
  std::unique_ptr<FreshDatabase> fresh_;
  std::unique_ptr<storage::SqlDatabase> db_;
};

}  // namespace pulse::testing
