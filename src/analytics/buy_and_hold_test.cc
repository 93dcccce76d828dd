#include "analytics/buy_and_hold.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include <gtest/gtest.h>

namespace pulse::analytics {
namespace {

constexpr UnixNanos kDay = kNanosPerDay;
constexpr UnixNanos kStart = 1000 * kDay;  // a UTC midnight

SymbolDailyCloses Series(std::string symbol, PriceMark first, std::vector<PriceMark> closes) {
  return {std::move(symbol), first, std::move(closes)};
}

TEST(BuyAndHoldTest, EqualSleevesHeldWithoutRebalancing) {
  // A: 100 -> 110 -> 121; B: 50 -> 40 -> 45. 1000 split into two sleeves of 500.
  const std::vector<SymbolDailyCloses> series = {
      Series("AAA", {kStart, 100}, {{kStart + kDay, 110}, {kStart + 2 * kDay, 121}}),
      Series("BBB", {kStart, 50}, {{kStart + kDay, 40}, {kStart + 2 * kDay, 45}})};
  Result<BuyAndHoldBenchmark> b = BuyAndHold(series, 1000, kStart);
  ASSERT_TRUE(b.ok()) << b.status().message();
  ASSERT_EQ(b->symbols.size(), 2u);
  EXPECT_EQ(b->symbols[0].symbol, "AAA");
  EXPECT_NEAR(b->symbols[0].change, 0.21, 1e-15);
  EXPECT_NEAR(b->symbols[1].change, -0.10, 1e-15);
  EXPECT_EQ(b->symbols[1].last, (PriceMark{kStart + 2 * kDay, 45}));
  EXPECT_NEAR(b->market_change, 0.055, 1e-15);
  ASSERT_EQ(b->curve.size(), 3u);
  EXPECT_EQ(b->curve[0], (EquityPoint{kStart, 1000}));
  EXPECT_EQ(b->curve[1].time, kStart + kDay);
  EXPECT_NEAR(b->curve[1].equity, 550 + 400, 1e-9);
  EXPECT_NEAR(b->curve[2].equity, 605 + 450, 1e-9);
  EXPECT_NEAR(b->curve.back().equity / 1000 - 1, b->market_change, 1e-15);
}

TEST(BuyAndHoldTest, ALaterSymbolKeepsItsSleeveInCashUntilItsFirstPrice) {
  // B's bars begin a day late: its 500 are cash on day one, then bought at 40.
  const std::vector<SymbolDailyCloses> series = {
      Series("AAA", {kStart, 100}, {{kStart + kDay, 110}, {kStart + 2 * kDay, 121}}),
      Series("BBB", {kStart + kDay + 300, 40}, {{kStart + 2 * kDay, 44}})};
  Result<BuyAndHoldBenchmark> b = BuyAndHold(series, 1000, kStart);
  ASSERT_TRUE(b.ok()) << b.status().message();
  ASSERT_EQ(b->curve.size(), 4u);
  EXPECT_NEAR(b->curve[1].equity, 550 + 500, 1e-9);  // day one: B in cash
  EXPECT_EQ(b->curve[2].time, kStart + kDay + 300);  // B bought at its first open
  EXPECT_NEAR(b->curve[2].equity, 550 + 500, 1e-9);
  EXPECT_NEAR(b->curve[3].equity, 605 + 550, 1e-9);
  EXPECT_NEAR(b->market_change, (0.21 + 0.10) / 2, 1e-15);
  EXPECT_NEAR(b->curve.back().equity / 1000 - 1, b->market_change, 1e-15);
}

TEST(BuyAndHoldTest, DailyClosesKeepTheFirstOpenAndTheLastCloseOfEachUtcDay) {
  DailyCloses closes;
  const UnixNanos five = 5 * kNanosPerMinute;
  // Three 5m bars: 23:50 of day 0, 23:55 (closing at midnight: the first close of day 1, as an
  // equity point booked then would be) and 00:00 of day 1; and one bar of another symbol.
  closes.Add("AAA", {kStart - 2 * five, 10, 11, 9, 10.5, 1}, kStart - five);
  closes.Add("BBB", {kStart - five, 3, 3, 3, 3.5, 1}, kStart);
  closes.Add("AAA", {kStart - five, 10.5, 12, 10, 11.5, 1}, kStart);
  closes.Add("AAA", {kStart, 11.5, 12, 11, 11.8, 1}, kStart + five);
  ASSERT_EQ(closes.series().size(), 2u);
  const SymbolDailyCloses& a = closes.series()[0];
  EXPECT_EQ(a.symbol, "AAA");
  EXPECT_EQ(a.first, (PriceMark{kStart - 2 * five, 10}));
  ASSERT_EQ(a.day_closes.size(), 2u);
  EXPECT_EQ(a.day_closes[0], (PriceMark{kStart - five, 10.5}));
  EXPECT_EQ(a.day_closes[1], (PriceMark{kStart + five, 11.8}));
  EXPECT_EQ(closes.series()[1].first, (PriceMark{kStart - five, 3}));
  EXPECT_EQ(closes.series()[1].day_closes, (std::vector<PriceMark>{{kStart, 3.5}}));
}

TEST(BuyAndHoldTest, ItsDaysAreTheDaysOfAnAccountBookedAtTheSameCloses) {
  // An account holding AAA alone, marked at every bar close, has the benchmark's daily returns.
  DailyCloses closes;
  std::vector<EquityPoint> account = {{kStart, 1000}};
  const UnixNanos hour = kNanosPerHour;
  double price = 100;
  for (int i = 0; i < 24 * 5; ++i) {
    const UnixNanos open = kStart + i * hour;
    const double next = price * (1 + 0.01 * ((i * 7) % 5 - 2));
    closes.Add("AAA", {open, price, std::max(price, next), std::min(price, next), next, 1},
               open + hour);
    account.push_back({open + hour, 1000 * next / 100});
    price = next;
  }
  Result<BuyAndHoldBenchmark> b = BuyAndHold(closes.series(), 1000, kStart);
  ASSERT_TRUE(b.ok()) << b.status().message();
  Result<std::vector<PeriodReturn>> mine = ResampleReturns(account);
  Result<std::vector<PeriodReturn>> market = ResampleReturns(b->curve);
  ASSERT_TRUE(mine.ok() && market.ok());
  ASSERT_EQ(mine->size(), market->size());
  for (std::size_t i = 0; i < mine->size(); ++i) {
    EXPECT_EQ((*mine)[i].period_start, (*market)[i].period_start);
    EXPECT_NEAR((*mine)[i].value, (*market)[i].value, 1e-12) << i;
  }
}

TEST(BuyAndHoldTest, BadInputIsNamed) {
  const SymbolDailyCloses good = Series("AAA", {kStart, 100}, {{kStart + kDay, 110}});
  EXPECT_FALSE(BuyAndHold({}, 1000, kStart).ok());
  EXPECT_FALSE(BuyAndHold({&good, 1}, 0, kStart).ok());
  const SymbolDailyCloses none = Series("NONE", {kStart, 100}, {});
  Result<BuyAndHoldBenchmark> r = BuyAndHold({&none, 1}, 1000, kStart);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("NONE"), std::string::npos);
  const SymbolDailyCloses zero = Series("ZERO", {kStart, 0}, {{kStart + kDay, 110}});
  r = BuyAndHold({&zero, 1}, 1000, kStart);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("ZERO: price 0"), std::string::npos);
  const SymbolDailyCloses nan =
      Series("NAN", {kStart, 1}, {{kStart + kDay, std::numeric_limits<double>::quiet_NaN()}});
  EXPECT_FALSE(BuyAndHold({&nan, 1}, 1000, kStart).ok());
  const SymbolDailyCloses back = Series("BACK", {kStart + kDay, 1}, {{kStart, 2}});
  r = BuyAndHold({&back, 1}, 1000, kStart);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("earlier"), std::string::npos);
  r = BuyAndHold({&good, 1}, 1000, kStart + 1);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("before the start"), std::string::npos);
}

}  // namespace
}  // namespace pulse::analytics
