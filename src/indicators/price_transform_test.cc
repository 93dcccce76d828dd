#include "indicators/price_transform.h"

#include <cmath>

#include <gtest/gtest.h>

#include "indicators/random_bars_test_util.h"
#include "indicators/registry.h"

namespace pulse::indicators {
namespace {

TEST(IndicatorsPriceTransform, HandComputedBar) {
  Bar b;
  b.open = 10;
  b.high = 14;
  b.low = 8;
  b.close = 12;
  EXPECT_DOUBLE_EQ(PriceTransform::Of(PriceTransform::Kind::kTypPrice, b), 34.0 / 3);
  EXPECT_DOUBLE_EQ(PriceTransform::Of(PriceTransform::Kind::kMedPrice, b), 11);
  EXPECT_DOUBLE_EQ(PriceTransform::Of(PriceTransform::Kind::kWclPrice, b), 46.0 / 4);
  EXPECT_DOUBLE_EQ(PriceTransform::Of(PriceTransform::Kind::kAvgPrice, b), 44.0 / 4);
  EXPECT_DOUBLE_EQ(PriceTransform::Of(PriceTransform::Kind::kBop, b), 2.0 / 6);
  b.high = b.low = 9;  // no range: BOP is 0, not a division by zero
  EXPECT_EQ(PriceTransform::Of(PriceTransform::Kind::kBop, b), 0.0);
}

TEST(IndicatorsPriceTransform, EveryBarHasAValueFromTheFirst) {
  PriceTransform t(PriceTransform::Kind::kMedPrice);
  EXPECT_FALSE(t.Ready());
  EXPECT_TRUE(std::isnan(t.Value()));
  const auto bars = testing::RandomBars(100, 7);
  for (const Bar& b : bars) {
    t.Update(b);
    ASSERT_TRUE(t.Ready());
    EXPECT_DOUBLE_EQ(t.Value(), (b.high + b.low) / 2);
  }
  t.Reset();
  EXPECT_FALSE(t.Ready());
  EXPECT_EQ(t.WarmUp(), 0);
}

TEST(IndicatorsPriceTransform, RegistryNamesReadTheRightFields) {
  const auto bars = testing::RandomBars(60, 11);
  struct Case {
    const char* name;
    double (*formula)(const Bar&);
  };
  const Case cases[] = {
      {"typprice", [](const Bar& b) { return (b.high + b.low + b.close) / 3; }},
      {"medprice", [](const Bar& b) { return (b.high + b.low) / 2; }},
      {"wclprice", [](const Bar& b) { return (b.high + b.low + 2 * b.close) / 4; }},
      {"avgprice", [](const Bar& b) { return (b.open + b.high + b.low + b.close) / 4; }},
      {"bop",
       [](const Bar& b) { return b.high > b.low ? (b.close - b.open) / (b.high - b.low) : 0.0; }},
  };
  for (const Case& c : cases) {
    auto ind = CreateIndicator(c.name);
    ASSERT_TRUE(ind.ok()) << c.name;
    const auto out = RunBatch(**ind, bars);
    for (size_t i = 0; i < bars.size(); ++i) {
      EXPECT_NEAR(out[0][i], c.formula(bars[i]), 1e-12) << c.name << " bar " << i;
    }
  }
}

}  // namespace
}  // namespace pulse::indicators
