#include "model/trading.h"

#include <gtest/gtest.h>

namespace pulse {
namespace {

TEST(TradingTest, NamesRoundTrip) {
  for (OrderSide s : {OrderSide::kBuy, OrderSide::kSell}) {
    EXPECT_EQ(*ParseOrderSide(OrderSideName(s)), s);
  }
  for (TradingMode m : {TradingMode::kPaper, TradingMode::kLive, TradingMode::kBacktest}) {
    EXPECT_EQ(*ParseTradingMode(TradingModeName(m)), m);
  }
  for (PositionStatus p : {PositionStatus::kOpen, PositionStatus::kClosed}) {
    EXPECT_EQ(*ParsePositionStatus(PositionStatusName(p)), p);
  }
  EXPECT_EQ(*ParseOrderSide("SELL"), OrderSide::kSell);
  EXPECT_EQ(RejectReasonName(RejectReason::kInsufficientCash), "insufficient_cash");
  EXPECT_EQ(RejectReasonName(RejectReason::kPriceBeyondLevels), "price_beyond_levels");
}

TEST(TradingTest, UnknownNamesAreErrorsNamingTheText) {
  Result<OrderSide> side = ParseOrderSide("hold");
  ASSERT_FALSE(side.ok());
  EXPECT_EQ(side.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(side.status().message().find("'hold'"), std::string::npos);
  EXPECT_FALSE(ParseTradingMode("demo").ok());
  EXPECT_FALSE(ParsePositionStatus("pending").ok());
}

TEST(TradingTest, EntryAndExitSidesFollowTheDirection) {
  EXPECT_EQ(EntrySide(Direction::kLong), OrderSide::kBuy);
  EXPECT_EQ(ExitSide(Direction::kLong), OrderSide::kSell);
  EXPECT_EQ(EntrySide(Direction::kShort), OrderSide::kSell);
  EXPECT_EQ(ExitSide(Direction::kShort), OrderSide::kBuy);
}

}  // namespace
}  // namespace pulse
