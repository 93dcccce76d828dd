#include "analytics/equity_curve.h"

#include <gtest/gtest.h>

namespace pulse::analytics {
namespace {

constexpr UnixNanos kDay0 = 20000 * kNanosPerDay;  // 2024-10-04T00:00:00Z

TradeRecord Closed(SignalId id, UnixNanos exit, std::optional<double> quote) {
  TradeRecord t;
  t.signal_id = id;
  t.exit_time = exit;
  t.pnl_quote = quote;
  return t;
}

TEST(EquityCurveTest, TradesBookedAtExitAndResampledDaily) {
  // 1000 start; day 0 +100 (10:00) and -50 (20:00); day 1 nothing; day 2 +210.
  std::vector<TradeRecord> t = {Closed(3, kDay0 + 2 * kNanosPerDay + kNanosPerHour, 210),
                                Closed(1, kDay0 + 10 * kNanosPerHour, 100),
                                Closed(2, kDay0 + 20 * kNanosPerHour, -50)};
  Result<std::vector<EquityPoint>> curve = BuildEquityCurve(t, 1000, kDay0);
  ASSERT_TRUE(curve.ok()) << curve.status();
  ASSERT_EQ(curve->size(), 4u);
  EXPECT_EQ((*curve)[1], (EquityPoint{kDay0 + 10 * kNanosPerHour, 1100}));
  EXPECT_EQ((*curve)[2].equity, 1050);
  EXPECT_EQ((*curve)[3].equity, 1260);
  Result<std::vector<PeriodReturn>> daily = ResampleReturns(*curve);
  ASSERT_TRUE(daily.ok()) << daily.status();
  ASSERT_EQ(daily->size(), 3u);
  EXPECT_EQ((*daily)[0].period_start, kDay0);
  EXPECT_NEAR((*daily)[0].value, 0.05, 1e-15);  // 1050 / 1000
  EXPECT_EQ((*daily)[1].value, 0.0);
  EXPECT_NEAR((*daily)[2].value, 0.2, 1e-15);  // 1260 / 1050
  // 12-hour periods: [00,12) 1100/1000, [12,24) 1050/1100, then 0, 0, then 1260/1050.
  Result<std::vector<PeriodReturn>> half = ResampleReturns(*curve, 12 * kNanosPerHour);
  ASSERT_TRUE(half.ok());
  ASSERT_EQ(half->size(), 5u);
  EXPECT_NEAR((*half)[0].value, 0.1, 1e-15);
  EXPECT_NEAR((*half)[1].value, 1050.0 / 1100 - 1, 1e-15);
  EXPECT_NEAR((*half)[4].value, 0.2, 1e-15);
}

TEST(EquityCurveTest, BadInputNamesTheProblem) {
  std::vector<TradeRecord> t = {Closed(4, kDay0, std::nullopt)};
  Result<std::vector<EquityPoint>> r = BuildEquityCurve(t, 1000, kDay0);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("signal 4 has no quote P&L"), std::string::npos);
  EXPECT_FALSE(BuildEquityCurve({}, 0, kDay0).ok());
  std::vector<TradeRecord> early = {Closed(5, kDay0 - 1, 1)};
  EXPECT_FALSE(BuildEquityCurve(early, 1000, kDay0).ok());
  std::vector<EquityPoint> ruined = {{kDay0, 100}, {kDay0 + 1, -5}};
  EXPECT_FALSE(ResampleReturns(ruined).ok());
  EXPECT_FALSE(ResampleReturns({}).ok());
  std::vector<EquityPoint> one = {{kDay0, 100}};
  EXPECT_FALSE(ResampleReturns(one, 0).ok());
}

TEST(EquityCurveTest, BarReturns) {
  const std::vector<double> e = {100, 110, 99, 99};
  Result<std::vector<double>> r = BarReturns(e);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->size(), 3u);
  EXPECT_NEAR((*r)[0], 0.1, 1e-15);
  EXPECT_NEAR((*r)[1], -0.1, 1e-15);
  EXPECT_EQ((*r)[2], 0.0);
  const std::vector<double> bad = {100, 0};
  Result<std::vector<double>> b = BarReturns(bad);
  ASSERT_FALSE(b.ok());
  EXPECT_NE(b.status().message().find("index 1"), std::string::npos);
}

TEST(EquityCurveTest, AggregateByCalendar) {
  // 2000-01-30 (Sunday, ISO week 4), 01-31 (Monday, week 5), 02-01, 2000-04-01 (Q2).
  Result<UnixNanos> a = ParseIso8601("2000-01-30"), b = ParseIso8601("2000-01-31"),
                    c = ParseIso8601("2000-02-01"), d = ParseIso8601("2000-04-01");
  const std::vector<UnixNanos> times = {*a, *b, *c, *d};
  const std::vector<double> r = {0.1, 0.1, -0.5, 0.2};
  Result<std::vector<PeriodReturn>> weekly = AggregateReturns(r, times, CalendarPeriod::kWeekly);
  ASSERT_TRUE(weekly.ok());
  ASSERT_EQ(weekly->size(), 3u);
  EXPECT_NEAR((*weekly)[1].value, 1.1 * 0.5 - 1, 1e-15);
  EXPECT_EQ((*weekly)[1].period_start, *b);  // the group's first return
  Result<std::vector<PeriodReturn>> monthly = AggregateReturns(r, times, CalendarPeriod::kMonthly);
  ASSERT_EQ(monthly->size(), 3u);
  EXPECT_NEAR((*monthly)[0].value, 0.21, 1e-15);
  EXPECT_EQ((*monthly)[0].period_start, *a);
  EXPECT_EQ((*monthly)[1].period_start, *c);
  EXPECT_EQ((*monthly)[2].period_start, *d);
  Result<std::vector<PeriodReturn>> quarterly =
      AggregateReturns(r, times, CalendarPeriod::kQuarterly);
  ASSERT_EQ(quarterly->size(), 2u);
  EXPECT_NEAR((*quarterly)[0].value, 1.21 * 0.5 - 1, 1e-15);
  const std::vector<UnixNanos> backwards = {*b, *a, *c, *d};
  EXPECT_FALSE(AggregateReturns(r, backwards, CalendarPeriod::kYearly).ok());
}

}  // namespace
}  // namespace pulse::analytics
