#include "engines/signal/feature_lookup.h"

#include <gtest/gtest.h>

namespace pulse::signal {
namespace {

TEST(FeatureLookupTest, FindsQualifiedAndBaseShorthandNames) {
  const std::vector<std::string> names = {"5m.rsi_14", "5m.macd_12_26_9.hist", "1h.rsi_14"};
  FeatureLookup lookup(Timeframe::Minutes(5), names);
  EXPECT_EQ(*lookup.Find("5m.rsi_14"), 0u);
  EXPECT_EQ(*lookup.Find("rsi_14"), 0u);
  EXPECT_EQ(*lookup.Find("macd_12_26_9.hist"), 1u);
  EXPECT_EQ(*lookup.Find("1h.rsi_14"), 2u);
  EXPECT_EQ(lookup.Qualify("macd_12_26_9.hist"), "5m.macd_12_26_9.hist");
}

TEST(FeatureLookupTest, MissingFeatureNamesItAndSuggestsSimilarOnes) {
  const std::vector<std::string> names = {"5m.rsi_14", "1h.rsi_14", "5m.sma_20"};
  FeatureLookup lookup(Timeframe::Minutes(5), names);
  Result<std::size_t> r = lookup.Find("rsi_21");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kNotFound);
  EXPECT_NE(r.status().message().find("'5m.rsi_21'"), std::string::npos);
  EXPECT_NE(r.status().message().find("similar: 5m.rsi_14, 1h.rsi_14"), std::string::npos);
  EXPECT_EQ(r.status().message().find("sma"), std::string::npos);
}

}  // namespace
}  // namespace pulse::signal
