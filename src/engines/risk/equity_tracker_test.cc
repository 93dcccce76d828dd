#include "engines/risk/equity_tracker.h"

#include <gtest/gtest.h>

namespace pulse::risk {
namespace {

UnixNanos T(const char* iso) { return *ParseIso8601(iso); }

EquityTracker Tracker(const char* zone) { return EquityTracker(*CalendarDay::Create(zone)); }

TEST(EquityTrackerTest, LossTodayStartsFromTheLastEquityOfTheDayBefore) {
  EquityTracker e = Tracker("Europe/Berlin");
  ASSERT_TRUE(e.Add(T("2026-11-21T08:00:00Z"), 10000).ok());
  ASSERT_TRUE(e.Add(T("2026-11-21T12:00:00Z"), 9600).ok());
  EXPECT_DOUBLE_EQ(e.loss_today(), 0.04);  // (10000 - 9600) / 10000
  ASSERT_TRUE(e.Add(T("2026-11-21T22:30:00Z"), 9500).ok());
  EXPECT_DOUBLE_EQ(e.loss_today(), 0.05);
  // 23:00 UTC is midnight in Berlin: the new day starts from 9500.
  ASSERT_TRUE(e.Add(T("2026-11-21T23:10:00Z"), 9310).ok());
  EXPECT_DOUBLE_EQ(e.day_start(), 9500);
  EXPECT_DOUBLE_EQ(e.loss_today(), 0.02);  // 190 / 9500
  EXPECT_DOUBLE_EQ(e.drawdown(), 0.069);   // (10000 - 9310) / 10000
  e.RollTo(T("2026-11-22T23:00:00Z"));
  EXPECT_DOUBLE_EQ(e.loss_today(), 0.0);
  EXPECT_DOUBLE_EQ(e.day_start(), 9310);
  EXPECT_FALSE(e.Add(T("2026-11-21T00:00:00Z"), 9000).ok());  // older than the last
  EXPECT_FALSE(e.Add(T("2026-11-23T00:00:00Z"), 0).ok());
  e.Rebase();
  EXPECT_DOUBLE_EQ(e.drawdown(), 0.0);
}

// A bar that closes at local midnight belongs to the day it ends: its equity is that day's
// last and the next day's start, so its loss is not carried into the next day.
TEST(EquityTrackerTest, TheValueAtMidnightClosesTheDayItEnds) {
  EquityTracker e = Tracker("Europe/Berlin");
  ASSERT_TRUE(e.Add(T("2026-11-21T22:00:00Z"), 10000).ok());
  ASSERT_TRUE(e.Add(T("2026-11-21T23:00:00Z"), 9400).ok());  // local midnight
  EXPECT_DOUBLE_EQ(e.day_start(), 9400);
  EXPECT_DOUBLE_EQ(e.loss_today(), 0.0);
  ASSERT_TRUE(e.Add(T("2026-11-22T11:00:00Z"), 9400).ok());
  EXPECT_DOUBLE_EQ(e.loss_today(), 0.0);
  ASSERT_TRUE(e.Add(T("2026-11-22T12:00:00Z"), 9306).ok());
  EXPECT_DOUBLE_EQ(e.loss_today(), 0.01);  // 94 / 9400
  EXPECT_DOUBLE_EQ(e.drawdown(), 0.0694);
}

}  // namespace
}  // namespace pulse::risk
