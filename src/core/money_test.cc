#include "core/money.h"

#include <cmath>

#include <gtest/gtest.h>

namespace pulse {
namespace {

TEST(MoneyTest, ParseIsExact) {
  EXPECT_EQ(Money::Parse("0.1")->raw(), 10'000'000);
  EXPECT_EQ(Money::Parse("-12.34567891")->raw(), -1'234'567'891);
  EXPECT_EQ(Money::Parse("50000")->ToString(), "50000");
  EXPECT_FALSE(Money::Parse("1.123456789").ok());
  EXPECT_FALSE(Money::Parse("abc").ok());
  EXPECT_FALSE(Money::Parse("").ok());
  EXPECT_FALSE(Money::Parse("1e3").ok());
}

TEST(MoneyTest, SumsDoNotDrift) {
  Money total;
  const Money dime = *Money::Parse("0.1");
  for (int i = 0; i < 1000; ++i) total += dime;
  EXPECT_EQ(total, Money::FromUnits(100));
}

TEST(MoneyTest, FromDoubleRoundsAndRefusesNaN) {
  EXPECT_EQ(Money::FromDouble(0.123456785)->ToString(), "0.12345679");
  EXPECT_FALSE(Money::FromDouble(std::nan("")).ok());
  EXPECT_FALSE(Money::FromDouble(1e300).ok());
}

TEST(MoneyTest, FixedDecimals) {
  EXPECT_EQ(Money::Parse("12.345")->ToString(2), "12.35");
  EXPECT_EQ(Money::Parse("-12.345")->ToString(2), "-12.35");
  EXPECT_EQ(Money::Parse("-0.001")->ToString(2), "0.00");
  EXPECT_EQ(Money::FromUnits(3).MultipliedBy(0.001).ToString(), "0.003");
}

}  // namespace
}  // namespace pulse
