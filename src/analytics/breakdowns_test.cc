#include "analytics/breakdowns.h"

#include <gtest/gtest.h>

namespace pulse::analytics {
namespace {

// 2024-01-01 is a Monday.
const UnixNanos kMonday = *ParseIso8601("2024-01-01T00:00:00Z");

TradeRecord Trade(SignalId id, std::string symbol, std::string source,
                  std::optional<double> confidence, Outcome outcome, double pnl, int entry_hour,
                  std::string reason = "take_profit") {
  TradeRecord t;
  t.signal_id = id;
  t.symbol = std::move(symbol);
  t.timeframe = "5m";
  t.source = std::move(source);
  t.confidence = confidence;
  t.outcome = outcome;
  t.pnl_percent = pnl;
  t.entry_time = kMonday + entry_hour * kNanosPerHour;
  t.exit_time = t.entry_time + kNanosPerHour;
  t.exit_reason = std::move(reason);
  return t;
}

std::vector<TradeRecord> Sample() {
  return {Trade(1, "BTCUSDT", "model:a", 0.65, Outcome::kWin, 2, 1),
          Trade(2, "ETHUSDT", "model:a", 0.95, Outcome::kLoss, -1, 25, "stop_loss"),
          Trade(3, "BTCUSDT", "theory:rsi", std::nullopt, Outcome::kLoss, -2, 49, "stop_loss"),
          Trade(4, "BTCUSDT", "model:b", 1.0, Outcome::kWin, 3, 2),
          Trade(5, "SOLUSDT", "model:b", 0.61, Outcome::kBreakeven, 0.1, 1)};
}

TEST(BreakdownsTest, BySymbolAndExitReason) {
  const std::vector<TradeRecord> t = Sample();
  const std::vector<BreakdownGroup> g = BreakDown(t, BreakdownKey::kSymbol);
  ASSERT_EQ(g.size(), 3u);
  EXPECT_EQ(g[0].label, "BTCUSDT");
  EXPECT_EQ(g[0].stats.count, 3);
  EXPECT_EQ(g[0].stats.wins, 2);
  EXPECT_NEAR(g[0].stats.total_pnl_pct, 3.0, 1e-12);
  EXPECT_EQ(g[2].label, "SOLUSDT");
  const std::vector<BreakdownGroup> r = BreakDown(t, BreakdownKey::kExitReason);
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[0].label, "stop_loss");
  EXPECT_EQ(r[0].stats.losses, 2);
}

TEST(BreakdownsTest, ByDirectionLongsFirst) {
  std::vector<TradeRecord> t = Sample();
  t[1].direction = Direction::kShort;  // the ETH loss (-1)
  t[3].direction = Direction::kShort;  // the BTC win (+3)
  const std::vector<BreakdownGroup> g = BreakDown(t, BreakdownKey::kDirection);
  ASSERT_EQ(g.size(), 2u);
  EXPECT_EQ(g[0].label, "long");
  EXPECT_EQ(g[0].stats.count, 3);
  EXPECT_NEAR(g[0].stats.total_pnl_pct, 2 - 2 + 0.1, 1e-12);
  EXPECT_EQ(g[1].label, "short");
  EXPECT_EQ(g[1].stats.wins, 1);
  EXPECT_EQ(g[1].stats.losses, 1);
  EXPECT_NEAR(g[1].stats.total_pnl_pct, 3 - 1, 1e-12);
  EXPECT_EQ(*ParseBreakdownKey("direction"), BreakdownKey::kDirection);
  EXPECT_NE(ParseBreakdownKey("side").status().message().find("direction"), std::string::npos);
}

TEST(BreakdownsTest, ConfidenceBucketsWeekdaysAndHours) {
  const std::vector<TradeRecord> t = Sample();
  const std::vector<BreakdownGroup> c = BreakDown(t, BreakdownKey::kConfidenceBucket);
  ASSERT_EQ(c.size(), 3u);
  EXPECT_EQ(c[0].label, "0.6-0.7");  // 0.65 and 0.61
  EXPECT_EQ(c[0].stats.count, 2);
  EXPECT_EQ(c[1].label, "0.9-1.0");  // 0.95 and 1.0 (1.0 in the last bucket)
  EXPECT_EQ(c[1].stats.count, 2);
  EXPECT_EQ(c[2].label, "none");
  const std::vector<BreakdownGroup> w = BreakDown(t, BreakdownKey::kWeekday);
  ASSERT_EQ(w.size(), 3u);
  EXPECT_EQ(w[0].label, "1");  // Monday: hours 1, 2, 1
  EXPECT_EQ(w[0].stats.count, 3);
  EXPECT_EQ(w[1].label, "2");
  EXPECT_EQ(w[2].label, "3");
  const std::vector<BreakdownGroup> h = BreakDown(t, BreakdownKey::kHour);
  ASSERT_EQ(h.size(), 2u);
  EXPECT_EQ(h[0].label, "1");  // entry hours 1, 1, 1 (25 and 49 are 01:00 too)
  EXPECT_EQ(h[0].stats.count, 4);
  EXPECT_EQ(h[1].label, "2");
  EXPECT_EQ(*ParseBreakdownKey("exit_reason"), BreakdownKey::kExitReason);
  EXPECT_FALSE(ParseBreakdownKey("colour").ok());
}

TEST(BreakdownsTest, WeekdayAndHourCells) {
  // Monday 01:00 (trades 1 and 5), Monday 02:00 (4), Tuesday 01:00 (2), Wednesday 01:00 (3).
  const std::vector<TradeRecord> t = Sample();
  const std::vector<WeekdayHourCell> cells = BreakDownByWeekdayAndHour(t);
  ASSERT_EQ(cells.size(), 4u);
  EXPECT_EQ(cells[0].weekday, 1);
  EXPECT_EQ(cells[0].hour, 1);
  EXPECT_EQ(cells[0].stats.count, 2);
  EXPECT_NEAR(cells[0].stats.total_pnl_pct, 2.1, 1e-12);
  EXPECT_EQ(cells[1].weekday, 1);
  EXPECT_EQ(cells[1].hour, 2);
  EXPECT_EQ(cells[1].stats.wins, 1);
  EXPECT_EQ(cells[2].weekday, 2);
  EXPECT_NEAR(cells[2].stats.total_pnl_pct, -1.0, 1e-12);
  EXPECT_EQ(cells[3].weekday, 3);
  EXPECT_EQ(cells[3].hour, 1);
  // The cells add up to the weekday breakdown's counts.
  std::int64_t monday = 0;
  for (const WeekdayHourCell& c : cells) monday += c.weekday == 1 ? c.stats.count : 0;
  EXPECT_EQ(monday, BreakDown(t, BreakdownKey::kWeekday)[0].stats.count);
  EXPECT_TRUE(BreakDownByWeekdayAndHour({}).empty());
}

TEST(BreakdownsTest, CalibrationPerSourceAndOverall) {
  const std::vector<TradeRecord> t = Sample();
  Result<CalibrationBreakdown> c = CalibrateBySource(t);
  ASSERT_TRUE(c.ok()) << c.status();
  EXPECT_EQ(c->overall.count, 4);  // the theory trade has no confidence
  // Brier: (1-0.65)^2 + (0-0.95)^2 + (1-1.0)^2 + (0-0.61)^2 over 4.
  EXPECT_NEAR(c->overall.brier, (0.1225 + 0.9025 + 0 + 0.3721) / 4, 1e-12);
  ASSERT_EQ(c->per_source.size(), 2u);
  EXPECT_EQ(c->per_source[0].source, "model:a");
  EXPECT_EQ(c->per_source[0].report.count, 2);
  EXPECT_NEAR(c->per_source[1].report.brier, (0 + 0.3721) / 2, 1e-12);
  std::vector<TradeRecord> bad = {Trade(9, "X", "m", 1.5, Outcome::kWin, 1, 0)};
  Result<CalibrationBreakdown> b = CalibrateBySource(bad);
  ASSERT_FALSE(b.ok());
  EXPECT_NE(b.status().message().find("signal 9"), std::string::npos);
}

TEST(BreakdownsTest, RollingWindows) {
  const std::vector<TradeRecord> t = Sample();  // exits at hours 2, 26, 50, 3, 2
  const std::vector<TradeRecord> last2 = LastTrades(t, 2);
  ASSERT_EQ(last2.size(), 2u);
  EXPECT_EQ(last2[0].signal_id, 2);
  EXPECT_EQ(last2[1].signal_id, 3);
  EXPECT_EQ(LastTrades(t, 10).size(), 5u);
  // The day before 2024-01-02T03:00: exits in (01-01T03:00, 01-02T03:00] -> only signal 2.
  const std::vector<TradeRecord> day = TradesInLastDays(t, 1, kMonday + 27 * kNanosPerHour);
  ASSERT_EQ(day.size(), 1u);
  EXPECT_EQ(day[0].signal_id, 2);
  EXPECT_TRUE(TradesInLastDays(t, 0, kMonday).empty());
}

}  // namespace
}  // namespace pulse::analytics
