#include "engines/risk/circuit_breakers.h"

#include <gtest/gtest.h>

namespace pulse::risk {
namespace {

UnixNanos T(const char* iso) { return *ParseIso8601(iso); }

EquityTracker Tracker(const char* zone = "UTC") {
  return EquityTracker(*CalendarDay::Create(zone));
}

TEST(CircuitBreakersTest, DailyLossBlocksUntilLocalMidnight) {
  EquityTracker e = Tracker("Europe/Berlin");
  DailyLossBreaker b(0.05, /*flatten=*/false);
  std::vector<CircuitBreakerTripped> trips;
  ASSERT_TRUE(e.Add(T("2026-11-21T08:00:00Z"), 10000).ok());
  b.OnEquity(T("2026-11-21T08:00:00Z"), e, &trips);
  ASSERT_TRUE(e.Add(T("2026-11-21T10:00:00Z"), 9500).ok());  // exactly 5 %: no trip
  b.OnEquity(T("2026-11-21T10:00:00Z"), e, &trips);
  EXPECT_TRUE(trips.empty());
  ASSERT_TRUE(e.Add(T("2026-11-21T11:00:00Z"), 9499).ok());  // 5.01 %
  b.OnEquity(T("2026-11-21T11:00:00Z"), e, &trips);
  ASSERT_EQ(trips.size(), 1u);
  EXPECT_EQ(trips[0].breaker, "daily_loss");
  EXPECT_EQ(trips[0].reason, DenyReason::kDailyLoss);
  EXPECT_EQ(trips[0].symbol, "");
  EXPECT_EQ(trips[0].until, T("2026-11-21T23:00:00Z"));  // Berlin midnight (CET)
  EXPECT_NEAR(trips[0].why.value, 0.0501, 1e-12);
  // Further losses the same day do not trip again.
  ASSERT_TRUE(e.Add(T("2026-11-21T12:00:00Z"), 9000).ok());
  b.OnEquity(T("2026-11-21T12:00:00Z"), e, &trips);
  EXPECT_EQ(trips.size(), 1u);
  EXPECT_TRUE(b.Blocks(T("2026-11-21T22:59:59Z"), "BTCUSDT").has_value());
  EXPECT_FALSE(b.Blocks(T("2026-11-21T23:00:00Z"), "BTCUSDT").has_value());
}

TEST(CircuitBreakersTest, MaxDrawdownTripsThenMeasuresFromTheTrip) {
  EquityTracker e = Tracker();
  MaxDrawdownBreaker b(0.15, 86400, /*flatten=*/true);
  std::vector<CircuitBreakerTripped> trips;
  UnixNanos t = T("2026-01-01T00:00:00Z");
  for (double equity : {100.0, 90.0, 85.0}) {  // 15 % exactly: no trip
    ASSERT_TRUE(e.Add(t, equity).ok());
    b.OnEquity(t, e, &trips);
    t += kNanosPerHour;
  }
  EXPECT_TRUE(trips.empty());
  ASSERT_TRUE(e.Add(t, 84.9).ok());
  b.OnEquity(t, e, &trips);
  ASSERT_EQ(trips.size(), 1u);
  EXPECT_TRUE(trips[0].flatten);
  EXPECT_EQ(trips[0].until, t + kNanosPerDay);
  EXPECT_NEAR(trips[0].why.value, 0.151, 1e-12);
  EXPECT_TRUE(b.Blocks(t + kNanosPerDay - 1, "ETHUSDT").has_value());
  EXPECT_FALSE(b.Blocks(t + kNanosPerDay, "ETHUSDT").has_value());
  // After the cooldown: 80 is 5.8 % below 84.9 (no trip), 72 is 15.2 % below (trip).
  t += kNanosPerDay;
  ASSERT_TRUE(e.Add(t, 80).ok());
  b.OnEquity(t, e, &trips);
  EXPECT_EQ(trips.size(), 1u);
  ASSERT_TRUE(e.Add(t + 1, 72).ok());
  b.OnEquity(t + 1, e, &trips);
  EXPECT_EQ(trips.size(), 2u);
}

TEST(CircuitBreakersTest, ConsecutiveLossesResetByAWin) {
  ConsecutiveLossesBreaker b(5, 3600, false);
  std::vector<CircuitBreakerTripped> trips;
  UnixNanos t = T("2026-01-01T00:00:00Z");
  for (int i = 0; i < 4; ++i) b.OnOutcome(t += 1, "BTCUSDT", Outcome::kLoss, &trips);
  b.OnOutcome(t += 1, "BTCUSDT", Outcome::kWin, &trips);
  for (int i = 0; i < 4; ++i) b.OnOutcome(t += 1, "BTCUSDT", Outcome::kLoss, &trips);
  EXPECT_TRUE(trips.empty());
  b.OnOutcome(t += 1, "BTCUSDT", Outcome::kLoss, &trips);  // the 5th in a row
  ASSERT_EQ(trips.size(), 1u);
  EXPECT_EQ(trips[0].until, t + FromSeconds(3600));
  EXPECT_EQ(trips[0].why.text, "5 losses in a row >= 5");
  b.OnOutcome(t += 1, "BTCUSDT", Outcome::kLoss, &trips);  // the count restarted at the trip
  EXPECT_EQ(trips.size(), 1u);
}

TEST(CircuitBreakersTest, ConsecutiveLossesPerSymbolCountAndBlockEachSymbolAlone) {
  // BTC loses three times, with an ETH win between each: BTC's own run, not the shared one.
  const std::vector<std::pair<const char*, Outcome>> interleaved = {{"BTCUSDT", Outcome::kLoss},
                                                                    {"ETHUSDT", Outcome::kWin},
                                                                    {"BTCUSDT", Outcome::kLoss},
                                                                    {"ETHUSDT", Outcome::kWin},
                                                                    {"BTCUSDT", Outcome::kLoss}};
  ConsecutiveLossesBreaker b(3, 3600, /*flatten=*/true, /*per_symbol=*/true);
  std::vector<CircuitBreakerTripped> trips;
  UnixNanos t = T("2026-01-01T00:00:00Z");
  for (const auto& [symbol, outcome] : interleaved) b.OnOutcome(t += 1, symbol, outcome, &trips);
  ASSERT_EQ(trips.size(), 1u);
  EXPECT_EQ(trips[0].symbol, "BTCUSDT");
  EXPECT_TRUE(trips[0].flatten);
  EXPECT_EQ(trips[0].until, t + FromSeconds(3600));
  EXPECT_EQ(trips[0].why,
            (ControllerReason{"consecutive_losses", 3, 3, "BTCUSDT: 3 losses in a row >= 3"}));
  const std::optional<ControllerReason> why = b.Blocks(t + 1, "BTCUSDT");
  ASSERT_TRUE(why.has_value());
  EXPECT_EQ(why->text, "BTCUSDT: 3 losses in a row >= 3 (blocked until 2026-01-01T01:00:00Z)");
  EXPECT_FALSE(b.Blocks(t + 1, "ETHUSDT").has_value());
  // ETH's run starts after its win: its third loss trips ETH alone.
  b.OnOutcome(t += 1, "ETHUSDT", Outcome::kLoss, &trips);
  b.OnOutcome(t += 1, "ETHUSDT", Outcome::kLoss, &trips);
  EXPECT_EQ(trips.size(), 1u);
  b.OnOutcome(t += 1, "ETHUSDT", Outcome::kLoss, &trips);
  ASSERT_EQ(trips.size(), 2u);
  EXPECT_EQ(trips[1].symbol, "ETHUSDT");
  EXPECT_FALSE(b.Blocks(trips[0].until, "BTCUSDT").has_value());
  EXPECT_TRUE(b.Blocks(trips[0].until, "ETHUSDT").has_value());

  // One run over every symbol: ETH's wins end it, and the next two ETH losses make three in a
  // row with BTC's last, which blocks every symbol.
  ConsecutiveLossesBreaker shared(3, 3600, false);
  std::vector<CircuitBreakerTripped> all;
  t = T("2026-01-01T00:00:00Z");
  for (const auto& [symbol, outcome] : interleaved) shared.OnOutcome(t += 1, symbol, outcome, &all);
  EXPECT_TRUE(all.empty());
  shared.OnOutcome(t += 1, "ETHUSDT", Outcome::kLoss, &all);
  shared.OnOutcome(t += 1, "ETHUSDT", Outcome::kLoss, &all);
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].symbol, "");
  EXPECT_EQ(all[0].why.text, "3 losses in a row >= 3");
  EXPECT_TRUE(shared.Blocks(t + 1, "BTCUSDT").has_value());
}

