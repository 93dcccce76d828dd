#include "adapters/storage/database_url.h"

#include <gtest/gtest.h>

namespace pulse::storage {
namespace {

TEST(DatabaseUrlTest, SqliteRelativeAbsoluteAndMemory) {
  auto rel = ParseDatabaseUrl("sqlite://./var/pulse.db");
  ASSERT_TRUE(rel.ok()) << rel.status();
  EXPECT_EQ(rel->dialect, SqlDialect::kSqlite);
  EXPECT_EQ(rel->sqlite_path, "./var/pulse.db");

  auto abs = ParseDatabaseUrl("sqlite:///abs/path.db");
  ASSERT_TRUE(abs.ok()) << abs.status();
  EXPECT_EQ(abs->sqlite_path, "/abs/path.db");

  auto mem = ParseDatabaseUrl("sqlite::memory:");
  ASSERT_TRUE(mem.ok()) << mem.status();
  EXPECT_EQ(mem->sqlite_path, ":memory:");
  EXPECT_EQ(mem->redacted, "sqlite::memory:");
}

TEST(DatabaseUrlTest, SqliteErrorsSayWhatIsWrong) {
  auto empty_path = ParseDatabaseUrl("sqlite://");
  ASSERT_FALSE(empty_path.ok());
  EXPECT_EQ(empty_path.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(empty_path.status().message().find("names no file"), std::string::npos);

  auto bad_form = ParseDatabaseUrl("sqlite:pulse.db");
  ASSERT_FALSE(bad_form.ok());
  EXPECT_NE(bad_form.status().message().find("sqlite://<path> or sqlite::memory:"),
            std::string::npos);

  auto dir = ParseDatabaseUrl("sqlite://./var/");
  ASSERT_FALSE(dir.ok());
  EXPECT_NE(dir.status().message().find("directory"), std::string::npos);
}

TEST(DatabaseUrlTest, PostgresFullUrl) {
  auto url = ParseDatabaseUrl("postgresql://pulse:s3cret@db.local:6543/pulse?sslmode=disable");
  ASSERT_TRUE(url.ok()) << url.status();
  EXPECT_EQ(url->dialect, SqlDialect::kPostgres);
  EXPECT_EQ(url->user, "pulse");
  EXPECT_EQ(url->password, "s3cret");
  EXPECT_EQ(url->host, "db.local");
  EXPECT_EQ(url->port, 6543);
  EXPECT_EQ(url->database, "pulse");
  ASSERT_EQ(url->query.size(), 1u);
  EXPECT_EQ(url->query[0].first, "sslmode");
  EXPECT_EQ(url->query[0].second, "disable");
  EXPECT_EQ(url->redacted, "postgresql://pulse:***@db.local:6543/pulse?sslmode=disable");
  EXPECT_EQ(url->conninfo, "postgresql://pulse:s3cret@db.local:6543/pulse?sslmode=disable");
}

TEST(DatabaseUrlTest, PostgresShortSchemeSocketDirAndIpv6) {
  auto socket = ParseDatabaseUrl("postgres:///pulse?host=/tmp/pg-sock");
  ASSERT_TRUE(socket.ok()) << socket.status();
  EXPECT_EQ(socket->host, "");
  EXPECT_EQ(socket->database, "pulse");
  ASSERT_EQ(socket->query.size(), 1u);
  EXPECT_EQ(socket->query[0].second, "/tmp/pg-sock");

  auto v6 = ParseDatabaseUrl("postgresql://u@[::1]:5433/db");
  ASSERT_TRUE(v6.ok()) << v6.status();
  EXPECT_EQ(v6->host, "::1");
  EXPECT_EQ(v6->port, 5433);
  EXPECT_EQ(v6->user, "u");
  EXPECT_EQ(v6->password, "");
}

TEST(DatabaseUrlTest, PostgresErrorsNeverShowThePassword) {
  auto no_db = ParseDatabaseUrl("postgresql://pulse:hunter2@localhost:5432");
  ASSERT_FALSE(no_db.ok());
  EXPECT_NE(no_db.status().message().find("names no database"), std::string::npos);
  EXPECT_EQ(no_db.status().message().find("hunter2"), std::string::npos);
  EXPECT_NE(no_db.status().message().find("pulse:***@"), std::string::npos);

  auto bad_port = ParseDatabaseUrl("postgresql://pulse:hunter2@localhost:54x2/db");
  ASSERT_FALSE(bad_port.ok());
  EXPECT_NE(bad_port.status().message().find("port '54x2'"), std::string::npos);
  EXPECT_EQ(bad_port.status().message().find("hunter2"), std::string::npos);

  auto big_port = ParseDatabaseUrl("postgresql://localhost:70000/db");
  ASSERT_FALSE(big_port.ok());
  EXPECT_NE(big_port.status().message().find("1..65535"), std::string::npos);

  auto bad_query = ParseDatabaseUrl("postgresql://localhost/db?sslmode");
  ASSERT_FALSE(bad_query.ok());
  EXPECT_NE(bad_query.status().message().find("'sslmode' is not key=value"), std::string::npos);
}

TEST(DatabaseUrlTest, UnknownSchemeListsAcceptedOnes) {
  auto mysql = ParseDatabaseUrl("mysql://root:pw@localhost/db");
  ASSERT_FALSE(mysql.ok());
  EXPECT_EQ(mysql.status().code(), StatusCode::kInvalidArgument);
  const std::string& m = mysql.status().message();
  EXPECT_NE(m.find("unknown database URL scheme 'mysql'"), std::string::npos) << m;
  EXPECT_NE(m.find("sqlite::memory:"), std::string::npos) << m;
  EXPECT_NE(m.find("postgresql://"), std::string::npos) << m;
  EXPECT_EQ(m.find(":pw@"), std::string::npos) << m;

  auto none = ParseDatabaseUrl("./var/pulse.db");
  ASSERT_FALSE(none.ok());
  EXPECT_NE(none.status().message().find("has no scheme"), std::string::npos);

  auto empty = ParseDatabaseUrl("");
  ASSERT_FALSE(empty.ok());
  EXPECT_NE(empty.status().message().find("empty database URL"), std::string::npos);
}

TEST(DatabaseUrlTest, RedactsPasswordsEverywhere) {
  EXPECT_EQ(RedactDatabaseUrl("postgresql://u:p@h/db"), "postgresql://u:***@h/db");
  EXPECT_EQ(RedactDatabaseUrl("postgresql://u:p@ss@h/db"), "postgresql://u:***@h/db");
  EXPECT_EQ(RedactDatabaseUrl("postgresql://u@h:5432/db"), "postgresql://u@h:5432/db");
  EXPECT_EQ(RedactDatabaseUrl("postgresql://h/db?user=u&password=p&sslmode=require"),
            "postgresql://h/db?user=u&password=***&sslmode=require");
  EXPECT_EQ(RedactDatabaseUrl("host=h password=secret dbname=x"), "host=h password=*** dbname=x");
  EXPECT_EQ(RedactDatabaseUrl("sqlite://./var/pulse.db"), "sqlite://./var/pulse.db");
}

TEST(DatabaseUrlTest, MaskSecretReplacesEveryOccurrence) {
  EXPECT_EQ(MaskSecret("pw failed for pw", "pw"), "*** failed for ***");
  EXPECT_EQ(MaskSecret("nothing here", ""), "nothing here");
  EXPECT_EQ(MaskSecret("aaaa", "aa"), "******");
}

}  // namespace
}  // namespace pulse::storage
