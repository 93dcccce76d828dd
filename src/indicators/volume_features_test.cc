#include "indicators/volume_features.h"

#include <cmath>
#include <vector>

#include <gtest/gtest.h>

#include "indicators/registry.h"
#include "indicators/test_series.h"

namespace pulse::indicators {
namespace {

std::vector<std::vector<Bar>> Series() {
  return {testing::ReferenceBars(), testing::BtcFiveMinuteBars(2000),
          testing::RandomWalkBars(600, 21, 0, 9)};
}

// Runs `ind` over `bars`; checks Ready() against `warm_up` and every valid value against
// `want(t)`.
template <typename Want>
void Check(Indicator& ind, const std::vector<Bar>& bars, int warm_up, Want want) {
  ASSERT_EQ(ind.WarmUp(), warm_up);
  ASSERT_GT(bars.size(), 50u);
  for (int t = 0; t < static_cast<int>(bars.size()); ++t) {
    ind.Update(bars[t]);
    ASSERT_EQ(ind.Ready(), t >= warm_up) << t;
    if (t < warm_up) {
      EXPECT_TRUE(std::isnan(ind.Value())) << t;
    } else {
      EXPECT_TRUE(testing::Near(ind.Value(), want(t))) << "bar " << t;
    }
  }
}

// ---- Chaikin money flow ----

double CmfAt(const std::vector<Bar>& b, int t, int n) {
  double flow = 0, volume = 0;
  for (int i = t - n + 1; i <= t; ++i) {
    const double range = b[i].high - b[i].low;
    const double mult =
        range > 0 ? ((b[i].close - b[i].low) - (b[i].high - b[i].close)) / range : 0;
    flow += mult * b[i].volume;
    volume += b[i].volume;
  }
  return volume > 0 ? flow / volume : 0.0;
}

TEST(Cmf, MatchesBruteForce) {
  for (const auto& bars : Series()) {
    for (int n : {1, 3, 20, 21}) {
      Cmf cmf(n);
      Check(cmf, bars, n - 1, [&](int t) { return CmfAt(bars, t, n); });
    }
  }
}

// Flows +2 (close at the high), -1 (close at the low), 0 (flat bar): (2 - 1 + 0) / 8.
TEST(Cmf, HandComputed) {
  Cmf cmf(3);
  cmf.Update(Bar{.high = 10, .low = 0, .close = 10, .volume = 2});
  cmf.Update(Bar{.high = 10, .low = 0, .close = 0, .volume = 1});
  cmf.Update(Bar{.high = 5, .low = 5, .close = 5, .volume = 5});
  EXPECT_DOUBLE_EQ(cmf.Value(), 0.125);
  for (int i = 0; i < 3; ++i) cmf.Update(Bar{.high = 2, .low = 1, .close = 2, .volume = 0});
  EXPECT_EQ(cmf.Value(), 0.0);  // no volume in the window
}

// ---- Force index ----

// EMA from scratch: SMA of raw[0..n-1] then k = 2 / (n + 1), up to raw index `last`.
double EmaOf(const std::vector<double>& raw, int last, int n) {
  double ema = 0;
  for (int i = 0; i < n; ++i) ema += raw[i];
  ema /= n;
  const double k = 2.0 / (n + 1);
  for (int i = n; i <= last; ++i) ema = k * raw[i] + (1 - k) * ema;
  return ema;
}

TEST(ForceIndex, MatchesBruteForce) {
  for (const auto& bars : Series()) {
    std::vector<double> raw;  // raw[i] belongs to bar i + 1
    for (size_t i = 1; i < bars.size(); ++i) {
      raw.push_back((bars[i].close - bars[i - 1].close) * bars[i].volume);
    }
    for (int n : {1, 2, 13}) {
      ForceIndex fi(n);
      Check(fi, bars, n, [&](int t) { return EmaOf(raw, t - 1, n); });
    }
  }
}

// Raw forces 4, -3, 3; period 2: seed (4 - 3) / 2 = 0.5, then 0.5 + (3 - 0.5) 2/3.
TEST(ForceIndex, HandComputed) {
  ForceIndex fi(2);
  fi.Update(Bar{.close = 10, .volume = 5});
  fi.Update(Bar{.close = 12, .volume = 2});
  EXPECT_FALSE(fi.Ready());
  fi.Update(Bar{.close = 11, .volume = 3});
  EXPECT_DOUBLE_EQ(fi.Value(), 0.5);
  fi.Update(Bar{.close = 14, .volume = 1});
  EXPECT_NEAR(fi.Value(), 0.5 + 2.5 * 2.0 / 3.0, 1e-12);
}

// ---- Ease of movement ----

TEST(Eom, MatchesBruteForce) {
  for (const auto& bars : Series()) {
    for (int n : {1, 14}) {
      for (double divisor : {10000.0, 1e8}) {
        Eom eom(n, divisor);
        Check(eom, bars, n, [&](int t) {
          double sum = 0;
          for (int i = t - n + 1; i <= t; ++i) {
            const double move =
                (bars[i].high + bars[i].low) / 2 - (bars[i - 1].high + bars[i - 1].low) / 2;
            const double box = bars[i].volume / divisor / (bars[i].high - bars[i].low);
            // A flat bar has an infinite box ratio: no ease; no volume counts as 0.
            sum += bars[i].volume == 0 || std::isinf(box) ? 0.0 : move / box;
          }
          return sum / n;
        });
      }
    }
  }
}

// Mid 10 -> 12 on a 2-wide bar with 20000 volume: 2 / (2 / 2) = 2 (box ratio 1).
TEST(Eom, HandComputed) {
  Eom eom(1, 10000);
  eom.Update(Bar{.high = 11, .low = 9, .volume = 1});
  EXPECT_FALSE(eom.Ready());
  eom.Update(Bar{.high = 13, .low = 11, .volume = 20000});
  EXPECT_DOUBLE_EQ(eom.Value(), 2.0);
  eom.Update(Bar{.high = 13, .low = 11, .volume = 0});
  EXPECT_EQ(eom.Value(), 0.0);
}

// ---- Volume change ----

TEST(VolumeChange, MatchesBruteForce) {
  for (const auto& bars : Series()) {
    VolumeChange vc;
    Check(vc, bars, 1, [&](int t) {
      const double prev = bars[t - 1].volume;
      return prev == 0 ? 0.0 : (bars[t].volume - prev) / prev * 100;
    });
  }
}

TEST(VolumeChange, HandComputed) {
  VolumeChange vc;
  vc.Update(Bar{.volume = 100});
  EXPECT_FALSE(vc.Ready());
  vc.Update(Bar{.volume = 150});
  EXPECT_DOUBLE_EQ(vc.Value(), 50.0);
  vc.Update(Bar{.volume = 0});
  EXPECT_DOUBLE_EQ(vc.Value(), -100.0);
  vc.Update(Bar{.volume = 10});
  EXPECT_EQ(vc.Value(), 0.0);  // previous volume 0
}

// ---- Volume ratio ----

TEST(VolumeRatio, MatchesBruteForce) {
  for (const auto& bars : Series()) {
    for (int n : {1, 5, 20}) {
      VolumeRatio vr(n);
      Check(vr, bars, n - 1, [&](int t) {
        double sum = 0;
        for (int i = t - n + 1; i <= t; ++i) sum += bars[i].volume;
        return sum == 0 ? 0.0 : bars[t].volume / (sum / n);
      });
    }
  }
}

TEST(VolumeRatio, HandComputedAndZeroAverage) {
  VolumeRatio vr(3);
  vr.Update(Bar{.volume = 1});
  vr.Update(Bar{.volume = 2});
  EXPECT_FALSE(vr.Ready());
  vr.Update(Bar{.volume = 3});
  EXPECT_DOUBLE_EQ(vr.Value(), 1.5);  // 3 / mean(1, 2, 3)
  for (int i = 0; i < 3; ++i) vr.Update(Bar{.volume = 0});
  EXPECT_EQ(vr.Value(), 0.0);
  EXPECT_EQ(*WarmUpOf("volume_ratio"), 19);
}

}  // namespace
}  // namespace pulse::indicators
