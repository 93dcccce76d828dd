#include "adapters/storage/sqlite_database.h"

#include <stdlib.h>

#include <filesystem>

#include <gtest/gtest.h>

#include "adapters/storage/migrator.h"
#include "adapters/storage/open_database.h"

namespace pulse::storage {
namespace {

namespace fs = std::filesystem;

class SqliteDatabaseTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string templ = (fs::temp_directory_path() / "pulse-sqlite-unit-XXXXXX").string();
    ASSERT_NE(::mkdtemp(templ.data()), nullptr);
    dir_ = templ;
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string PragmaText(SqlDatabase& db, const std::string& pragma) {
    auto rows = db.Query("PRAGMA " + pragma);
    EXPECT_TRUE(rows.ok()) << rows.status();
    if (!rows.ok() || rows->empty()) return "";
    return SqlValueToString(rows->at(0).values().at(0));
  }

  std::string dir_;
};

TEST_F(SqliteDatabaseTest, OpensWithWalAndSettingsAndCreatesTheDirectory) {
  const std::string path = dir_ + "/nested/var/pulse.db";
  auto db = OpenDatabase("sqlite://" + path);
  ASSERT_TRUE(db.ok()) << db.status();
  EXPECT_TRUE(fs::exists(path));
  EXPECT_EQ((*db)->dialect(), SqlDialect::kSqlite);
  EXPECT_EQ((*db)->redacted_url(), "sqlite://" + path);
  EXPECT_EQ(PragmaText(**db, "journal_mode"), "'wal'");
  EXPECT_EQ(PragmaText(**db, "synchronous"), "1");  // NORMAL
  EXPECT_EQ(PragmaText(**db, "busy_timeout"), "5000");
  EXPECT_EQ(PragmaText(**db, "foreign_keys"), "1");
}

TEST_F(SqliteDatabaseTest, RelativePathsAreRelativeToTheWorkingDirectory) {
  const fs::path old = fs::current_path();
  fs::current_path(dir_);
  auto db = OpenDatabase("sqlite://./var/pulse.db");
  fs::current_path(old);
  ASSERT_TRUE(db.ok()) << db.status();
  EXPECT_TRUE(fs::exists(dir_ + "/var/pulse.db"));
}

TEST_F(SqliteDatabaseTest, MemoryDatabasesArePrivateAndMigratable) {
  auto a = OpenDatabase("sqlite::memory:");
  auto b = OpenDatabase("sqlite::memory:");
  ASSERT_TRUE(a.ok() && b.ok());
  ASSERT_TRUE(Migrator(**a).Migrate().ok());
  EXPECT_TRUE((*a)->Query("SELECT count(*) FROM signals").ok());
  EXPECT_EQ((*b)->Query("SELECT count(*) FROM signals").status().code(),
            StatusCode::kFailedPrecondition);
}

TEST_F(SqliteDatabaseTest, ReusesPreparedStatements) {
  auto db = SqliteDatabase::Open(":memory:");
  ASSERT_TRUE(db.ok()) << db.status();
  ASSERT_TRUE((*db)->Execute("CREATE TABLE t (x INTEGER)").ok());
  const std::size_t before = (*db)->cached_statements();
  for (std::int64_t i = 0; i < 100; ++i) {
    ASSERT_TRUE((*db)->Execute("INSERT INTO t (x) VALUES (?)", {SqlValue(i)}).ok());
  }
  EXPECT_EQ((*db)->cached_statements(), before + 1);
  auto sum = (*db)->Query("SELECT sum(x) FROM t");
  ASSERT_TRUE(sum.ok());
  EXPECT_EQ(*sum->at(0).GetInt64(0), 4950);
}

TEST_F(SqliteDatabaseTest, OneStatementPerExecute) {
  auto db = SqliteDatabase::Open(":memory:");
  ASSERT_TRUE(db.ok());
  auto two = (*db)->Execute("CREATE TABLE a (x INTEGER); CREATE TABLE b (x INTEGER)");
  EXPECT_EQ(two.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(two.status().message().find("ExecuteScript"), std::string::npos);
  EXPECT_TRUE((*db)->Execute("CREATE TABLE a (x INTEGER);  ").ok());  // trailing ; is fine
  EXPECT_EQ((*db)->Execute("   ").status().code(), StatusCode::kInvalidArgument);
}

TEST_F(SqliteDatabaseTest, GarbageFileIsDataLoss) {
  const std::string path = dir_ + "/garbage.db";
  {
    FILE* f = std::fopen(path.c_str(), "w");
    ASSERT_NE(f, nullptr);
    std::fputs("this is not a database, just some text long enough to be a header........", f);
    std::fclose(f);
  }
  auto db = OpenDatabase("sqlite://" + path);
  ASSERT_FALSE(db.ok());
  EXPECT_EQ(db.status().code(), StatusCode::kDataLoss) << db.status();
}

TEST_F(SqliteDatabaseTest, OpenDatabaseRejectsBadUrls) {
  auto bad = OpenDatabase("mysql://x/y");
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(bad.status().message().find("accepted"), std::string::npos);
}

}  // namespace
}  // namespace pulse::storage
