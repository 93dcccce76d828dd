#include "app/controller_time.h"

#include <gtest/gtest.h>

namespace pulse::app {
namespace {

ControllerStatusRow Row(UnixNanos at, RiskState state) {
  ControllerStatusRow row;
  row.changed_at = at;
  row.state = state;
  return row;
}

constexpr UnixNanos kS = kNanosPerSecond;

TEST(ControllerTimeTest, EachStateHoldsUntilTheNextRowWithinThePeriod) {
  const std::vector<ControllerStatusRow> rows = {
      Row(-50 * kS, RiskState::kGreen), Row(40 * kS, RiskState::kRed),
      Row(90 * kS, RiskState::kGreen), Row(120 * kS, RiskState::kPaused)};
  const std::vector<StateSpan> spans = ControllerStateSpans(rows, 10 * kS, 100 * kS);
  ASSERT_EQ(spans.size(), 3u);  // the row after the period holds nothing in it
  EXPECT_EQ(spans[0].state, RiskState::kGreen);
  EXPECT_EQ(spans[0].from, 10 * kS);
  EXPECT_EQ(spans[0].to, 40 * kS);
  EXPECT_EQ(spans[1].state, RiskState::kRed);
  EXPECT_EQ(spans[1].to, 90 * kS);
  EXPECT_EQ(spans[2].from, 90 * kS);
  EXPECT_EQ(spans[2].to, 100 * kS);

  const nlohmann::ordered_json shares = StateTimeJson(spans, 10 * kS, 100 * kS);
  ASSERT_EQ(shares.size(), 2u);
  EXPECT_EQ(shares.begin().key(), "green");  // the order the states first hold
  EXPECT_DOUBLE_EQ(shares["green"].get<double>(), 40.0 / 90 * 100);
  EXPECT_DOUBLE_EQ(shares["red"].get<double>(), 50.0 / 90 * 100);
  EXPECT_EQ(StateTimeText(shares), "green 44.4 %, red 55.6 %");
}

TEST(ControllerTimeTest, TimeBeforeTheFirstRowIsNotCovered) {
  const std::vector<ControllerStatusRow> rows = {Row(50 * kS, RiskState::kYellow)};
  const std::vector<StateSpan> spans = ControllerStateSpans(rows, 0, 100 * kS);
  ASSERT_EQ(spans.size(), 1u);
  const nlohmann::ordered_json shares = StateTimeJson(spans, 0, 100 * kS);
  EXPECT_DOUBLE_EQ(shares["yellow"].get<double>(), 50.0);
  EXPECT_EQ(StateTimeText(shares), "yellow 50.0 %, no state yet 50.0 %");
  EXPECT_TRUE(ControllerStateSpans({}, 0, 100 * kS).empty());
  EXPECT_EQ(StateTimeText(StateTimeJson({}, 0, 100 * kS)), "-");
  EXPECT_TRUE(StateTimeJson(spans, 100 * kS, 100 * kS).empty());  // a period of no length
}

}  // namespace
}  // namespace pulse::app
