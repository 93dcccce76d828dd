#include "analytics/chronological_split.h"

#include <limits>

#include <gtest/gtest.h>

namespace pulse::analytics {
namespace {

TEST(ChronologicalSplitTest, PartsInTimeOrderWithPurgeGaps) {
  // 1000 rows, 70 % / 15 % / rest, gap 10: train [0, 700), validation [710, 860), test [870,
  // 1000).
  auto split = SplitChronologically(1000, 0.7, 0.15, 10);
  ASSERT_TRUE(split.ok()) << split.status();
  EXPECT_EQ(split->train, (RowRange{0, 700}));
  EXPECT_EQ(split->validation, (RowRange{710, 860}));
  EXPECT_EQ(split->test, (RowRange{870, 1000}));
  EXPECT_EQ(split->test.size(), 130u);
}

TEST(ChronologicalSplitTest, NoGapMeansAdjacentParts) {
  auto split = SplitChronologically(10, 0.6, 0.2, 0);
  ASSERT_TRUE(split.ok());
  EXPECT_EQ(split->train, (RowRange{0, 6}));
  EXPECT_EQ(split->validation, (RowRange{6, 8}));
  EXPECT_EQ(split->test, (RowRange{8, 10}));
}

TEST(ChronologicalSplitTest, FractionsRoundToTheNearestRow) {
  // 0.29 * 100 is 28.999999999999996 in floating point; it must still be 29 rows.
  auto split = SplitChronologically(100, 0.29, 0.31, 0);
  ASSERT_TRUE(split.ok());
  EXPECT_EQ(split->train.size(), 29u);
  EXPECT_EQ(split->validation.size(), 31u);
  EXPECT_EQ(split->test, (RowRange{60, 100}));
}

TEST(ChronologicalSplitTest, ZeroValidationFractionLeavesOneGap) {
  auto split = SplitChronologically(100, 0.8, 0.0, 5);
  ASSERT_TRUE(split.ok());
  EXPECT_EQ(split->train, (RowRange{0, 80}));
  EXPECT_TRUE(split->validation.empty());
  EXPECT_EQ(split->validation.begin, 80u);
  EXPECT_EQ(split->test, (RowRange{85, 100}));
}

TEST(ChronologicalSplitTest, LastRowsStillFitExactly) {
  // 120 rows: train 72, gap 10, validation 24, gap 10 -> test [116, 120).
  auto split = SplitChronologically(120, 0.6, 0.2, 10);
  ASSERT_TRUE(split.ok());
  EXPECT_EQ(split->test, (RowRange{116, 120}));
  // One more row of gap per side still leaves 2 test rows; 12 leave none.
  EXPECT_EQ(SplitChronologically(120, 0.6, 0.2, 11)->test, (RowRange{118, 120}));
  EXPECT_FALSE(SplitChronologically(120, 0.6, 0.2, 12).ok());
}

TEST(ChronologicalSplitTest, RejectsWhatCannotBeSplitNamingWhy) {
  EXPECT_EQ(SplitChronologically(120, 0.6, 0.2, 24).status().message(),
            "not enough rows: 120 rows with a purge gap of 24 leave no test rows");
  EXPECT_EQ(
      SplitChronologically(120, 0.6, 0.2, std::numeric_limits<std::size_t>::max()).status().code(),
      StatusCode::kInvalidArgument);
  EXPECT_EQ(SplitChronologically(100, 0.0, 0.2, 0).status().message(),
            "train fraction is 0, must be in (0, 1)");
  EXPECT_EQ(SplitChronologically(100, 1.0, 0.0, 0).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(SplitChronologically(100, 0.5, -0.1, 0).status().message(),
            "validation fraction is -0.1, must be in [0, 1)");
  EXPECT_EQ(SplitChronologically(100, 0.7, 0.3, 0).status().message(),
            "train fraction 0.7 plus validation fraction 0.3 is 1, must be below 1 to leave test "
            "rows");
  EXPECT_EQ(
      SplitChronologically(100, std::numeric_limits<double>::quiet_NaN(), 0.1, 0).status().code(),
      StatusCode::kInvalidArgument);
  EXPECT_EQ(SplitChronologically(3, 0.1, 0.5, 0).status().message(),
            "not enough rows: a train fraction of 0.1 of 3 rows is no rows");
  EXPECT_EQ(SplitChronologically(10, 0.5, 0.01, 0).status().message(),
            "not enough rows: a validation fraction of 0.01 of 10 rows is no rows");
  EXPECT_FALSE(SplitChronologically(0, 0.5, 0.2, 0).ok());
}

}  // namespace
}  // namespace pulse::analytics
