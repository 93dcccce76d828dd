#include "indicators/indicator_request.h"

#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace pulse::indicators {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

TEST(IndicatorRequest, SingleOutputColumnIsTheBaseName) {
  auto r = ParseIndicatorRequest("rsi:14");
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->spec->name, "rsi");
  EXPECT_EQ(r->base_name, "rsi_14");
  EXPECT_THAT(r->columns, ElementsAre("rsi_14"));
  EXPECT_THAT(r->params, ElementsAre(14.0));
}

TEST(IndicatorRequest, SeveralOutputsGetOneColumnEach) {
  auto r = ParseIndicatorRequest("macd:12,26,9");
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->base_name, "macd_12_26_9");
  EXPECT_THAT(r->columns,
              ElementsAre("macd_12_26_9.macd", "macd_12_26_9.signal", "macd_12_26_9.hist"));
  auto bb = ParseIndicatorRequest("bbands:20,2,2");
  ASSERT_TRUE(bb.ok());
  EXPECT_THAT(bb->columns,
              ElementsAre("bbands_20_2_2.upper", "bbands_20_2_2.middle", "bbands_20_2_2.lower",
                          "bbands_20_2_2.width", "bbands_20_2_2.percent_b"));
}

TEST(IndicatorRequest, NamesKeepParametersAsWrittenAndDefaultsFillTheRest) {
  auto sar = ParseIndicatorRequest("sar:0.02,0.2");
  ASSERT_TRUE(sar.ok());
  EXPECT_EQ(sar->base_name, "sar_0.02_0.2");
  EXPECT_THAT(sar->params, ElementsAre(0.02, 0.2));

  auto obv = ParseIndicatorRequest("obv");
  ASSERT_TRUE(obv.ok());
  EXPECT_EQ(obv->base_name, "obv");
  EXPECT_TRUE(obv->params.empty());

  // Only the fast period written: slow and signal take TA-Lib's defaults 26 and 9.
  auto macd = ParseIndicatorRequest("macd:5");
  ASSERT_TRUE(macd.ok());
  EXPECT_EQ(macd->base_name, "macd_5");
  EXPECT_THAT(macd->params, ElementsAre(5.0, 26.0, 9.0));

  // Upper case and spaces: the name is the registry's, parameters trimmed.
  auto spaced = ParseIndicatorRequest(" RSI : 21 ");
  ASSERT_TRUE(spaced.ok()) << spaced.status().message();
  EXPECT_EQ(spaced->base_name, "rsi_21");
  EXPECT_THAT(spaced->params, ElementsAre(21.0));
}

TEST(IndicatorRequest, CreateBuildsTheRequestedIndicator) {
  auto r = ParseIndicatorRequest("sma:3");
  ASSERT_TRUE(r.ok());
  auto sma = r->Create();
  EXPECT_EQ(sma->WarmUp(), 2);
  for (double x : {1.0, 2.0, 6.0}) sma->Update(Bar{0, x, x, x, x, 0});
  EXPECT_DOUBLE_EQ(sma->Value(), 3.0);  // (1 + 2 + 6) / 3
}

TEST(IndicatorRequest, BadRequestsAreInvalidArguments) {
  auto unknown = ParseIndicatorRequest("rsx:3");
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(unknown.status().message(), HasSubstr("unknown indicator 'rsx' (accepted: "));

  auto junk = ParseIndicatorRequest("rsi:x");
  ASSERT_FALSE(junk.ok());
  EXPECT_THAT(junk.status().message(), HasSubstr("rsi parameter 'x' is not a number"));

  auto empty = ParseIndicatorRequest("rsi:");
  EXPECT_FALSE(empty.ok());

  auto bounds = ParseIndicatorRequest("rsi:1");
  ASSERT_FALSE(bounds.ok());
  EXPECT_EQ(bounds.status().message(), "rsi: period must be between 2 and 100000, got 1");

  auto many = ParseIndicatorRequest("rsi:14,3");
  ASSERT_FALSE(many.ok());
  EXPECT_THAT(many.status().message(), HasSubstr("takes at most 1 parameter"));
}

}  // namespace
}  // namespace pulse::indicators
