#include "indicators/hilbert_cycle.h"

#include <cmath>
#include <memory>
#include <numbers>
#include <vector>

#include <gtest/gtest.h>

#include "indicators/hilbert_transform.h"
#include "indicators/ht_dcphase.h"
#include "indicators/ht_sine.h"
#include "indicators/ht_trendline.h"
#include "indicators/ht_trendmode.h"
#include "indicators/test_series.h"

namespace pulse::indicators {
namespace {

std::vector<double> SineWave(int n, double period, double level = 100, double amplitude = 1) {
  std::vector<double> x(n);
  for (int t = 0; t < n; ++t) {
    x[t] = level + amplitude * std::sin(2 * std::numbers::pi * t / period);
  }
  return x;
}

// Degrees between two phases, folded to [-180, 180).
double AngleDiff(double a, double b) {
  double d = std::fmod(a - b, 360.0);
  if (d < -180) d += 360;
  if (d >= 180) d -= 360;
  return d;
}

// On a pure cycle of 20 bars the phase advances 360 / 20 = 18 degrees a bar.
TEST(IndicatorsHtDcPhase, PureSineAdvancesEighteenDegreesABar) {
  HtDcPhase ind;
  const std::vector<double> x = SineWave(400, 20);
  double prev = 0;
  for (int t = 0; t < 400; ++t) {
    ind.Add(x[t]);
    EXPECT_EQ(ind.Ready(), t >= 63);
    if (t > 150) {
      EXPECT_NEAR(AngleDiff(ind.Value(), prev), 18.0, 1.5) << "bar " << t;
    }
    if (t >= 63) {
      EXPECT_LE(ind.Value(), 315.0);
      EXPECT_GT(ind.Value(), -45.0);
    }
    prev = ind.Value();
  }
}

// HT_SINE is sin(phase) and sin(phase + 45 degrees) of HT_DCPHASE, on any series.
TEST(IndicatorsHtSine, IsTheSineOfTheDcPhase) {
  const auto bars = testing::RandomWalkBars(500, 3);
  HtSine sine_indicator;
  HtDcPhase phase_indicator;
  const auto sine = RunBatch(sine_indicator, bars);
  const auto phase = RunBatch(phase_indicator, bars);
  for (size_t t = 0; t < bars.size(); ++t) {
    if (t < 63) {
      EXPECT_TRUE(std::isnan(sine[0][t]) && std::isnan(sine[1][t]));
      continue;
    }
    const double rad = phase[0][t] * std::numbers::pi / 180;
    EXPECT_NEAR(sine[0][t], std::sin(rad), 1e-12) << t;
    EXPECT_NEAR(sine[1][t], std::sin(rad + std::numbers::pi / 4), 1e-12) << t;
  }
}

// The trendline recomputed from its definition: m[t] = mean of the last n inputs with
// n = int(smooth period + 0.5) of a Hilbert stage started at bar 37, and
// (4 m[t] + 3 m[t-1] + 2 m[t-2] + m[t-3]) / 10 with the means before bar 37 taken as 0.
TEST(IndicatorsHtTrendline, MatchesItsDefinition) {
  const std::vector<double> x = testing::Closes(testing::RandomWalkBars(600, 5));
  HilbertTransform h(37);
  HtTrendline ind;
  std::vector<double> means(x.size(), 0.0);
  for (size_t t = 0; t < x.size(); ++t) {
    ind.Add(x[t]);
    if (!h.Add(x[t])) continue;
    const int n = static_cast<int>(h.smooth_period() + 0.5);
    ASSERT_LE(n, static_cast<int>(t) + 1);
    double sum = 0;
    for (int i = 0; i < n; ++i) sum += x[t - i];
    means[t] = n > 0 ? sum / n : 0.0;
    if (t < 63) continue;
    const double want = (4 * means[t] + 3 * means[t - 1] + 2 * means[t - 2] + means[t - 3]) / 10;
    EXPECT_TRUE(testing::Near(ind.Value(), want, 1e-12)) << "bar " << t;
  }
}

// A constant series has a flat trendline at its level.
TEST(IndicatorsHtTrendline, ConstantSeriesIsItsOwnTrendline) {
  HtTrendline ind;
  for (int t = 0; t < 100; ++t) {
    ind.Add(42.0);
    if (t >= 63) {
      EXPECT_NEAR(ind.Value(), 42.0, 1e-12);
    }
  }
}

// Cycle mode on a clean 20-bar cycle with a 1% amplitude; trend mode on a steady 1%-a-bar
// exponential trend and on a straight line.
TEST(IndicatorsHtTrendMode, CycleOnASineTrendOnATrend) {
  HtTrendMode cycle;
  const std::vector<double> wave = SineWave(400, 20);
  int cycle_bars = 0, counted = 0;
  for (int t = 0; t < 400; ++t) {
    cycle.Add(wave[t]);
    EXPECT_EQ(std::isnan(cycle.Value()), t < 63);
    if (t >= 150) {
      ++counted;
      cycle_bars += cycle.Value() == 0.0 ? 1 : 0;
    }
  }
  EXPECT_EQ(cycle_bars, counted);

  HtTrendMode exponential, line;
  for (int t = 0; t < 400; ++t) {
    exponential.Add(100 * std::pow(1.01, t));
    line.Add(100 + 2.0 * t);
    if (t >= 100) {
      EXPECT_EQ(exponential.Value(), 1.0) << "bar " << t;
      EXPECT_EQ(line.Value(), 1.0) << "bar " << t;
    }
  }
}

// Only 0 and 1 come out, on real data.
TEST(IndicatorsHtTrendMode, OutputsZeroOrOne) {
  HtTrendMode ind;
  const auto out = RunBatch(ind, testing::BtcFiveMinuteBars(2000));
  int ones = 0, zeros = 0;
  for (size_t t = 63; t < out[0].size(); ++t) {
    ones += out[0][t] == 1.0 ? 1 : 0;
    zeros += out[0][t] == 0.0 ? 1 : 0;
  }
  EXPECT_EQ(ones + zeros, static_cast<int>(out[0].size()) - 63);
  EXPECT_GT(ones, 0);
  EXPECT_GT(zeros, 0);
}

// Reset() restores the fresh state: a second run gives the same outputs bit for bit.
TEST(IndicatorsHilbertCycle, ResetStartsOver) {
  const auto bars = testing::RandomWalkBars(300, 13);
  std::unique_ptr<Indicator> made[] = {std::make_unique<HtDcPhase>(), std::make_unique<HtSine>(),
                                       std::make_unique<HtTrendline>(),
                                       std::make_unique<HtTrendMode>()};
  for (auto& ind : made) {
    EXPECT_EQ(ind->WarmUp(), 63);
    const auto first = RunBatch(*ind, bars);
    for (int i = 0; i < 100; ++i) ind->Update(bars[i]);
    ind->Reset();
    EXPECT_FALSE(ind->Ready());
    const auto second = RunBatch(*ind, bars);
    for (size_t k = 0; k < first.size(); ++k) {
      for (size_t i = 63; i < bars.size(); ++i) EXPECT_EQ(first[k][i], second[k][i]);
    }
  }
}

}  // namespace
}  // namespace pulse::indicators