TEST(CircuitBreakersTest, MinTimeBetweenTradesPerSymbolWaitsForTheSameSymbolOnly) {
  MinTimeBetweenTradesBreaker b(300, /*per_symbol=*/true);
  const UnixNanos t = T("2026-01-01T00:00:00Z");
  b.OnEntry(t, "BTCUSDT");
  const std::optional<ControllerReason> why = b.Blocks(t + FromSeconds(299), "BTCUSDT");
  ASSERT_TRUE(why.has_value());
  EXPECT_EQ(why->text,
            "last BTCUSDT entry at 2026-01-01T00:00:00Z, less than 300 s ago (blocked until "
            "2026-01-01T00:05:00Z)");
  EXPECT_FALSE(b.Blocks(t + 1, "ETHUSDT").has_value());
  EXPECT_FALSE(b.Blocks(t + FromSeconds(300), "BTCUSDT").has_value());
}

TEST(CircuitBreakersTest, MinTimeBetweenTradesIsQuiet) {
  MinTimeBetweenTradesBreaker b(300);
  const UnixNanos t = T("2026-01-01T00:00:00Z");
  EXPECT_FALSE(b.Blocks(t, "BTCUSDT").has_value());
  b.OnEntry(t, "BTCUSDT");
  auto why = b.Blocks(t + FromSeconds(299), "BTCUSDT");
  ASSERT_TRUE(why.has_value());
  EXPECT_EQ(why->rule, "min_time_between_trades");
  EXPECT_EQ(why->threshold, 300);
  EXPECT_FALSE(b.Blocks(t + FromSeconds(300), "BTCUSDT").has_value());
}

