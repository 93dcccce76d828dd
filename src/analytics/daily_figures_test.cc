#include "analytics/daily_figures.h"

#include <map>
#include <random>

#include <gtest/gtest.h>

namespace pulse::analytics {
namespace {

constexpr UnixNanos kDay0 = 20000 * kNanosPerDay;  // 2024-10-04T00:00:00Z
constexpr UnixNanos kHour = kNanosPerHour;

// 201 points from 1000 at kDay0: each `gap` after the last, the equity moved by `step`.
std::vector<EquityPoint> RandomCurve(std::mt19937_64& rng, std::normal_distribution<double>& step,
                                     std::uniform_int_distribution<UnixNanos>& gap) {
  std::vector<EquityPoint> curve = {{kDay0, 1000}};
  for (int i = 0; i < 200; ++i) {
    curve.push_back({curve.back().time + gap(rng), curve.back().equity + step(rng)});
  }
  return curve;
}

TEST(DailyFiguresTest, CountsTheDaysAndFindsTheExtremes) {
  // Day 0: 1000 -> 1100 -> 1050 (+5 %); day 1 quiet; day 2: 1260 (+20 %); day 3: 1134 then 1200
  // (-4.76 %).
  const std::vector<EquityPoint> curve = {{kDay0, 1000},
                                          {kDay0 + 10 * kHour, 1100},
                                          {kDay0 + 20 * kHour, 1050},
                                          {kDay0 + 2 * kNanosPerDay + kHour, 1260},
                                          {kDay0 + 3 * kNanosPerDay + 5 * kHour, 1134},
                                          {kDay0 + 3 * kNanosPerDay + 6 * kHour, 1200}};
  Result<DailyFigures> f = ComputeDailyFigures(curve);
  ASSERT_TRUE(f.ok()) << f.status();
  EXPECT_EQ(f->days, 4);
  EXPECT_EQ(f->winning_days, 2);
  EXPECT_EQ(f->flat_days, 1);
  EXPECT_EQ(f->losing_days, 1);
  EXPECT_EQ(f->best_day.period_start, kDay0 + 2 * kNanosPerDay);
  EXPECT_NEAR(f->best_day.value, 0.2, 1e-15);
  EXPECT_EQ(f->worst_day.period_start, kDay0 + 3 * kNanosPerDay);
  EXPECT_NEAR(f->worst_day.value, 1200.0 / 1260 - 1, 1e-15);
  EXPECT_EQ(f->lowest, (EquityPoint{kDay0, 1000}));
  EXPECT_EQ(f->highest, (EquityPoint{kDay0 + 2 * kNanosPerDay + kHour, 1260}));
  // The fall from 1100 to 1050 is smaller than the one from 1260 to 1134.
  EXPECT_EQ(f->fall_peak, (EquityPoint{kDay0 + 2 * kNanosPerDay + kHour, 1260}));
  EXPECT_EQ(f->fall_trough, (EquityPoint{kDay0 + 3 * kNanosPerDay + 5 * kHour, 1134}));
  EXPECT_DOUBLE_EQ(f->FallQuote(), 126);
  EXPECT_NEAR(f->FallFraction(), -0.1, 1e-15);
}

TEST(DailyFiguresTest, ACurveThatNeverFallsHasNoFallAndTiesGoToTheFirst) {
  // Two days of +10 % each, then a quiet day: the first of the equal days is the best; the lowest
  // equity is the first point, and equal highs keep the first.
  const std::vector<EquityPoint> curve = {{kDay0, 100},
                                          {kDay0 + kHour, 110},
                                          {kDay0 + kNanosPerDay + kHour, 121},
                                          {kDay0 + kNanosPerDay + 2 * kHour, 121},
                                          {kDay0 + 2 * kNanosPerDay + kHour, 121}};
  Result<DailyFigures> f = ComputeDailyFigures(curve);
  ASSERT_TRUE(f.ok()) << f.status();
  EXPECT_EQ(f->days, 3);
  EXPECT_EQ(f->winning_days, 2);
  EXPECT_EQ(f->flat_days, 1);
  EXPECT_EQ(f->losing_days, 0);
  EXPECT_EQ(f->best_day.period_start, kDay0);
  EXPECT_EQ(f->worst_day.period_start, kDay0 + 2 * kNanosPerDay);
  EXPECT_EQ(f->worst_day.value, 0.0);
  EXPECT_EQ(f->highest.time, kDay0 + kNanosPerDay + kHour);
  EXPECT_EQ(f->fall_peak, curve.front());
  EXPECT_EQ(f->fall_trough, curve.front());
  EXPECT_EQ(f->FallQuote(), 0);
  EXPECT_EQ(f->FallFraction(), 0);
  EXPECT_EQ(f->underwater_from, kDay0);
  EXPECT_EQ(f->UnderwaterNanos(), 0);
  EXPECT_TRUE(f->underwater_recovered);
}

TEST(DailyFiguresTest, TheDeepestFallMatchesEveryPairOfPoints) {
  // Against the definition: the largest equity[i] - equity[j] over i <= j, and the day counts
  // against one return per day computed here from the last point of each day.
  std::mt19937_64 rng(7);
  std::normal_distribution<double> step(0, 12);
  std::uniform_int_distribution<UnixNanos> gap(0, 9 * kHour);
  for (int round = 0; round < 20; ++round) {
    const std::vector<EquityPoint> curve = RandomCurve(rng, step, gap);
    double deepest = 0;
    for (std::size_t i = 0; i < curve.size(); ++i) {
      for (std::size_t j = i; j < curve.size(); ++j) {
        deepest = std::max(deepest, curve[i].equity - curve[j].equity);
      }
    }
    std::map<std::int64_t, double> day_end;  // day -> equity at its last point
    for (const EquityPoint& p : curve) day_end[p.time / kNanosPerDay] = p.equity;
    int winning = 0, losing = 0;
    double previous = curve.front().equity;
    for (std::int64_t day = curve.front().time / kNanosPerDay;
         day <= curve.back().time / kNanosPerDay; ++day) {
      const double equity = day_end.count(day) ? day_end[day] : previous;
      winning += equity > previous;
      losing += equity < previous;
      previous = equity;
    }
    Result<DailyFigures> f = ComputeDailyFigures(curve);
    ASSERT_TRUE(f.ok()) << f.status();
    EXPECT_DOUBLE_EQ(f->FallQuote(), deepest) << "round " << round;
    EXPECT_LE(f->fall_peak.time, f->fall_trough.time);
    EXPECT_EQ(f->winning_days, winning) << "round " << round;
    EXPECT_EQ(f->losing_days, losing) << "round " << round;
    EXPECT_EQ(f->days, f->winning_days + f->flat_days + f->losing_days);
  }
}

TEST(DailyFiguresTest, TheLongestTimeUnderWaterMatchesTheRunsBelowEarlierHighs) {
  // Against the definition: a point is under water when its equity is below the highest of the
  // points before it; a run of such points lasts from its first point to the next point (back at
  // or above the high) or, for a run to the end, to the last point. The longest, first on ties.
  std::mt19937_64 rng(11);
  std::normal_distribution<double> step(0.5, 12);
  std::uniform_int_distribution<UnixNanos> gap(1, 9 * kHour);
  for (int round = 0; round < 20; ++round) {
    const std::vector<EquityPoint> curve = RandomCurve(rng, step, gap);
    std::vector<bool> under(curve.size(), false);
    for (std::size_t i = 1; i < curve.size(); ++i) {
      double high = curve[0].equity;
      for (std::size_t k = 0; k < i; ++k) high = std::max(high, curve[k].equity);
      under[i] = curve[i].equity < high;
    }
    UnixNanos longest = 0, from = kDay0, to = kDay0;
    bool recovered = true;
    for (std::size_t i = 0; i < curve.size(); ++i) {
      if (!under[i] || (i > 0 && under[i - 1])) continue;  // not the start of a run
      std::size_t j = i;
      while (j < curve.size() && under[j]) ++j;
      const bool back = j < curve.size();
      const UnixNanos end = back ? curve[j].time : curve.back().time;
      if (end - curve[i].time > longest) {
        longest = end - curve[i].time;
        from = curve[i].time;
        to = end;
        recovered = back;
      }
    }
    Result<DailyFigures> f = ComputeDailyFigures(curve);
    ASSERT_TRUE(f.ok()) << f.status();
    EXPECT_EQ(f->UnderwaterNanos(), longest) << "round " << round;
    EXPECT_EQ(f->underwater_from, from) << "round " << round;
    EXPECT_EQ(f->underwater_to, to) << "round " << round;
    EXPECT_EQ(f->underwater_recovered, recovered) << "round " << round;
  }
}

TEST(DailyFiguresTest, UnderWaterUntilTheEndIsNotRecovered) {
  // A high at 10:00, below it from 11:00, back to it (equal counts) at 15:00; then a high at
  // 16:00 held flat to 17:00, and below it from 18:00 to the end at 23:00.
  const std::vector<EquityPoint> curve = {{kDay0 + 10 * kHour, 100}, {kDay0 + 11 * kHour, 90},
                                          {kDay0 + 15 * kHour, 100}, {kDay0 + 16 * kHour, 110},
                                          {kDay0 + 17 * kHour, 110}, {kDay0 + 18 * kHour, 105},
                                          {kDay0 + 23 * kHour, 108}};
  Result<DailyFigures> f = ComputeDailyFigures(curve);
  ASSERT_TRUE(f.ok()) << f.status();
  EXPECT_EQ(f->underwater_from, kDay0 + 18 * kHour);
  EXPECT_EQ(f->underwater_to, kDay0 + 23 * kHour);
  EXPECT_FALSE(f->underwater_recovered);
  // Without the last point the longest is the recovered 11:00 to 15:00.
  f = ComputeDailyFigures(std::span(curve).first(6));
  ASSERT_TRUE(f.ok()) << f.status();
  EXPECT_EQ(f->underwater_from, kDay0 + 11 * kHour);
  EXPECT_EQ(f->underwater_to, kDay0 + 15 * kHour);
  EXPECT_TRUE(f->underwater_recovered);
}

TEST(DailyFiguresTest, BadCurvesAreRefused) {
  EXPECT_FALSE(ComputeDailyFigures({}).ok());
  const std::vector<EquityPoint> backwards = {{kDay0 + kHour, 100}, {kDay0, 100}};
  EXPECT_FALSE(ComputeDailyFigures(backwards).ok());
  const std::vector<EquityPoint> ruined = {{kDay0, 100}, {kDay0 + kHour, 0}};
  EXPECT_FALSE(ComputeDailyFigures(ruined).ok());
}

}  // namespace
}  // namespace pulse::analytics
