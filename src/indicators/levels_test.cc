// Price levels (pivots, support_resistance, fibonacci) against brute-force recomputations written
// here from the definitions (every window recomputed from scratch, nothing shared with the
// implementation), hand-computed cases, and a proof of no look-ahead: the value at bar t is the
// same when the series is cut at t.
#include <algorithm>
#include <cmath>
#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "indicators/oracle_test_util.h"
#include "indicators/registry.h"

namespace pulse::indicators {
namespace {

constexpr std::int64_t kHour = 3600LL * 1'000'000'000;

Bar B(double high, double low, double close, std::int64_t time = 0) {
  Bar b;
  b.open_time = time;
  b.high = high;
  b.low = low;
  b.close = close;
  b.open = (high + low) / 2;
  return b;
}

// TA-Lib's 252 daily reference bars, re-stamped one hour apart from `start`, so that UTC days
// hold 24 bars (the first day only 20).
std::vector<Bar> ReferenceBars(std::int64_t start = 4 * kHour) {
  const auto doc = testing::LoadOracle("talib_regtest_tables.json");
  if (doc.is_null()) return {};
  std::vector<Bar> bars = testing::BarsFromColumns(doc["input_data"]);
  for (size_t i = 0; i < bars.size(); ++i) bars[i].open_time = start + i * kHour;
  return bars;
}

// A seeded random walk of hourly bars with a two-day hole after bar 100.
std::vector<Bar> RandomBars(int n, unsigned seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> u(0, 1);
  std::vector<Bar> bars;
  double price = 100;
  std::int64_t t = 0;
  for (int i = 0; i < n; ++i) {
    const double open = price;
    const double close = std::round((open + (u(rng) - 0.5) * 3) * 4) / 4;  // ties happen
    const double high = std::max(open, close) + std::round(u(rng) * 4) / 4;
    const double low = std::min(open, close) - std::round(u(rng) * 4) / 4;
    Bar b = B(high, low, close, t);
    b.open = open;
    bars.push_back(b);
    price = close;
    t += i == 100 ? 49 * kHour : kHour;
  }
  return bars;
}

std::vector<std::vector<double>> RunLevel(const std::string& name, const std::vector<Bar>& bars,
                                          std::vector<double> params = {}) {
  Result<std::unique_ptr<Indicator>> ind = CreateIndicator(name, params);
  EXPECT_TRUE(ind.ok()) << ind.status();
  if (!ind.ok()) return {};
  return RunBatch(**ind, bars);
}

void ExpectColumnsEqual(const std::vector<std::vector<double>>& got,
                        const std::vector<std::vector<double>>& want, const std::string& what) {
  ASSERT_EQ(got.size(), want.size()) << what;
  for (size_t k = 0; k < want.size(); ++k) {
    ASSERT_EQ(got[k].size(), want[k].size()) << what;
    for (size_t i = 0; i < want[k].size(); ++i) {
      if (std::isnan(want[k][i])) {
        EXPECT_TRUE(std::isnan(got[k][i])) << what << " output " << k << " bar " << i;
      } else {
        EXPECT_NEAR(got[k][i], want[k][i], 1e-9 * std::max(1.0, std::fabs(want[k][i])))
            << what << " output " << k << " bar " << i;
      }
    }
  }
}

// ---- brute force ----

std::vector<std::vector<double>> BrutePivots(const std::vector<Bar>& bars, int minutes) {
  const std::int64_t len = minutes * 60LL * 1'000'000'000;
  auto day = [&](const Bar& b) {
    return static_cast<std::int64_t>(std::floor(static_cast<double>(b.open_time) / len));
  };
  std::vector<std::vector<double>> out(7, std::vector<double>(bars.size(), NAN));
  for (size_t t = 0; t < bars.size(); ++t) {
    size_t first = t;  // first bar of t's session
    while (first > 0 && day(bars[first - 1]) == day(bars[t])) --first;
    if (first == 0) continue;
    double h = -INFINITY, l = INFINITY;
    for (size_t j = first; j-- > 0 && day(bars[j]) == day(bars[first - 1]);) {
      h = std::max(h, bars[j].high);
      l = std::min(l, bars[j].low);
    }
    const double c = bars[first - 1].close;
    const double p = (h + l + c) / 3;
    const double levels[7] = {p,         2 * p - l,   p + (h - l),    h + 2 * (p - l),
                              2 * p - h, p - (h - l), l - 2 * (h - p)};
    for (int k = 0; k < 7; ++k) out[k][t] = levels[k];
  }
  return out;
}

std::vector<std::vector<double>> BruteSupportResistance(const std::vector<Bar>& bars, int period,
                                                        int strength) {
  const int n = static_cast<int>(bars.size());
  std::vector<std::vector<double>> out(2, std::vector<double>(n, NAN));
  for (int t = period - 1; t < n; ++t) {
    const int oldest = t - period + 1;
    double support = NAN, resistance = NAN;
    for (int j = t - strength; j >= std::max(oldest, strength); --j) {
      bool high = true, low = true;
      for (int m = 1; m <= strength; ++m) {
        high = high && bars[j].high > bars[j - m].high && bars[j].high >= bars[j + m].high;
        low = low && bars[j].low < bars[j - m].low && bars[j].low <= bars[j + m].low;
      }
      if (high && std::isnan(resistance)) resistance = bars[j].high;
      if (low && std::isnan(support)) support = bars[j].low;
    }
    double hh = -INFINITY, ll = INFINITY;
    for (int j = oldest; j <= t; ++j) {
      hh = std::max(hh, bars[j].high);
      ll = std::min(ll, bars[j].low);
    }
    out[0][t] = std::isnan(support) ? ll : support;
    out[1][t] = std::isnan(resistance) ? hh : resistance;
  }
  return out;
}

std::vector<std::vector<double>> BruteFibonacci(const std::vector<Bar>& bars, int period) {
  const int n = static_cast<int>(bars.size());
  const double ratios[5] = {0.236, 0.382, 0.5, 0.618, 0.786};
  std::vector<std::vector<double>> out(7, std::vector<double>(n, NAN));
  for (int t = period - 1; t < n; ++t) {
    int hi = t, lo = t;
    for (int j = t; j > t - period; --j) {
      if (bars[j].high > bars[hi].high) hi = j;
      if (bars[j].low < bars[lo].low) lo = j;
    }
    const double h = bars[hi].high, l = bars[lo].low;
    for (int k = 0; k < 5; ++k) {
      out[k][t] = hi >= lo ? h - ratios[k] * (h - l) : l + ratios[k] * (h - l);
    }
    out[5][t] = h;
    out[6][t] = l;
  }
  return out;
}

// ---- tests ----

TEST(Pivots, HandComputedSession) {
  // Day 0: high 12, low 6, last close 9 -> P 9, R1 12, R2 15, R3 18, S1 6, S2 3, S3 0.
  const std::int64_t day = 24 * kHour;
  std::vector<Bar> bars = {B(10, 7, 8, 0), B(12, 8, 11, 5 * kHour), B(11, 6, 9, 20 * kHour),
                           B(9.5, 8.5, 9, day), B(30, 1, 20, day + kHour)};
  const auto out = RunLevel("pivots", bars);
  ASSERT_EQ(out.size(), 7u);
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(std::isnan(out[0][i])) << i;
  const double want[7] = {9, 12, 15, 18, 6, 3, 0};
  for (int k = 0; k < 7; ++k) {
    EXPECT_DOUBLE_EQ(out[k][3], want[k]) << k;
    EXPECT_DOUBLE_EQ(out[k][4], want[k]) << k;  // fixed for the whole session
  }
  // Four-hour sessions: bars 0 and 1 are separate sessions, so bar 1 uses bar 0 alone.
  const auto four = RunLevel("pivots", bars, {240});
  EXPECT_DOUBLE_EQ(four[0][1], (10 + 7 + 8) / 3.0);
}

TEST(Pivots, WarmUpFollowsTheFirstCompletedSession) {
  Result<std::unique_ptr<Indicator>> ind = CreateIndicator("pivots");
  ASSERT_TRUE(ind.ok());
  EXPECT_EQ((*ind)->WarmUp(), 1);
  const std::vector<Bar> bars = ReferenceBars();  // day 0 has 20 bars
  for (size_t i = 0; i < bars.size(); ++i) {
    (*ind)->Update(bars[i]);
    EXPECT_EQ((*ind)->Ready(), static_cast<int>(i) >= (*ind)->WarmUp()) << i;
  }
  EXPECT_EQ((*ind)->WarmUp(), 20);
  (*ind)->Reset();
  EXPECT_EQ((*ind)->WarmUp(), 1);
  EXPECT_FALSE((*ind)->Ready());
}

TEST(Pivots, EqualsBruteForce) {
  for (int minutes : {1440, 240, 60, 7 * 1440}) {
    ExpectColumnsEqual(RunLevel("pivots", ReferenceBars(), {double(minutes)}),
                       BrutePivots(ReferenceBars(), minutes),
                       "reference " + std::to_string(minutes));
    const std::vector<Bar> random = RandomBars(400, 3);
    ExpectColumnsEqual(RunLevel("pivots", random, {double(minutes)}), BrutePivots(random, minutes),
                       "random " + std::to_string(minutes));
  }
}

TEST(SupportResistance, HandComputed) {
  // Highs 1 3 2 1 1 1 1 (swing high 3 at bar 1, confirmed at bar 2); lows = highs - 0.5 with a
  // swing low 0.5 at bar 3 (0.5 < 1.5 before, <= 0.5 after), confirmed at bar 4.
  const double highs[7] = {1, 3, 2, 1, 1, 1, 1};
  std::vector<Bar> bars;
  for (double h : highs) bars.push_back(B(h, h - 0.5, h - 0.25));
  const auto out = RunLevel("support_resistance", bars, {5, 1});
  ASSERT_EQ(out.size(), 2u);
  for (int i = 0; i < 4; ++i) EXPECT_TRUE(std::isnan(out[1][i]));
  EXPECT_EQ(out[1][4], 3);    // swing high at bar 1, inside bars 0..4
  EXPECT_EQ(out[0][4], 0.5);  // swing low at bar 3
  EXPECT_EQ(out[1][5], 3);
  EXPECT_EQ(out[1][6], 2);    // bar 1 left the window: highest high of bars 2..6
  EXPECT_EQ(out[0][6], 0.5);  // swing low at bar 3 still inside
}

TEST(SupportResistance, EqualsBruteForce) {
  const std::vector<Bar> reference = ReferenceBars();
  const std::vector<Bar> random = RandomBars(500, 11);
  for (auto [period, strength] :
       std::vector<std::pair<int, int>>{{20, 2}, {10, 1}, {30, 5}, {5, 4}, {5, 5}, {2, 3}}) {
    const std::string what = std::to_string(period) + "/" + std::to_string(strength);
    ExpectColumnsEqual(
        RunLevel("support_resistance", reference, {double(period), double(strength)}),
        BruteSupportResistance(reference, period, strength), "reference " + what);
    ExpectColumnsEqual(RunLevel("support_resistance", random, {double(period), double(strength)}),
                       BruteSupportResistance(random, period, strength), "random " + what);
  }
}

TEST(Fibonacci, HandComputed) {
  std::vector<Bar> bars = {B(10, 8, 9), B(12, 9, 10), B(11, 5, 6), B(9, 7, 8), B(13, 10, 12)};
  const auto out = RunLevel("fibonacci", bars, {4});
  ASSERT_EQ(out.size(), 7u);
  // Bars 0..3: high 12 (bar 1), low 5 (bar 2) came last: retracements up from 5 over 7.
  EXPECT_DOUBLE_EQ(out[0][3], 5 + 0.236 * 7);
  EXPECT_DOUBLE_EQ(out[2][3], 8.5);
  EXPECT_DOUBLE_EQ(out[5][3], 12);
  EXPECT_DOUBLE_EQ(out[6][3], 5);
  // Bars 1..4: high 13 (bar 4) came last: retracements down from 13 over 8.
  EXPECT_DOUBLE_EQ(out[2][4], 9);
  EXPECT_DOUBLE_EQ(out[3][4], 13 - 0.618 * 8);
  EXPECT_DOUBLE_EQ(out[4][4], 13 - 0.786 * 8);
}

TEST(Fibonacci, EqualsBruteForce) {
  const std::vector<Bar> reference = ReferenceBars();
  const std::vector<Bar> random = RandomBars(500, 5);
  for (int period : {50, 2, 7, 200}) {
    ExpectColumnsEqual(RunLevel("fibonacci", reference, {double(period)}),
                       BruteFibonacci(reference, period), "reference " + std::to_string(period));
    ExpectColumnsEqual(RunLevel("fibonacci", random, {double(period)}),
                       BruteFibonacci(random, period), "random " + std::to_string(period));
  }
}

TEST(Levels, NoLookAhead) {
  const std::vector<Bar> bars = RandomBars(160, 9);
  for (const char* name : {"pivots", "support_resistance", "fibonacci"}) {
    const std::vector<double> params =
        std::string(name) == "pivots" ? std::vector<double>{240} : std::vector<double>{};
    const auto full = RunLevel(name, bars, params);
    for (size_t cut = 1; cut <= bars.size(); ++cut) {
      const std::vector<Bar> prefix(bars.begin(), bars.begin() + cut);
      const auto part = RunLevel(name, prefix, params);
      for (size_t k = 0; k < full.size(); ++k) {
        const double a = full[k][cut - 1], b = part[k][cut - 1];
        EXPECT_TRUE((std::isnan(a) && std::isnan(b)) || a == b)
            << name << " output " << k << " bar " << cut - 1;
      }
    }
  }
}

}  // namespace
}  // namespace pulse::indicators
