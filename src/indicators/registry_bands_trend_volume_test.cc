// The band, trend and volume specs carry the defaults the product issue asks for, and every
// one of them builds, warms up as its spec says and streams over real candles.
#include <cmath>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "indicators/registry.h"
#include "indicators/test_series.h"

namespace pulse::indicators {
namespace {

struct Want {
  std::string name;
  std::vector<std::pair<std::string, double>> params;  // name, default
  std::vector<std::string> outputs;
  int warm_up;  // with the defaults
};

const std::vector<Want>& Wanted() {
  static const std::vector<Want> w = {
      {"hma", {{"period", 9}}, {"value"}, 10},
      {"vwma", {{"period", 20}}, {"value"}, 19},
      {"vwap", {{"session_minutes", 1440}}, {"value"}, 0},
      {"keltner",
       {{"period", 20}, {"multiplier", 2}, {"atr_period", 10}},
       {"upper", "middle", "lower"},
       19},
      {"donchian", {{"period", 20}}, {"upper", "middle", "lower"}, 19},
      {"chaikin_volatility", {{"period", 10}}, {"value"}, 19},
      {"hist_volatility",
       {{"period", 20}, {"periods_per_year", 105120}, {"sample", 1}, {"log_returns", 1}},
       {"value"},
       20},
      {"ichimoku",
       {{"conversion_period", 9}, {"base_period", 26}, {"span_b_period", 52}, {"displacement", 26}},
       {"tenkan", "kijun", "senkou_a", "senkou_b", "chikou", "chikou_vs_price"},
       77},
      {"supertrend", {{"period", 10}, {"multiplier", 3}}, {"value", "direction"}, 10},
      {"ao", {{"fast_period", 5}, {"slow_period", 34}}, {"value"}, 33},
      {"cmf", {{"period", 20}}, {"value"}, 19},
      {"force_index", {{"period", 13}}, {"value"}, 13},
      {"eom", {{"period", 14}, {"divisor", 10000}}, {"value"}, 14},
      {"volume_change", {}, {"value"}, 1},
      {"volume_ratio", {{"period", 20}}, {"value"}, 19},
  };
  return w;
}

TEST(RegistryBandsTrendVolume, SpecsHaveTheIssuesDefaultsAndOutputs) {
  for (const Want& w : Wanted()) {
    SCOPED_TRACE(w.name);
    const IndicatorSpec* spec = FindIndicator(w.name);
    ASSERT_NE(spec, nullptr);
    ASSERT_EQ(spec->params.size(), w.params.size());
    for (size_t i = 0; i < w.params.size(); ++i) {
      EXPECT_EQ(spec->params[i].name, w.params[i].first);
      EXPECT_EQ(spec->params[i].default_value, w.params[i].second);
      EXPECT_LE(spec->params[i].min, spec->params[i].default_value);
      EXPECT_GE(spec->params[i].max, spec->params[i].default_value);
    }
    ASSERT_EQ(spec->outputs.size(), w.outputs.size());
    for (size_t i = 0; i < w.outputs.size(); ++i) EXPECT_EQ(spec->outputs[i], w.outputs[i]);
    auto warm_up = WarmUpOf(w.name);
    ASSERT_TRUE(warm_up.ok());
    EXPECT_EQ(*warm_up, w.warm_up);
  }
}

// On real 5m candles every output is finite from the warm-up on, and NaN before.
TEST(RegistryBandsTrendVolume, OutputsAreFiniteAfterWarmUpOnRealCandles) {
  const std::vector<Bar> bars = testing::BtcFiveMinuteBars(1000);
  ASSERT_EQ(bars.size(), 1000u);
  for (const Want& w : Wanted()) {
    SCOPED_TRACE(w.name);
    auto ind = CreateIndicator(w.name);
    ASSERT_TRUE(ind.ok());
    const auto columns = RunBatch(**ind, bars);
    for (const auto& column : columns) {
      for (int t = 0; t < 1000; ++t) {
        EXPECT_EQ(std::isfinite(column[t]), t >= w.warm_up) << t;
      }
    }
  }
}

TEST(RegistryBandsTrendVolume, BoundsAreEnforced) {
  std::vector<double> bad = {1};
  auto r = CreateIndicator("hma", bad);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "hma: period must be between 2 and 100000, got 1");
  std::vector<double> flag = {20, 252, 2};
  EXPECT_FALSE(CreateIndicator("hist_volatility", flag).ok());
  std::vector<double> zero_session = {0};
  EXPECT_FALSE(CreateIndicator("vwap", zero_session).ok());
}

}  // namespace
}  // namespace pulse::indicators
