#include "core/timeframe.h"

#include <gtest/gtest.h>

namespace pulse {
namespace {

UnixNanos T(const char* s) { return *ParseIso8601(s); }

TEST(TimeframeTest, ParsesEverySupportedName) {
  for (const char* name : {"1m", "3m", "5m", "15m", "30m", "1h", "2h", "4h", "6h", "8h", "12h",
                           "1d", "3d", "1w", "1M"}) {
    Result<Timeframe> tf = Timeframe::Parse(name);
    ASSERT_TRUE(tf.ok()) << name;
    EXPECT_EQ(tf->ToString(), name);
  }
}

TEST(TimeframeTest, RejectsUnknownListingAccepted) {
  Result<Timeframe> tf = Timeframe::Parse("7m");
  ASSERT_FALSE(tf.ok());
  EXPECT_NE(tf.status().message().find("accepted: 1m"), std::string::npos);
  EXPECT_FALSE(Timeframe::Parse("1H").ok());
}

TEST(TimeframeTest, BucketAlignment) {
  EXPECT_EQ(Timeframe::Minutes(5).BucketStart(T("2021-01-01T10:07:59Z")),
            T("2021-01-01T10:05:00Z"));
  EXPECT_EQ(Timeframe::Hours(4).BucketStart(T("2021-01-01T03:59:00Z")), T("2021-01-01T00:00:00Z"));
  EXPECT_EQ(Timeframe::Days(1).BucketStart(T("2021-01-01T23:59:00Z")), T("2021-01-01T00:00:00Z"));
  // Binance weeks start on Monday; 2018-04-23 was a Monday (see octobot BTC_USDT_1w).
  EXPECT_EQ(Timeframe::Weeks(1).BucketStart(T("2018-04-29T23:00:00Z")), T("2018-04-23T00:00:00Z"));
  // Binance 3d bars: 2017-08-17, 2018-04-26 are bucket starts (octobot BTC_USDT_3d).
  EXPECT_EQ(Timeframe::Days(3).BucketStart(T("2018-04-28T10:00:00Z")), T("2018-04-26T00:00:00Z"));
  EXPECT_EQ(Timeframe::Days(3).BucketStart(T("2017-08-17T00:00:00Z")), T("2017-08-17T00:00:00Z"));
  EXPECT_EQ(Timeframe::Months(1).BucketStart(T("2020-02-29T12:00:00Z")), T("2020-02-01T00:00:00Z"));
}

TEST(TimeframeTest, MonthArithmeticIsCalendar) {
  const Timeframe m = Timeframe::Months(1);
  EXPECT_EQ(m.Next(T("2020-01-01T00:00:00Z")), T("2020-02-01T00:00:00Z"));
  EXPECT_EQ(m.Next(T("2020-12-01T00:00:00Z")), T("2021-01-01T00:00:00Z"));
  EXPECT_EQ(m.Add(T("2020-03-01T00:00:00Z"), -3), T("2019-12-01T00:00:00Z"));
  EXPECT_EQ(Timeframe::Hours(1).Add(T("2020-03-01T00:00:00Z"), 25), T("2020-03-02T01:00:00Z"));
}

TEST(TimeframeTest, Divides) {
  EXPECT_TRUE(Timeframe::Minutes(1).Divides(Timeframe::Minutes(5)));
  EXPECT_TRUE(Timeframe::Minutes(5).Divides(Timeframe::Hours(1)));
  EXPECT_FALSE(Timeframe::Minutes(15).Divides(Timeframe::Minutes(5)));
  EXPECT_FALSE(Timeframe::Hours(2).Divides(Timeframe::Hours(3 * 1)));
  EXPECT_TRUE(Timeframe::Hours(1).Divides(Timeframe::Months(1)));
  EXPECT_TRUE(Timeframe::Days(1).Divides(Timeframe::Weeks(1)));
  EXPECT_TRUE(Timeframe::Days(1).Divides(Timeframe::Days(3)));
  EXPECT_FALSE(Timeframe::Days(3).Divides(Timeframe::Weeks(1)));
}

}  // namespace
}  // namespace pulse
