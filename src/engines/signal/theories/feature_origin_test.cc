#include "engines/signal/theories/feature_origin.h"

#include <gtest/gtest.h>

namespace pulse::signal {
namespace {

// "<timeframe> <request>" or "none".
std::string Origin(std::string_view feature) {
  const std::optional<FeatureOrigin> origin = FindFeatureOrigin(feature, Timeframe::Minutes(5));
  return origin ? origin->timeframe.ToString() + " " + origin->request : "none";
}

TEST(FeatureOriginTest, ColumnsMapBackToTheRequestThatNamesThem) {
  EXPECT_EQ(Origin("rsi_14"), "5m rsi:14");
  EXPECT_EQ(Origin("5m.rsi_14"), "5m rsi:14");
  EXPECT_EQ(Origin("1h.macd_12_26_9.hist"), "1h macd:12,26,9");
  EXPECT_EQ(Origin("bbands_20_2_2.percent_b"), "5m bbands:20,2,2");
  EXPECT_EQ(Origin("4h.adx_14.plus_di"), "4h adx:14");
  EXPECT_EQ(Origin("volume_ratio_20"), "5m volume_ratio:20");
  EXPECT_EQ(Origin("ema_cross_9_21.state"), "5m ema_cross:9,21");
  EXPECT_EQ(Origin("sar_0.02_0.2"), "5m sar:0.02,0.2");
  EXPECT_EQ(Origin("ichimoku.senkou_a"), "5m ichimoku");
  EXPECT_EQ(Origin("change_pct"), "5m change_pct");
  EXPECT_EQ(Origin("obv"), "5m obv");
}

TEST(FeatureOriginTest, NamesNoRequestProducesHaveNone) {
  EXPECT_EQ(Origin("foo_3"), "none");
  EXPECT_EQ(Origin("macd_12_26_9.nope"), "none");
  EXPECT_EQ(Origin("macd_12_26_9"), "none");  // a multi-output indicator needs its output
  EXPECT_EQ(Origin("rsi_14.value"), "none");  // a single-output one has none
  EXPECT_EQ(Origin("rsi_1"), "none");         // period out of bounds
  EXPECT_EQ(Origin("rsi_x"), "none");
}

}  // namespace
}  // namespace pulse::signal
