#include "core/numbers.h"

#include <cmath>
#include <limits>

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

TEST(NumbersTest, PriceTextKeepsEightSignificantDigitsInFixedNotation) {
  EXPECT_EQ(PriceText(3435.6185234684763), "3435.6185");
  EXPECT_EQ(PriceText(50000), "50000");
  EXPECT_EQ(PriceText(138.5), "138.5");
  EXPECT_EQ(PriceText(42.76986766805004), "42.769868");
  EXPECT_EQ(PriceText(1.2345678e-5), "0.000012345678");
  EXPECT_EQ(PriceText(0.1 + 0.2), "0.3");
  EXPECT_EQ(PriceText(9.999999999), "10");
  EXPECT_EQ(PriceText(123456789.4), "123456789");
  EXPECT_EQ(PriceText(-2.5), "-2.5");
  EXPECT_EQ(PriceText(-0.0), "0");
  EXPECT_EQ(PriceText(0), "0");
  EXPECT_EQ(PriceText(3435.6185234684763, 4), "3436");
  EXPECT_EQ(PriceText(std::numeric_limits<double>::infinity()), "inf");
  EXPECT_EQ(PriceText(std::nan("")), "nan");
}

TEST(NumbersTest, FormatGroupedWritesFixedNotationWithThousands) {
  EXPECT_EQ(FormatGrouped(10030.123, 2), "10,030.12");
  EXPECT_EQ(FormatGrouped(10000, 2), "10,000.00");
  EXPECT_EQ(FormatGrouped(999.999, 2), "1,000.00");
  EXPECT_EQ(FormatGrouped(-1234567.891, 2), "-1,234,567.89");
  EXPECT_EQ(FormatGrouped(-1.37, 2), "-1.37");
  EXPECT_EQ(FormatGrouped(-0.001, 2), "0.00");
  EXPECT_EQ(FormatGrouped(197227, 0), "197,227");
  EXPECT_EQ(FormatGrouped(123, 0), "123");
}

}  // namespace
}  // namespace pulse
