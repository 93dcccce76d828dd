#include "core/time.h"

#include <gtest/gtest.h>

#include "core/clock.h"

namespace pulse {
namespace {

TEST(TimeTest, ParsesUtcForms) {
  EXPECT_EQ(*ParseIso8601("1970-01-01T00:00:00Z"), 0);
  // 2020-12-01T00:00:00Z is the first bar of the bundled Binance sample.
  EXPECT_EQ(*ParseIso8601("2020-12-01T00:00:00Z"), FromMillis(1606780800000));
  EXPECT_EQ(*ParseIso8601("2020-12-01 00:05:00"), FromMillis(1606781100000));
  EXPECT_EQ(*ParseIso8601("2020-12-01"), FromMillis(1606780800000));
  EXPECT_EQ(*ParseIso8601("2020-12-01T02:00:00+02:00"), FromMillis(1606780800000));
  EXPECT_EQ(*ParseIso8601("2020-11-30T19:00:00.250-05:00"), FromMillis(1606780800250));
}

TEST(TimeTest, RejectsGarbageWithReason) {
  for (const char* bad : {"", "yesterday", "2026-13-01", "2026-02-30T00:00:00Z",
                          "2026-11-21T25:00:00Z", "2026-11-21T10:00:00Zjunk", "2026-11-21T10"}) {
    Result<UnixNanos> r = ParseIso8601(bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_NE(r.status().message().find("unparseable time"), std::string::npos);
  }
}

TEST(TimeTest, FormatRoundTrips) {
  EXPECT_EQ(FormatIso8601(FromMillis(1606780800000)), "2020-12-01T00:00:00Z");
  EXPECT_EQ(FormatIso8601(FromMillis(1606780800250)), "2020-12-01T00:00:00.250Z");
  EXPECT_EQ(*ParseIso8601(FormatIso8601(FromMillis(951782400000))), FromMillis(951782400000));
  EXPECT_EQ(FormatIso8601(FromMillis(951782400000)), "2000-02-29T00:00:00Z");
}

TEST(TimeTest, Weekday) {
  EXPECT_EQ(IsoWeekday(0), 3);                                      // Thursday
  EXPECT_EQ(IsoWeekday(*ParseIso8601("2026-11-23T12:00:00Z")), 0);  // Monday
}

TEST(ClockTest, SimulatedClockNeverGoesBack) {
  SimulatedClock clock(100);
  EXPECT_TRUE(clock.SetTime(200));
  EXPECT_FALSE(clock.SetTime(150));
  EXPECT_EQ(clock.Now(), 200);
  clock.Advance(5);
  EXPECT_EQ(clock.Now(), 205);
}

TEST(ClockTest, SystemClockIsAfter2024) {
  EXPECT_GT(SystemClock::Instance().Now(), *ParseIso8601("2024-01-01T00:00:00Z"));
}

}  // namespace
}  // namespace pulse
