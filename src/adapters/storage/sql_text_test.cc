#include "adapters/storage/sql_text.h"

#include <gtest/gtest.h>

namespace pulse::storage {
namespace {

TEST(SqlTextTest, NumbersPlaceholdersInOrder) {
  NumberedSql n = NumberPlaceholders("SELECT a FROM t WHERE b = ? AND c IN (?, ?)");
  EXPECT_EQ(n.sql, "SELECT a FROM t WHERE b = $1 AND c IN ($2, $3)");
  EXPECT_EQ(n.placeholders, 3u);
}

TEST(SqlTextTest, LeavesQuotedTextAndCommentsAlone) {
  NumberedSql n = NumberPlaceholders(
      "SELECT '?', 'it''s ?', \"col?\" -- why?\n, /* what? */ ? , $$a?b$$, $tag$?$tag$, ?");
  EXPECT_EQ(n.sql,
            "SELECT '?', 'it''s ?', \"col?\" -- why?\n, /* what? */ $1 , $$a?b$$, $tag$?$tag$, $2");
  EXPECT_EQ(n.placeholders, 2u);
}

TEST(SqlTextTest, PositionalDollarParametersAreNotDollarQuotes) {
  NumberedSql n = NumberPlaceholders("SELECT $1, ?");
  EXPECT_EQ(n.sql, "SELECT $1, $1");
  EXPECT_EQ(n.placeholders, 1u);
}

TEST(SqlTextTest, UnterminatedQuoteCopiesTheRest) {
  NumberedSql n = NumberPlaceholders("SELECT 'abc ?");
  EXPECT_EQ(n.sql, "SELECT 'abc ?");
  EXPECT_EQ(n.placeholders, 0u);
}

TEST(SqlTextTest, BuildsMultiRowUpsert) {
  BulkUpsertSpec spec{"ohlcv", {"k", "t", "v", "w"}, {"k", "t"}};
  EXPECT_EQ(BuildUpsertSql(spec, 2),
            "INSERT INTO ohlcv (k, t, v, w) VALUES (?,?,?,?),(?,?,?,?) ON CONFLICT (k, t) "
            "DO UPDATE SET v = excluded.v, w = excluded.w");
  BulkUpsertSpec keys_only{"tags", {"a", "b"}, {"a", "b"}};
  EXPECT_EQ(BuildUpsertSql(keys_only, 1),
            "INSERT INTO tags (a, b) VALUES (?,?) ON CONFLICT (a, b) DO NOTHING");
}

TEST(SqlTextTest, ValidatesBulkUpsertSpecs) {
  BulkUpsertSpec good{"ohlcv", {"a", "b"}, {"a"}};
  EXPECT_TRUE(ValidateBulkUpsert(good, 4).ok());
  EXPECT_EQ(ValidateBulkUpsert(good, 3).code(), StatusCode::kInvalidArgument);
  BulkUpsertSpec injection{"ohlcv; DROP TABLE x", {"a"}, {"a"}};
  EXPECT_EQ(ValidateBulkUpsert(injection, 1).code(), StatusCode::kInvalidArgument);
  BulkUpsertSpec bad_key{"t", {"a"}, {"b"}};
  EXPECT_EQ(ValidateBulkUpsert(bad_key, 1).code(), StatusCode::kInvalidArgument);
  BulkUpsertSpec upper{"t", {"A"}, {"A"}};
  EXPECT_EQ(ValidateBulkUpsert(upper, 1).code(), StatusCode::kInvalidArgument);
}

TEST(SqlTextTest, SnippetIsFirstLineShortened) {
  EXPECT_EQ(SqlSnippet("  SELECT 1\nFROM t"), "SELECT 1...");
  EXPECT_EQ(SqlSnippet("SELECT 1"), "SELECT 1");
  EXPECT_EQ(SqlSnippet(std::string(100, 'x')), std::string(80, 'x') + "...");
}

}  // namespace
}  // namespace pulse::storage
