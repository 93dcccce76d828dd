#include "core/time.h"

#include <limits>

#include <gtest/gtest.h>

#include "core/clock.h"

namespace pulse {
namespace {

TEST(TimeTest, FloorDivRoundsDownWhateverTheSigns) {
  static_assert(FloorDiv(7, 2) == 3);
  EXPECT_EQ(FloorDiv(-7, 2), -4);
  EXPECT_EQ(FloorDiv(7, -2), -4);
  EXPECT_EQ(FloorDiv(-7, -2), 3);
  EXPECT_EQ(FloorDiv(-6, 2), -3);
  EXPECT_EQ(FloorDiv(0, 5), 0);
  // The UTC day of the last nanosecond before 1970 is day -1.
  EXPECT_EQ(FloorDiv(-1, kNanosPerDay), -1);
  EXPECT_EQ(FloorDiv(kNanosPerDay, kNanosPerDay), 1);
}

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

// Beyond 1678..2261 the nanoseconds since 1970 leave 64 bits: refused, not wrapped around.
TEST(TimeTest, RefusesYearsBeyondWhatNanosecondsHold) {
  for (const char* bad : {"9999-12-31", "2262-04-12", "1677-09-22", "0001-01-01T00:00:00Z"}) {
    Result<UnixNanos> r = ParseIso8601(bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_NE(r.status().message().find("year out of range (1678..2261"), std::string::npos)
        << r.status().message();
  }
  EXPECT_EQ(*ParseIso8601("1678-01-01T00:00:00+23:59"), FromCivil({1677, 12, 31, 0, 1, 0, 0}));
  EXPECT_EQ(FormatIso8601(*ParseIso8601("2261-12-31T23:59:59-23:59")), "2262-01-01T23:58:59Z");
}

TEST(TimeTest, EpochUnitsByMagnitudeAndIso) {
  const UnixNanos t = FromMillis(1606780800000);  // 2020-12-01T00:00:00Z
  EXPECT_EQ(*ParseEpochOrIso8601("1606780800"), t);
  EXPECT_EQ(*ParseEpochOrIso8601("1606780800000"), t);
  EXPECT_EQ(*ParseEpochOrIso8601("1606780800000000"), t);
  EXPECT_EQ(*ParseEpochOrIso8601("1606780800000000000"), t);
  EXPECT_EQ(*ParseEpochOrIso8601("1606780800.25"), t + 250 * kNanosPerMilli);
  EXPECT_EQ(*ParseEpochOrIso8601("+1606780800.25"), t + 250 * kNanosPerMilli);
  EXPECT_EQ(*ParseEpochOrIso8601("2020-12-01T00:00:00Z"), t);
  EXPECT_EQ(*ParseEpochOrIso8601("0"), 0);
  const std::pair<const char*, const char*> bad[] = {
      {"-5", "time -5 is negative"},
      {"9500000000", "time 9500000000 is out of range"},
      {"99999999999999999999", "out of range"},
      {"", "time is empty"},
      {"yesterday", "not a number or ISO-8601"},
      {"2020-13-01", "no such calendar date"},
  };
  for (const auto& [text, why] : bad) {
    Result<UnixNanos> r = ParseEpochOrIso8601(text);
    ASSERT_FALSE(r.ok()) << text;
    EXPECT_NE(r.status().message().find(why), std::string::npos) << r.status().message();
  }
}

TEST(TimeTest, FormatRoundTrips) {
  EXPECT_EQ(FormatIso8601(FromMillis(1606780800000)), "2020-12-01T00:00:00Z");
  EXPECT_EQ(FormatIso8601(FromMillis(1606780800250)), "2020-12-01T00:00:00.250Z");
  EXPECT_EQ(*ParseIso8601(FormatIso8601(FromMillis(951782400000))), FromMillis(951782400000));
  EXPECT_EQ(FormatIso8601(FromMillis(951782400000)), "2000-02-29T00:00:00Z");
  // The whole range of UnixNanos, its first and last nanosecond included.
  EXPECT_EQ(FormatIso8601(std::numeric_limits<UnixNanos>::min()), "1677-09-21T00:12:43.145Z");
  EXPECT_EQ(FormatIso8601(std::numeric_limits<UnixNanos>::max()), "2262-04-11T23:47:16.854Z");
  EXPECT_EQ(FormatIso8601(-1), "1969-12-31T23:59:59.999Z");
  EXPECT_EQ(*ParseIso8601("1678-01-01"), kEarliestIsoTime);
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

TEST(TimeTest, SubtractDaysSaturatesInsteadOfOverflowing) {
  constexpr UnixNanos kMin = std::numeric_limits<UnixNanos>::min();
  constexpr UnixNanos kMax = std::numeric_limits<UnixNanos>::max();
  EXPECT_EQ(SubtractDaysSaturating(0, 30), -30 * kNanosPerDay);
  EXPECT_EQ(SubtractDaysSaturating(kMin + 10 * kNanosPerDay, 30), kMin);
  EXPECT_EQ(SubtractDaysSaturating(kMin + 30 * kNanosPerDay, 30), kMin);
  EXPECT_EQ(SubtractDaysSaturating(kMin + 31 * kNanosPerDay, 30), kMin + kNanosPerDay);
  EXPECT_EQ(SubtractDaysSaturating(kMax, -1), kMax);
  EXPECT_EQ(SubtractDaysSaturating(0, std::numeric_limits<std::int64_t>::max()), kMin);
  EXPECT_EQ(SubtractDaysSaturating(0, std::numeric_limits<std::int64_t>::min()), kMax);
}

}  // namespace
}  // namespace pulse
