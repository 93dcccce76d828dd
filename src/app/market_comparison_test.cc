#include "app/market_comparison.h"

#include <cmath>

#include <gtest/gtest.h>

namespace pulse::app {
namespace {

constexpr UnixNanos kDay = kNanosPerDay;
constexpr UnixNanos kStart = 18748 * kDay;  // 2021-05-01T00:00:00Z

// One symbol whose daily closes follow `closes` from a first open of 100.
analytics::SymbolDailyCloses Prices(const std::vector<double>& closes) {
  analytics::SymbolDailyCloses s{"AAA", {kStart, 100}, {}};
  for (std::size_t i = 0; i < closes.size(); ++i) {
    s.day_closes.push_back({kStart + static_cast<UnixNanos>(i + 1) * kDay - kDay / 2, closes[i]});
  }
  return s;
}

// 40 days that cross into June: up and down moves so every figure is defined.
std::vector<double> Closes() {
  std::vector<double> closes;
  double price = 100;
  for (int i = 0; i < 40; ++i) {
    price *= 1 + ((i % 3 == 0) ? -0.02 : 0.015) + 0.001 * (i % 5);
    closes.push_back(price);
  }
  return closes;
}

TEST(MarketComparisonTest, AnAccountThatIsTheMarketHasBetaOneAndNoAlpha) {
  const analytics::SymbolDailyCloses prices = Prices(Closes());
  // The account holds the same symbol with the same capital: the same curve.
  std::vector<analytics::EquityPoint> account = {{kStart, 1000}};
  for (const analytics::PriceMark& m : prices.day_closes) account.push_back({m.time, 10 * m.price});
  Result<MarketComparison> c = CompareWithMarket(account, {&prices, 1}, 1000, kStart);
  ASSERT_TRUE(c.ok()) << c.status().message();
  ASSERT_EQ(c->days.size(), 40u);
  EXPECT_EQ(c->days.front(), kStart);
  for (std::size_t i = 0; i < c->days.size(); ++i) {
    EXPECT_NEAR(c->account[i], c->benchmark[i], 1e-12) << i;
  }
  Result<nlohmann::ordered_json> j = MarketJson(*c, {});
  ASSERT_TRUE(j.ok()) << j.status().message();
  EXPECT_NEAR((*j)["beta"].get<double>(), 1.0, 1e-9);
  EXPECT_NEAR((*j)["alpha"].get<double>(), 0.0, 1e-9);
  EXPECT_NEAR((*j)["up_capture"].get<double>(), 1.0, 1e-9);
  EXPECT_NEAR((*j)["down_capture"].get<double>(), 1.0, 1e-9);
  EXPECT_NEAR((*j)["excess_return_pct"].get<double>(), 0.0, 1e-9);
  const double change = Closes().back() / 100 - 1;
  EXPECT_NEAR((*j)["market_change_pct"].get<double>(), change * 100, 1e-9);
  EXPECT_NEAR((*j)["returns"]["total_return"].get<double>(), change, 1e-12);
  EXPECT_EQ((*j)["symbols"][0]["symbol"], "AAA");
}

TEST(MarketComparisonTest, AFlatAccountHasBetaZeroAndMissesTheWholeMove) {
  const analytics::SymbolDailyCloses prices = Prices(Closes());
  const std::vector<analytics::EquityPoint> account = {{kStart, 1000}, {kStart + kDay, 1000}};
  Result<MarketComparison> c = CompareWithMarket(account, {&prices, 1}, 1000, kStart);
  ASSERT_TRUE(c.ok()) << c.status().message();
  ASSERT_EQ(c->account.size(), 40u);  // held flat to the market's last day
  Result<nlohmann::ordered_json> j = MarketJson(*c, {});
  ASSERT_TRUE(j.ok());
  EXPECT_NEAR((*j)["beta"].get<double>(), 0.0, 1e-12);
  EXPECT_NEAR((*j)["up_capture"].get<double>(), 0.0, 1e-12);
  EXPECT_NEAR((*j)["excess_return_pct"].get<double>(), -(*j)["market_change_pct"].get<double>(),
              1e-9);
}

TEST(MarketComparisonTest, MonthsCompoundTheDays) {
  const analytics::SymbolDailyCloses prices = Prices(Closes());
  const std::vector<analytics::EquityPoint> account = {
      {kStart, 1000}, {kStart + 3 * kDay, 1100}, {kStart + 35 * kDay, 990}};
  Result<MarketComparison> c = CompareWithMarket(account, {&prices, 1}, 1000, kStart);
  ASSERT_TRUE(c.ok()) << c.status().message();
  Result<nlohmann::ordered_json> months = MonthlyReturnsJson(*c);
  ASSERT_TRUE(months.ok());
  ASSERT_EQ(months->size(), 2u);
  EXPECT_EQ((*months)[0]["month"], "2021-05");
  EXPECT_EQ((*months)[1]["month"], "2021-06");
  // May: 1000 -> 1100 (the account's point on June 5 is after May); June: 1100 -> 990.
  EXPECT_NEAR((*months)[0]["account_pct"].get<double>(), 10.0, 1e-9);
  EXPECT_NEAR((*months)[1]["account_pct"].get<double>(), -10.0, 1e-9);
  // The market's May: the close of May 31 over the first open.
  EXPECT_NEAR((*months)[0]["market_pct"].get<double>(), (Closes()[30] / 100 - 1) * 100, 1e-9);
  const std::string text = MarketText(*MarketJson(*c, {}), *months);
  EXPECT_NE(text.find("change "), std::string::npos);
  EXPECT_NE(text.find("(AAA "), std::string::npos);
  EXPECT_NE(text.find("2021-06"), std::string::npos);
  EXPECT_NE(MarketText(*MarketJson(*c, {"XRPUSDT", "DOGEUSDT"}), *months)
                .find("; no bars of XRPUSDT, DOGEUSDT"),
            std::string::npos);
}

TEST(MarketComparisonTest, AnAccountStartingElsewhereIsRefused) {
  const analytics::SymbolDailyCloses prices = Prices(Closes());
  const std::vector<analytics::EquityPoint> account = {{kStart - 2 * kDay, 1000}};
  Result<MarketComparison> c = CompareWithMarket(account, {&prices, 1}, 1000, kStart);
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.status().message().find("must start at the market's start"), std::string::npos);
  EXPECT_FALSE(CompareWithMarket({}, {&prices, 1}, 1000, kStart).ok());
}

}  // namespace
}  // namespace pulse::app
