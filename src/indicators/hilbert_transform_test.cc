#include "indicators/hilbert_transform.h"

#include <algorithm>
#include <cmath>
#include <memory>
#include <numbers>
#include <vector>

#include <gtest/gtest.h>

#include "indicators/ht_dcperiod.h"
#include "indicators/ht_phasor.h"
#include "indicators/mama.h"
#include "indicators/test_series.h"

namespace pulse::indicators {
namespace {

// level + amplitude sin(2 pi t / period).
std::vector<double> SineWave(int n, double period, double level = 100, double amplitude = 1) {
  std::vector<double> x(n);
  for (int t = 0; t < n; ++t) {
    x[t] = level + amplitude * std::sin(2 * std::numbers::pi * t / period);
  }
  return x;
}

// The smoother is the 4-bar WMA (4 x[t] + 3 x[t-1] + 2 x[t-2] + x[t-3]) / 10 from bar 3 on.
TEST(IndicatorsHilbertTransform, SmootherIsTheFourBarWma) {
  const std::vector<double> x = testing::Closes(testing::RandomWalkBars(300, 7));
  HilbertTransform h(12);
  for (size_t t = 0; t < x.size(); ++t) {
    const bool ran = h.Add(x[t]);
    EXPECT_EQ(ran, t >= 12) << t;
    if (t < 3) continue;
    const double wma = (4 * x[t] + 3 * x[t - 1] + 2 * x[t - 2] + x[t - 3]) / 10;
    EXPECT_TRUE(testing::Near(h.smoothed(), wma, 1e-12)) << "bar " << t;
  }
  EXPECT_EQ(h.bars(), 300);
}

// Hand-computed first Hilbert bar (bar 12, even): every filter history is 0 and the period is 0,
// so each stage gives 0.54 * 0.0962 * its input: detrender = 0.054 s, Q1 = 0.054 detrender,
// I1 = 0 (nothing three bars back yet). Re and Im stay 0, so the period takes the clamp to 6
// smoothed 0.2 / 0.8: 1.2, and the smoothed period 0.33 * 1.2 = 0.396.
TEST(IndicatorsHilbertTransform, FirstHilbertBarByHand) {
  HilbertTransform h(12);
  const std::vector<double> x = {3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9};
  for (int t = 0; t < 12; ++t) EXPECT_FALSE(h.Add(x[t]));
  ASSERT_TRUE(h.Add(x[12]));
  const double s = (4.0 * 9 + 3.0 * 8 + 2.0 * 5 + 1.0 * 3) / 10;
  EXPECT_DOUBLE_EQ(h.smoothed(), s);
  const double k = 0.54 * 0.0962;
  EXPECT_EQ(h.in_phase(), 0.0);
  EXPECT_NEAR(h.quadrature(), k * (k * s), 1e-15);
  EXPECT_NEAR(h.period(), 1.2, 1e-15);
  EXPECT_NEAR(h.smooth_period(), 0.396, 1e-15);
}

// Ehlers' homodyne discriminator measures a pure cycle: period 20 reads about 20, 15 about 15,
// 40 about 40 once settled.
TEST(IndicatorsHtDcPeriod, PureSineGivesItsPeriod) {
  for (double period : {15.0, 20.0, 40.0}) {
    HtDcPeriod ind;
    const std::vector<double> x = SineWave(400, period);
    for (int t = 0; t < 400; ++t) {
      ind.Add(x[t]);
      EXPECT_EQ(ind.Ready(), t >= 32);
      if (t >= 200) {
        EXPECT_NEAR(ind.Value(), period, 0.05 * period) << period << " bar " << t;
      }
    }
  }
}

// The phasor of a pure cycle turns at the cycle's rate: the angle between consecutive
// (I1, Q1) vectors is 360 / period degrees, and the amplitude stays constant.
TEST(IndicatorsHtPhasor, PureSineTurnsAtTheCycleRate) {
  HtPhasor ind;
  const std::vector<double> x = SineWave(400, 20);
  double prev_i = 0, prev_q = 0;
  std::vector<double> amplitude;
  for (int t = 0; t < 400; ++t) {
    ind.Add(x[t]);
    EXPECT_EQ(std::isnan(ind.Value(0)), t < 32);
    EXPECT_EQ(std::isnan(ind.Value(1)), t < 32);
    const double i = ind.Value(0), q = ind.Value(1);
    if (t >= 200) {
      const double turn = std::atan2(prev_i * q - prev_q * i, prev_i * i + prev_q * q);
      EXPECT_NEAR(std::fabs(turn) * 180 / std::numbers::pi, 18.0, 2.0) << "bar " << t;
      amplitude.push_back(std::hypot(i, q));
    }
    prev_i = i;
    prev_q = q;
  }
  const auto [lo, hi] = std::minmax_element(amplitude.begin(), amplitude.end());
  EXPECT_LT(*hi / *lo, 1.2);
}

// MAMA recomputed from its definition on the Hilbert stage's phasor: phase = atan(Q1 / I1) in
// degrees (0 when I1 = 0), delta = max(1, previous phase - phase), alpha = fast / delta clamped
// to [slow, fast] (fast when delta = 1), mama += alpha (x - mama), fama += alpha / 2 (mama -
// fama); from bar 12, outputs from bar 32.
TEST(IndicatorsMama, MatchesItsDefinitionOnThePhasor) {
  const std::vector<double> x = testing::Closes(testing::RandomWalkBars(500, 17));
  Mama m(0.5, 0.05);
  HilbertTransform h(12);
  double prev_phase = 0, mama = 0, fama = 0;
  for (size_t t = 0; t < x.size(); ++t) {
    m.Add(x[t]);
    EXPECT_EQ(m.Ready(), t >= 32);
    if (!h.Add(x[t])) continue;
    const double i1 = h.in_phase();
    const double phase = i1 != 0 ? std::atan(h.quadrature() / i1) * 180 / std::numbers::pi : 0;
    const double delta = std::max(1.0, prev_phase - phase);
    prev_phase = phase;
    const double alpha = delta > 1 ? std::max(0.05, 0.5 / delta) : 0.5;
    mama += alpha * (x[t] - mama);
    fama += alpha / 2 * (mama - fama);
    if (t < 32) continue;
    EXPECT_TRUE(testing::Near(m.Value(0), mama, 1e-12)) << "bar " << t;
    EXPECT_TRUE(testing::Near(m.Value(1), fama, 1e-12)) << "bar " << t;
  }
}

// Reset() restores the fresh state: a second run gives the same outputs bit for bit.
TEST(IndicatorsHilbertTransform, ResetStartsOver) {
  const auto bars = testing::RandomWalkBars(200, 11);
  std::unique_ptr<Indicator> made[] = {std::make_unique<HtDcPeriod>(), std::make_unique<HtPhasor>(),
                                       std::make_unique<Mama>(0.5, 0.05)};
  for (auto& ind : made) {
    const auto first = RunBatch(*ind, bars);
    for (int i = 0; i < 50; ++i) ind->Update(bars[i]);
    ind->Reset();
    EXPECT_FALSE(ind->Ready());
    const auto second = RunBatch(*ind, bars);
    for (size_t k = 0; k < first.size(); ++k) {
      for (size_t i = 32; i < bars.size(); ++i) EXPECT_EQ(first[k][i], second[k][i]);
    }
  }
}

}  // namespace
}  // namespace pulse::indicators
