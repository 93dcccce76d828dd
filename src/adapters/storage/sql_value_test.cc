#include "adapters/storage/sql_value.h"

#include <gtest/gtest.h>

namespace pulse::storage {
namespace {

TEST(SqlRowTest, TypedGettersReturnValuesAndRejectMismatches) {
  SqlRow row({SqlValue(std::int64_t{42}), SqlValue(1.5), SqlValue("text"), SqlValue()});
  EXPECT_EQ(*row.GetInt64(0), 42);
  EXPECT_EQ(*row.GetDouble(0), 42.0);  // integers widen to double
  EXPECT_EQ(*row.GetDouble(1), 1.5);
  EXPECT_EQ(*row.GetString(2), "text");
  EXPECT_TRUE(row.IsNull(3));
  EXPECT_FALSE(row.IsNull(0));

  EXPECT_EQ(row.GetInt64(1).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(row.GetString(0).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(row.GetDouble(2).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(row.GetInt64(3).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(row.GetInt64(9).status().code(), StatusCode::kOutOfRange);
  EXPECT_NE(row.GetInt64(1).status().message().find("expected integer, got real"),
            std::string::npos);
}

TEST(SqlRowTest, OptionalGettersMapNullToNullopt) {
  SqlRow row({SqlValue(), SqlValue(std::int64_t{1}), SqlValue(2.5), SqlValue("x")});
  EXPECT_EQ(*row.GetOptionalInt64(0), std::nullopt);
  EXPECT_EQ(*row.GetOptionalDouble(0), std::nullopt);
  EXPECT_EQ(*row.GetOptionalString(0), std::nullopt);
  EXPECT_EQ(*row.GetOptionalBool(0), std::nullopt);
  EXPECT_EQ(*row.GetOptionalInt64(1), std::optional<std::int64_t>(1));
  EXPECT_EQ(*row.GetOptionalBool(1), std::optional<bool>(true));
  EXPECT_EQ(*row.GetOptionalDouble(2), std::optional<double>(2.5));
  EXPECT_EQ(*row.GetOptionalString(3), std::optional<std::string>("x"));
  EXPECT_FALSE(row.GetOptionalInt64(3).ok());
}

TEST(SqlRowTest, BoolsAreZeroOrOne) {
  SqlRow row({SqlValue(std::int64_t{0}), SqlValue(std::int64_t{1}), SqlValue(std::int64_t{2})});
  EXPECT_FALSE(*row.GetBool(0));
  EXPECT_TRUE(*row.GetBool(1));
  EXPECT_EQ(row.GetBool(2).status().code(), StatusCode::kInvalidArgument);
}

TEST(SqlValueTest, NullableHelpersAndRendering) {
  EXPECT_EQ(SqlNullable(std::optional<double>()), SqlValue());
  EXPECT_EQ(SqlNullable(std::optional<double>(2.0)), SqlValue(2.0));
  EXPECT_EQ(SqlNullable(std::optional<bool>(true)), SqlValue(std::int64_t{1}));
  EXPECT_EQ(SqlNullable(std::optional<std::string>("a")), SqlValue("a"));
  EXPECT_EQ(SqlValueToString(SqlValue()), "NULL");
  EXPECT_EQ(SqlValueToString(SqlValue(std::int64_t{7})), "7");
  EXPECT_EQ(SqlValueToString(SqlValue(0.1)), "0.1");
  EXPECT_EQ(SqlValueToString(SqlValue("x")), "'x'");
  EXPECT_STREQ(SqlValueTypeName(SqlValue(1.0)), "real");
}

}  // namespace
}  // namespace pulse::storage
