#include "engines/signal/theory_factory.h"

#include <gtest/gtest.h>

#include "engines/signal/feature_lookup.h"
#include "indicators/feature_set.h"

namespace pulse::signal {
namespace {

const std::vector<std::string> kNames = {
    "rsi_mean_reversion",  "macd_cross",      "bollinger_breakout",
    "bollinger_reversion", "ema_trend_stack", "volume_spike",
    "adx_trend",           "ichimoku_cloud",  "mtf_trend"};

Status CreateError(TheoryConfig config) {
  Result<std::unique_ptr<Theory>> theory = CreateTheory(config);
  return theory.ok() ? Status::Ok() : theory.status();
}

TheoryConfig Config(std::string name, std::map<std::string, double> params = {},
                    std::map<std::string, std::string> features = {}) {
  TheoryConfig config;
  config.name = std::move(name);
  config.params = std::move(params);
  config.features = std::move(features);
  return config;
}

TEST(TheoryFactoryTest, ListsTheNineTheoriesWithDefaultsInsideTheirBounds) {
  const std::vector<TheoryInfo> infos = ListTheories();
  ASSERT_EQ(infos.size(), kNames.size());
  for (std::size_t i = 0; i < infos.size(); ++i) {
    EXPECT_EQ(infos[i].name, kNames[i]);
    EXPECT_FALSE(infos[i].description.empty()) << infos[i].name;
    EXPECT_FALSE(infos[i].features.empty()) << infos[i].name;
    for (const TheoryParamInfo& param : infos[i].params) {
      EXPECT_GE(param.default_value, param.min) << infos[i].name << " " << param.name;
      EXPECT_LE(param.default_value, param.max) << infos[i].name << " " << param.name;
    }
  }
  // Common-practice defaults the issue names.
  EXPECT_EQ(infos[0].params[0].name, "oversold");
  EXPECT_EQ(infos[0].params[0].default_value, 30);
  EXPECT_EQ(infos[0].params[1].default_value, 70);
  EXPECT_EQ(infos[5].params[0].name, "spike_ratio");
  EXPECT_EQ(infos[5].params[0].default_value, 2.0);
  EXPECT_EQ(infos[6].params[0].name, "threshold");
  EXPECT_EQ(infos[6].params[0].default_value, 25);
}

TEST(TheoryFactoryTest, DefaultConfigsAreAllNineEnabledWithWeightOneAndBuild) {
  const std::vector<TheoryConfig> configs = DefaultTheoryConfigs();
  ASSERT_EQ(configs.size(), kNames.size());
  for (std::size_t i = 0; i < configs.size(); ++i) {
    EXPECT_EQ(configs[i].name, kNames[i]);
    EXPECT_TRUE(configs[i].enabled);
    EXPECT_EQ(configs[i].weight, 1.0);
    Result<std::unique_ptr<Theory>> theory = CreateTheory(configs[i]);
    ASSERT_TRUE(theory.ok()) << theory.status();
    EXPECT_EQ((*theory)->name(), kNames[i]);
  }
}

TEST(TheoryFactoryTest, UnknownTheoryListsTheKnownNames) {
  const Status status = CreateError(Config("rsi_reversion"));
  EXPECT_EQ(status.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(status.message(),
            "unknown theory 'rsi_reversion' (accepted: rsi_mean_reversion, macd_cross, "
            "bollinger_breakout, bollinger_reversion, ema_trend_stack, volume_spike, adx_trend, "
            "ichimoku_cloud, mtf_trend)");
}

TEST(TheoryFactoryTest, UnknownParamNamesTheTheoryAndTheAcceptedOnes) {
  const Status status = CreateError(Config("rsi_mean_reversion", {{"oversol", 25}}));
  EXPECT_EQ(status.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(status.message(),
            "theory rsi_mean_reversion: unknown param 'oversol' (accepted: oversold, overbought, "
            "full_oversold, full_overbought)");
}

TEST(TheoryFactoryTest, ParamOutOfBoundsNamesTheRangeAndTheValue) {
  EXPECT_EQ(CreateError(Config("rsi_mean_reversion", {{"oversold", 60}})).message(),
            "theory rsi_mean_reversion: param oversold must be between 1 and 50, got 60");
  EXPECT_EQ(CreateError(Config("adx_trend", {{"threshold", -1}})).message(),
            "theory adx_trend: param threshold must be between 0 and 99, got -1");
  const Status nan = CreateError(Config("macd_cross", {{"full_hist_pct", std::nan("")}}));
  EXPECT_EQ(nan.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(nan.message().find("param full_hist_pct must be between 1e-06 and 100, got nan"),
            std::string::npos)
      << nan;
  EXPECT_EQ(CreateError(Config("bollinger_breakout", {{"require_cross", 0.5}})).message(),
            "theory bollinger_breakout: param require_cross must be a whole number between 0 "
            "and 1, got 0.5");
}

TEST(TheoryFactoryTest, BoundsThemselvesAreAccepted) {
  EXPECT_TRUE(CreateError(Config("macd_cross", {{"full_hist_pct", 100}, {"zero_line", 1}})).ok());
  EXPECT_TRUE(CreateError(Config("bollinger_reversion", {{"reentry_level", 0.5}})).ok());
}

TEST(TheoryFactoryTest, ContradictoryParamsAreRejected) {
  const Status status =
      CreateError(Config("rsi_mean_reversion", {{"oversold", 20}, {"full_oversold", 25}}));
  EXPECT_EQ(status.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(status.message(),
            "theory rsi_mean_reversion: needs full_oversold < oversold < overbought < "
            "full_overbought, got 25 < 20 < 70 < 85");
}

TEST(TheoryFactoryTest, UnknownOrEmptyFeatureRoleIsRejected) {
  EXPECT_EQ(CreateError(Config("adx_trend", {}, {{"di", "adx_14.plus_di"}})).message(),
            "theory adx_trend: unknown feature role 'di' (accepted: adx, plus_di, minus_di)");
  EXPECT_EQ(CreateError(Config("adx_trend", {}, {{"adx", ""}})).message(),
            "theory adx_trend: feature role 'adx' is given an empty feature name");
}

TEST(TheoryFactoryTest, NegativeOrNonFiniteWeightIsRejected) {
  TheoryConfig config = Config("macd_cross");
  config.weight = -0.5;
  EXPECT_EQ(CreateError(config).message(),
            "theory macd_cross: weight must be a finite number >= 0, got -0.5");
  config.weight = std::numeric_limits<double>::infinity();
  EXPECT_EQ(CreateError(config).code(), StatusCode::kInvalidArgument);
}

TEST(TheoryFactoryTest, DefaultFeatureRequestsPerTimeframe) {
  const std::vector<TheoryFeatureRequests> requests = DefaultTheoryFeatureRequests();
  ASSERT_EQ(requests.size(), 4u);
  EXPECT_EQ(requests[0].timeframe, "5m");
  EXPECT_EQ(
      requests[0].requests,
      (std::vector<std::string>{"rsi:14", "macd:12,26,9", "bbands:20,2,2", "ema:9", "ema:21",
                                "ema:50", "volume_ratio:20", "change_pct", "adx:14", "ichimoku"}));
  EXPECT_EQ(requests[1].timeframe, "15m");
  EXPECT_EQ(requests[1].requests, (std::vector<std::string>{"macd:12,26,9"}));
  EXPECT_EQ(requests[2].timeframe, "1h");
  EXPECT_EQ(requests[2].requests, (std::vector<std::string>{"ema:50", "macd:12,26,9"}));
  EXPECT_EQ(requests[3].timeframe, "4h");
  EXPECT_EQ(requests[3].requests, (std::vector<std::string>{"ema:50"}));
}

TEST(TheoryFactoryTest, OnAnotherBaseTheBaseFeaturesMove) {
  const std::vector<TheoryFeatureRequests> requests =
      DefaultTheoryFeatureRequests(Timeframe::Minutes(15));
  ASSERT_EQ(requests.size(), 3u);
  EXPECT_EQ(requests[0].timeframe, "15m");
  // The base features and mtf_trend's own 15m MACD share the one timeframe, once each.
  EXPECT_EQ(std::count(requests[0].requests.begin(), requests[0].requests.end(), "macd:12,26,9"),
            1);
  EXPECT_EQ(requests[1].timeframe, "1h");
  EXPECT_EQ(requests[2].timeframe, "4h");
}

// The feature set built from the default requests names its columns so that every default
// theory binds: the theories' default names follow the indicator module's naming rule.
TEST(TheoryFactoryTest, EveryDefaultTheoryBindsToTheFeatureSetOfTheDefaultRequests) {
  indicators::FeatureSetSpec spec;
  spec.base = Timeframe::Minutes(5);
  for (const TheoryFeatureRequests& group : DefaultTheoryFeatureRequests()) {
    Result<Timeframe> timeframe = Timeframe::Parse(group.timeframe);
    ASSERT_TRUE(timeframe.ok()) << timeframe.status();
    for (const std::string& request : group.requests) {
      spec.features.push_back({*timeframe, request});
    }
  }
  Result<indicators::FeatureSet> set = indicators::FeatureSet::Create(spec);
  ASSERT_TRUE(set.ok()) << set.status();
  FeatureLookup lookup(spec.base, set->Names());
  for (const TheoryConfig& config : DefaultTheoryConfigs()) {
    Result<std::unique_ptr<Theory>> theory = CreateTheory(config);
    ASSERT_TRUE(theory.ok()) << theory.status();
    const Status bound = (*theory)->Bind(lookup);
    EXPECT_TRUE(bound.ok()) << bound;
    // All NaN before any bar: every theory abstains.
    const std::vector<double> nan(set->size(), std::numeric_limits<double>::quiet_NaN());
    const Opinion opinion = (*theory)->Evaluate({nan, nan, nullptr});
    EXPECT_EQ(opinion.vote, Vote::kNone) << config.name;
    EXPECT_EQ(opinion.strength, 0) << config.name;
  }
}

}  // namespace
}  // namespace pulse::signal
