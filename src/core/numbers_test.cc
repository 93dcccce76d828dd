#include "core/numbers.h"

#include <gtest/gtest.h>

namespace pulse {
namespace {

TEST(NumbersTest, ParsesWholeText) {
  EXPECT_DOUBLE_EQ(*ParseFiniteDouble("50000", "price"), 50000);
  EXPECT_DOUBLE_EQ(*ParseFiniteDouble(" 0.81 ", "confidence"), 0.81);
  EXPECT_DOUBLE_EQ(*ParseFiniteDouble("1e-3", "x"), 0.001);
  EXPECT_DOUBLE_EQ(*ParseFiniteDouble("-2.5", "x"), -2.5);
  EXPECT_EQ(*ParseInt64("42", "id"), 42);
}

TEST(NumbersTest, RefusesWithFieldName) {
  EXPECT_EQ(ParseFiniteDouble("abc", "price").status().message(), "price 'abc' is not a number");
  EXPECT_EQ(ParseFiniteDouble("12abc", "price").status().message(),
            "price '12abc' is not a number");
  EXPECT_EQ(ParseFiniteDouble("nan", "price").status().message(),
            "price must be finite, got 'nan'");
  EXPECT_FALSE(ParseFiniteDouble("inf", "price").ok());
  EXPECT_FALSE(ParseFiniteDouble("", "price").ok());
  EXPECT_EQ(ParsePositiveDouble("0", "price").status().message(),
            "price must be positive, got '0'");
  EXPECT_EQ(ParsePositiveDouble("-3", "price").status().message(),
            "price must be positive, got '-3'");
  EXPECT_FALSE(ParseInt64("4.2", "id").ok());
  EXPECT_FALSE(ParseInt64("x", "id").ok());
}

}  // namespace
}  // namespace pulse
