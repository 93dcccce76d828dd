#include "app/config/config.h"

#include <gtest/gtest.h>

namespace pulse::app {
namespace {

UnixNanos At(const char* text) { return *ParseIso8601(text); }

TEST(TimeRangeTest, EitherBoundMayBeMissing) {
  Result<TimeRange> both = ParseTimeRange("2021-01-01", "--from", "2021-02-01T12:00:00Z", "--to");
  ASSERT_TRUE(both.ok()) << both.status();
  EXPECT_EQ(both->from, At("2021-01-01T00:00:00Z"));
  EXPECT_EQ(both->to, At("2021-02-01T12:00:00Z"));
  Result<TimeRange> none = ParseTimeRange("", "--from", "", "--to");
  ASSERT_TRUE(none.ok()) << none.status();
  EXPECT_FALSE(none->from.has_value());
  EXPECT_FALSE(none->to.has_value());
  Result<TimeRange> open_end = ParseTimeRange("2021-01-01", "run.from", "", "run.to");
  ASSERT_TRUE(open_end.ok()) << open_end.status();
  EXPECT_EQ(open_end->from, At("2021-01-01T00:00:00Z"));
  EXPECT_FALSE(open_end->to.has_value());
}

TEST(TimeRangeTest, BoundsOutOfOrderOrUnreadableAreNamed) {
  Result<TimeRange> reversed = ParseTimeRange("2021-03-01", "--from", "2021-02-01", "--to");
  ASSERT_FALSE(reversed.ok());
  EXPECT_EQ(reversed.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(reversed.status().message(),
            "--from 2021-03-01T00:00:00Z is not before --to 2021-02-01T00:00:00Z");
  // An empty range (from == to) has no bar either.
  Result<TimeRange> empty = ParseTimeRange("2021-03-01", "run.from", "2021-03-01", "run.to");
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.status().message(),
            "run.from 2021-03-01T00:00:00Z is not before run.to 2021-03-01T00:00:00Z");
  Result<TimeRange> garbage = ParseTimeRange("2021-03-01", "--from", "soon", "--to");
  ASSERT_FALSE(garbage.ok());
  EXPECT_EQ(garbage.status().message().rfind("--to 'soon': expected an ISO-8601 time", 0), 0u)
      << garbage.status().message();
}

TEST(TimeRangeTest, NoBarsMessageNamesTheBoundsGivenAndTheSpan) {
  const UnixNanos first = At("2020-12-01T00:00:00Z"), last = At("2021-07-17T21:05:00Z");
  const std::string span = " (the data spans 2020-12-01T00:00:00Z .. 2021-07-17T21:05:00Z)";
  EXPECT_EQ(NoBarsMessage({At("2022-01-01"), std::nullopt}, first, last),
            "no bars from 2022-01-01T00:00:00Z on" + span);
  EXPECT_EQ(NoBarsMessage({std::nullopt, At("2019-01-01")}, first, last),
            "no bars before 2019-01-01T00:00:00Z" + span);
  EXPECT_EQ(NoBarsMessage({At("2019-01-01"), At("2019-02-01")}, first, last),
            "no bars between 2019-01-01T00:00:00Z and 2019-02-01T00:00:00Z" + span);
  EXPECT_EQ(NoBarsMessage({}, std::nullopt, std::nullopt), "no bars (the data has no bars)");
}

}  // namespace
}  // namespace pulse::app
