#include "engines/risk/calendar_day.h"

#include <gtest/gtest.h>

namespace pulse::risk {
namespace {

UnixNanos T(const char* iso) { return *ParseIso8601(iso); }

TEST(CalendarDayTest, UtcDaysAreUtcMidnights) {
  auto day = CalendarDay::Create("UTC");
  ASSERT_TRUE(day.ok()) << day.status();
  EXPECT_EQ(day->DayStart(T("2026-11-21T15:30:00Z")), T("2026-11-21T00:00:00Z"));
  EXPECT_EQ(day->NextDayStart(T("2026-11-21T23:59:59Z")), T("2026-11-22T00:00:00Z"));
  EXPECT_EQ(day->DayIndex(T("2026-11-21T00:00:00Z")), DaysFromCivil(2026, 11, 21));
}

TEST(CalendarDayTest, BerlinMidnightFollowsDaylightSaving) {
  auto day = CalendarDay::Create("Europe/Berlin");
  ASSERT_TRUE(day.ok()) << day.status();
  // Winter (CET, UTC+1): local midnight is 23:00 UTC the day before.
  EXPECT_EQ(day->NextDayStart(T("2026-11-21T22:59:59Z")), T("2026-11-21T23:00:00Z"));
  EXPECT_EQ(day->DayIndex(T("2026-11-21T22:59:59Z")), DaysFromCivil(2026, 11, 21));
  EXPECT_EQ(day->DayIndex(T("2026-11-21T23:00:00Z")), DaysFromCivil(2026, 11, 22));
  EXPECT_EQ(day->NextDayStart(T("2026-11-21T23:00:00Z")), T("2026-11-22T23:00:00Z"));
  // Summer (CEST, UTC+2): 22:00 UTC.
  EXPECT_EQ(day->NextDayStart(T("2026-07-01T12:00:00Z")), T("2026-07-01T22:00:00Z"));
  // 2026-03-29 has 23 hours (02:00 CET -> 03:00 CEST).
  EXPECT_EQ(day->DayStart(T("2026-03-29T12:00:00Z")), T("2026-03-28T23:00:00Z"));
  EXPECT_EQ(day->NextDayStart(T("2026-03-29T12:00:00Z")), T("2026-03-29T22:00:00Z"));
  // 2026-10-25 has 25 hours (03:00 CEST -> 02:00 CET).
  EXPECT_EQ(day->DayStart(T("2026-10-25T12:00:00Z")), T("2026-10-24T22:00:00Z"));
  EXPECT_EQ(day->NextDayStart(T("2026-10-25T12:00:00Z")), T("2026-10-25T23:00:00Z"));
}

TEST(CalendarDayTest, NewYorkIsBehindUtc) {
  auto day = CalendarDay::Create("America/New_York");
  ASSERT_TRUE(day.ok()) << day.status();
  // 2026-01-15 03:00 UTC is still the 14th in New York (EST, UTC-5).
  EXPECT_EQ(day->DayIndex(T("2026-01-15T03:00:00Z")), DaysFromCivil(2026, 1, 14));
  EXPECT_EQ(day->NextDayStart(T("2026-01-15T03:00:00Z")), T("2026-01-15T05:00:00Z"));
}

TEST(CalendarDayTest, UnknownZoneIsNamed) {
  auto day = CalendarDay::Create("Mars/Olympus_Mons");
  ASSERT_FALSE(day.ok());
  EXPECT_EQ(day.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(day.status().message().find("'Mars/Olympus_Mons'"), std::string::npos);
  EXPECT_FALSE(CalendarDay::Create("").ok());
}

}  // namespace
}  // namespace pulse::risk
