// Price features against a direct recomputation per bar (TA-Lib's reference candles and a seeded
// random walk) and hand-computed cases.
#include "indicators/price_features.h"

#include <cmath>
#include <vector>

#include <gtest/gtest.h>

#include "indicators/registry.h"
#include "indicators/test_series.h"

namespace pulse::indicators {
namespace {

using testing::Near;

std::vector<double> Column(const char* name, const std::vector<Bar>& bars) {
  auto ind = CreateIndicator(name);
  EXPECT_TRUE(ind.ok()) << name;
  if (!ind.ok()) return {};
  return RunBatch(**ind, bars)[0];
}

class PriceFeaturesOnData : public ::testing::TestWithParam<int> {
 protected:
  std::vector<Bar> Bars() const {
    return GetParam() == 0 ? testing::ReferenceBars() : testing::ReturnProcessBars(7, 500);
  }
};

TEST_P(PriceFeaturesOnData, MatchRecomputationEveryBar) {
  const std::vector<Bar> bars = Bars();
  ASSERT_GT(bars.size(), 200u);
  const auto change = Column("change", bars);
  const auto change_pct = Column("change_pct", bars);
  const auto log_return = Column("log_return", bars);
  const auto range = Column("range", bars);
  const auto range_pct = Column("range_pct", bars);
  const auto close_position = Column("close_position", bars);
  EXPECT_TRUE(std::isnan(change[0]));
  EXPECT_TRUE(std::isnan(change_pct[0]));
  EXPECT_TRUE(std::isnan(log_return[0]));
  for (size_t i = 0; i < bars.size(); ++i) {
    SCOPED_TRACE(i);
    const Bar& b = bars[i];
    EXPECT_TRUE(Near(range[i], b.high - b.low, 1e-9, 0));
    EXPECT_TRUE(Near(range_pct[i], (b.high - b.low) / b.close * 100, 1e-9, 0));
    EXPECT_TRUE(Near(close_position[i], (b.close - b.low) / (b.high - b.low), 1e-9, 0));
    if (i == 0) continue;
    const double prev = bars[i - 1].close;
    EXPECT_TRUE(Near(change[i], b.close - prev, 1e-9, 0));
    EXPECT_TRUE(Near(change_pct[i], (b.close / prev - 1) * 100, 1e-9, 1e-9));
    EXPECT_TRUE(Near(log_return[i], std::log1p((b.close - prev) / prev), 1e-9, 1e-9));
  }
}

INSTANTIATE_TEST_SUITE_P(TalibCandlesAndRandomWalk, PriceFeaturesOnData, ::testing::Values(0, 1));

TEST(PriceFeatures, HandComputedChanges) {
  PriceChange change(PriceChange::Kind::kChange);
  PriceChange pct(PriceChange::Kind::kPercent);
  PriceChange log_return(PriceChange::Kind::kLog);
  for (PriceChange* ind : {&change, &pct, &log_return}) {
    ind->Add(100);
    EXPECT_FALSE(ind->Ready());
    EXPECT_TRUE(std::isnan(ind->Value()));
    ind->Add(110);
    EXPECT_TRUE(ind->Ready());
  }
  EXPECT_DOUBLE_EQ(change.Value(), 10);
  EXPECT_DOUBLE_EQ(pct.Value(), 10);
  EXPECT_NEAR(log_return.Value(), 0.09531017980432486, 1e-15);  // ln 1.1
  for (PriceChange* ind : {&change, &pct, &log_return}) ind->Add(99);
  EXPECT_DOUBLE_EQ(change.Value(), -11);
  EXPECT_DOUBLE_EQ(pct.Value(), -10);
  EXPECT_NEAR(log_return.Value(), -0.10536051565782628, 1e-15);  // ln 0.9
}

TEST(PriceFeatures, ZeroAndNegativePricesGiveZero) {
  PriceChange pct(PriceChange::Kind::kPercent);
  PriceChange log_return(PriceChange::Kind::kLog);
  for (double x : {0.0, 5.0}) {
    pct.Add(x);
    log_return.Add(x);
  }
  EXPECT_EQ(pct.Value(), 0.0);
  EXPECT_EQ(log_return.Value(), 0.0);
  log_return.Add(-1);
  EXPECT_EQ(log_return.Value(), 0.0);
}

TEST(PriceFeatures, HandComputedBarRange) {
  Bar bar;
  bar.open = 9;
  bar.high = 12;
  bar.low = 8;
  bar.close = 11;
  BarRange range(BarRange::Kind::kRange);
  BarRange pct(BarRange::Kind::kPercent);
  BarRange position(BarRange::Kind::kClosePosition);
  EXPECT_FALSE(position.Ready());
  for (BarRange* ind : {&range, &pct, &position}) ind->Update(bar);
  EXPECT_TRUE(position.Ready());
  EXPECT_DOUBLE_EQ(range.Value(), 4);
  EXPECT_DOUBLE_EQ(pct.Value(), 400.0 / 11);
  EXPECT_DOUBLE_EQ(position.Value(), 0.75);

  bar.high = bar.low = bar.close = 10;  // a flat bar
  position.Update(bar);
  EXPECT_DOUBLE_EQ(position.Value(), 0.5);
  position.Reset();
  EXPECT_FALSE(position.Ready());
  EXPECT_TRUE(std::isnan(position.Value()));
}

}  // namespace
}  // namespace pulse::indicators