TEST(CircuitBreakersTest, VolatilityBlocksOnlyTheSymbol) {
  VolatilityBreaker b(0.05, 3600, /*flatten=*/true);
  std::vector<CircuitBreakerTripped> trips;
  const UnixNanos t = T("2026-01-01T00:00:00Z");
  b.OnVolatility(t, "BTCUSDT", 0.05, &trips);  // at the level: fine
  EXPECT_TRUE(trips.empty());
  b.OnVolatility(t, "BTCUSDT", 0.0501, &trips);
  ASSERT_EQ(trips.size(), 1u);
  EXPECT_EQ(trips[0].symbol, "BTCUSDT");
  EXPECT_TRUE(trips[0].flatten);
  EXPECT_EQ(trips[0].why.text, "BTCUSDT volatility 5.01% > 5.00%");
  EXPECT_TRUE(b.Blocks(t + 1, "BTCUSDT").has_value());
  EXPECT_FALSE(b.Blocks(t + 1, "ETHUSDT").has_value());
  // Another high reading extends the block without a second trip event; a denial names the
  // latest reading.
  b.OnVolatility(t + FromSeconds(1800), "BTCUSDT", 0.07, &trips);
  EXPECT_EQ(trips.size(), 1u);
  const std::optional<ControllerReason> why = b.Blocks(t + FromSeconds(3600), "BTCUSDT");
  ASSERT_TRUE(why.has_value());
  EXPECT_EQ(why->rule, "volatility");
  EXPECT_DOUBLE_EQ(why->value, 0.07);
  EXPECT_EQ(why->text, "BTCUSDT volatility 7.00% > 5.00% (blocked until 2026-01-01T01:30:00Z)");
  EXPECT_FALSE(b.Blocks(t + FromSeconds(5400), "BTCUSDT").has_value());
}

TEST(CircuitBreakersTest, FactoryHonoursTheSwitches) {
  CircuitBreakerConfig c;
  EXPECT_EQ(MakeCircuitBreakers(c).size(), 5u);
  c.volatility.enabled = false;
  c.min_time_between_trades.enabled = false;
  const auto breakers = MakeCircuitBreakers(c);
  ASSERT_EQ(breakers.size(), 3u);
  EXPECT_EQ(breakers[0]->name(), "daily_loss");
  EXPECT_EQ(breakers[2]->name(), "consecutive_losses");

  // per_symbol reaches the breakers: an entry on BTC leaves ETH free.
  c.min_time_between_trades.enabled = true;
  c.min_time_between_trades_per_symbol = true;
  c.consecutive_losses_per_symbol = true;
  c.max_consecutive_losses = 1;
  const auto per_symbol = MakeCircuitBreakers(c);
  ASSERT_EQ(per_symbol.size(), 4u);
  const UnixNanos t = T("2026-01-01T00:00:00Z");
  std::vector<CircuitBreakerTripped> trips;
  per_symbol[2]->OnOutcome(t, "BTCUSDT", Outcome::kLoss, &trips);
  ASSERT_EQ(trips.size(), 1u);
  EXPECT_EQ(trips[0].symbol, "BTCUSDT");
  per_symbol[3]->OnEntry(t, "BTCUSDT");
  EXPECT_TRUE(per_symbol[3]->Blocks(t + 1, "BTCUSDT").has_value());
  EXPECT_FALSE(per_symbol[3]->Blocks(t + 1, "ETHUSDT").has_value());
}

}  // namespace
}  // namespace pulse::risk
