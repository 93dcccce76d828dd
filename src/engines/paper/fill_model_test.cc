#include "engines/paper/fill_model.h"

#include <gtest/gtest.h>

namespace pulse::paper {
namespace {

// Defaults: fee 0.1 %, slippage 0.05 %, impact 0.01 * sqrt(qty / volume) capped at 5 %.
TEST(FillModelTest, BuyPaysSlippageAndImpactAndTheFee) {
  FillModel model{PaperConfig{}};
  // impact = 0.01 * sqrt(1 / 10000) = 0.0001; price = 100 * (1 + 0.0005 + 0.0001) = 100.06
  FillQuote q = model.Quote(OrderSide::kBuy, 100, 1, 10000);
  EXPECT_DOUBLE_EQ(q.impact_fraction, 0.0001);
  EXPECT_DOUBLE_EQ(q.price, 100.06);
  EXPECT_DOUBLE_EQ(q.fee, 0.10006);  // 1 * 100.06 * 0.001
}

TEST(FillModelTest, SellReceivesLess) {
  FillModel model{PaperConfig{}};
  // 100 * (1 - 0.0006) = 99.94; fee 99.94 * 0.001
  FillQuote q = model.Quote(OrderSide::kSell, 100, 1, 10000);
  EXPECT_DOUBLE_EQ(q.price, 99.94);
  EXPECT_DOUBLE_EQ(q.fee, 0.09994);
  EXPECT_DOUBLE_EQ(model.PriceWithoutImpact(OrderSide::kSell, 100), 99.95);
  EXPECT_DOUBLE_EQ(model.PriceWithoutImpact(OrderSide::kBuy, 100), 100.05);
}

TEST(FillModelTest, ImpactGrowsWithTheSquareRootOfSizeOverVolume) {
  FillModel model{PaperConfig{}};
  // 1 % of the volume: 0.01 * 0.1 = 0.001; 4 % of it: 0.01 * 0.2 = 0.002 (4x size, 2x impact)
  EXPECT_DOUBLE_EQ(model.ImpactFraction(100, 10000), 0.001);
  EXPECT_DOUBLE_EQ(model.ImpactFraction(400, 10000), 0.002);
  // The same order in a thinner bar costs more: 100 of 2500 = 4 %.
  EXPECT_DOUBLE_EQ(model.ImpactFraction(100, 2500), 0.002);
  EXPECT_LT(model.Quote(OrderSide::kBuy, 100, 100, 10000).price,
            model.Quote(OrderSide::kBuy, 100, 400, 10000).price);
  // 0.01 * sqrt(1e8) = 100 -> capped at max_impact 0.05.
  EXPECT_DOUBLE_EQ(model.ImpactFraction(1e8, 1), 0.05);
  // No volume known: no impact term.
  EXPECT_DOUBLE_EQ(model.ImpactFraction(5, 0), 0.0);
}

TEST(FillModelTest, SlippageBpsIsTheCostToTheTrader) {
  // (100.06 - 100) / 100 * 10000 = 6 bps; (100 - 99.94) / 100 * 10000 = 6 bps.
  EXPECT_NEAR(SlippageBps(OrderSide::kBuy, 100, 100.06), 6.0, 1e-9);
  EXPECT_NEAR(SlippageBps(OrderSide::kSell, 100, 99.94), 6.0, 1e-9);
  EXPECT_NEAR(SlippageBps(OrderSide::kSell, 100, 100.5), -50.0, 1e-9);  // sold better
  EXPECT_DOUBLE_EQ(SlippageBps(OrderSide::kBuy, 0, 1), 0.0);
}

}  // namespace
}  // namespace pulse::paper
