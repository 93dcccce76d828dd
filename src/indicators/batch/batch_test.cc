#include "indicators/batch/batch.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "indicators/batch/kernel_table.h"
#include "indicators/indicator.h"
#include "indicators/oracle_test_util.h"
#include "indicators/registry.h"

namespace pulse::indicators {
namespace {

using ::testing::HasSubstr;

// TA-Lib's 252-bar regression-test series (open, high, low, close, volume).
std::vector<Bar> TaLibReferenceBars() {
  const auto doc = testing::LoadOracle("talib_regtest_tables.json");
  if (doc.is_null()) return {};
  return testing::BarsFromColumns(doc["input_data"]);
}

// A seeded random walk of `n` bars rounded to cents, with flat stretches (open = high = low =
// close for many bars), highs and lows repeated exactly over several bars (ties in the rolling
// extremes), zero-volume bars and a stretch through 0 and below (ROC's and PPO's zero guards).
std::vector<Bar> RandomWalkBars(size_t n, uint64_t seed) {
  std::mt19937_64 rng(seed);
  auto uniform = [&rng] { return static_cast<double>(rng() >> 11) * 0x1.0p-53; };  // [0, 1)
  auto cents = [](double x) { return std::round(x * 100.0) / 100.0; };
  std::vector<Bar> bars(n);
  double close = 100.0;
  size_t flat_left = 0, tie_left = 0;
  double tie_high = 0, tie_low = 0;
  for (size_t i = 0; i < n; ++i) {
    Bar& b = bars[i];
    b.open_time = static_cast<UnixNanos>(i) * 60'000'000'000LL;
    const double u = uniform();
    if (flat_left == 0 && u < 0.004) flat_left = 5 + static_cast<size_t>(uniform() * 60);
    if (tie_left == 0 && u > 0.99) {
      tie_left = 3 + static_cast<size_t>(uniform() * 20);
      tie_high = cents(close * 1.01);
      tie_low = cents(close * 0.99);
    }
    if (flat_left > 0) {
      --flat_left;
      b.open = b.high = b.low = b.close = close;
      b.volume = uniform() < 0.5 ? 0.0 : cents(uniform() * 10);
      continue;
    }
    b.open = close;
    if (i > n / 2 && i < n / 2 + 300) {
      close = cents(std::sin(static_cast<double>(i - n / 2) * 0.05) * 0.5);  // around 0
    } else {
      close = std::max(0.05, cents(close * (1.0 + (uniform() - 0.5) * 0.02)));
    }
    b.close = close;
    b.high = cents(std::max(b.open, b.close) + uniform() * 0.3);
    b.low = cents(std::min(b.open, b.close) - uniform() * 0.3);
    if (tie_left > 0) {
      --tie_left;
      b.high = std::max(b.high, tie_high);
      b.low = std::min(b.low, tie_low);
    }
    b.volume = uniform() < 0.05 ? 0.0 : cents(uniform() * 1000);
  }
  return bars;
}

// A second parameter set, in bounds: whole numbers grow by half plus one (14 -> 22, 3 -> 5,
// 0 -> 1 for choices such as ma_type), others by half.
std::vector<double> OtherParams(const IndicatorSpec& spec) {
  std::vector<double> out;
  for (const ParamSpec& p : spec.params) {
    double v = p.integer ? p.default_value + std::floor(p.default_value / 2) + 1
                         : (p.default_value != 0 ? p.default_value * 1.5 : 0.5);
    out.push_back(std::clamp(v, p.min, p.max));
  }
  return out;
}

// NaN at the same positions, == elsewhere.
void ExpectIdentical(const std::vector<std::vector<double>>& want,
                     const std::vector<std::vector<double>>& got) {
  ASSERT_EQ(want.size(), got.size());
  for (size_t k = 0; k < want.size(); ++k) {
    ASSERT_EQ(want[k].size(), got[k].size());
    int failures = 0;
    for (size_t i = 0; i < want[k].size() && failures < 5; ++i) {
      const bool same = std::isnan(want[k][i]) ? std::isnan(got[k][i]) : want[k][i] == got[k][i];
      if (!same) {
        ++failures;
        ADD_FAILURE() << "output " << k << " bar " << i << ": streaming " << want[k][i]
                      << ", batch " << got[k][i];
      }
    }
  }
}

void ExpectBatchEqualsStreaming(std::string_view name, const std::vector<double>& params,
                                const std::vector<Bar>& bars) {
  SCOPED_TRACE(std::string(name) + " " + ::testing::PrintToString(params) + " on " +
               std::to_string(bars.size()) + " bars");
  auto indicator = CreateIndicator(name, params);
  ASSERT_TRUE(indicator.ok()) << indicator.status();
  const auto want = RunBatch(**indicator, bars);
  const BarColumnData columns = BarColumnData::FromBars(bars);
  auto got = ComputeBatch(name, params, columns.View());
  ASSERT_TRUE(got.ok()) << got.status();
  ExpectIdentical(want, *got);
}

TEST(IndicatorsBatch, EqualsStreamingForEveryIndicatorOnTaLibData) {
  const std::vector<Bar> bars = TaLibReferenceBars();
  ASSERT_EQ(bars.size(), 252u);
  for (const IndicatorSpec& spec : AllIndicators()) {
    ExpectBatchEqualsStreaming(spec.name, {}, bars);
    ExpectBatchEqualsStreaming(spec.name, OtherParams(spec), bars);
  }
}

TEST(IndicatorsBatch, EqualsStreamingForEveryIndicatorOnRandomWalk) {
  const std::vector<Bar> bars = RandomWalkBars(20'000, 20240611);
  for (const IndicatorSpec& spec : AllIndicators()) {
    ExpectBatchEqualsStreaming(spec.name, {}, bars);
    ExpectBatchEqualsStreaming(spec.name, OtherParams(spec), bars);
  }
}

// The edges of every kernel's parameter space: smallest periods, swapped MACD periods, EMA
// bands with negative deviations, SAR's acceleration above its maximum, series shorter than the
// warm-up.
TEST(IndicatorsBatch, KernelsEqualStreamingAtParameterEdges) {
  const std::vector<Bar> bars = RandomWalkBars(3'000, 7);
  const std::vector<Bar> short_bars(bars.begin(), bars.begin() + 9);
  const std::vector<std::pair<std::string_view, std::vector<double>>> cases = {
      {"mom", {1}},
      {"roc", {1}},
      {"obv", {}},
      {"sma", {2}},
      {"ema", {2}},
      {"rsi", {2}},
      {"macd", {2, 2, 1}},
      {"macd", {26, 12, 9}},  // swapped
      {"macd", {3, 40, 1}},
      {"bbands", {2, 0, 0, 0}},
      {"bbands", {7, -1.5, 2.5, 1}},
      {"bbands", {20, 2, 2, 1}},
      {"atr", {1}},
      {"atr", {2}},
      {"stoch", {1, 1, 1}},
      {"stoch", {2, 1, 4}},
      {"stoch", {30, 7, 1}},
      {"stoch", {3, 30, 2}},
      {"stoch", {63, 2, 2}},
      {"stoch", {200, 3, 3}},
      {"willr", {2}},
      {"willr", {64}},  // the largest window of the doubling algorithm
      {"willr", {65}},  // the smallest of the block algorithm
      {"willr", {300}},
      {"adx", {2}},
      {"adx", {40}},
      {"sar", {0, 0}},
      {"sar", {0.3, 0.1}},  // acceleration above the maximum
      {"sar", {0.01, 0.5}},
  };
  for (const auto& [name, params] : cases) {
    ExpectBatchEqualsStreaming(name, params, bars);
    ExpectBatchEqualsStreaming(name, params, short_bars);
    ExpectBatchEqualsStreaming(name, params, {});
  }
  for (const IndicatorSpec& spec : AllIndicators()) {
    ExpectBatchEqualsStreaming(spec.name, {}, short_bars);
  }
}

TEST(IndicatorsBatch, EveryKernelIsARegistryIndicator) {
  for (const batch::KernelEntry& entry : batch::AllKernels()) {
    const IndicatorSpec* spec = FindIndicator(entry.name);
    ASSERT_NE(spec, nullptr) << entry.name;
    EXPECT_EQ(spec->name, entry.name);
    EXPECT_TRUE(HasBatchKernel(entry.name));
  }
  EXPECT_FALSE(HasBatchKernel("no_such_indicator"));
}

// Hand-computed values on a five-bar series.
TEST(IndicatorsBatch, HandComputedValues) {
  const std::vector<double> close = {10, 11, 13, 12, 12};
  const std::vector<double> volume = {5, 2, 3, 4, 6};
  BarColumns columns;
  columns.close = close;
  columns.volume = volume;
  const std::vector<double> two = {2};

  auto mom = ComputeBatch("mom", two, columns);
  ASSERT_TRUE(mom.ok()) << mom.status();
  EXPECT_TRUE(std::isnan((*mom)[0][0]));
  EXPECT_TRUE(std::isnan((*mom)[0][1]));
  EXPECT_EQ((*mom)[0][2], 3.0);
  EXPECT_EQ((*mom)[0][3], 1.0);
  EXPECT_EQ((*mom)[0][4], -1.0);

  auto roc = ComputeBatch("roc", two, columns);
  ASSERT_TRUE(roc.ok()) << roc.status();
  EXPECT_DOUBLE_EQ((*roc)[0][2], 30.0);
  EXPECT_NEAR((*roc)[0][3], 100.0 / 11, 1e-12);   // 12 / 11 - 1
  EXPECT_NEAR((*roc)[0][4], -100.0 / 13, 1e-12);  // 12 / 13 - 1

  // 5, +2 (up), +3 (up), -4 (down), unchanged.
  auto obv = ComputeBatch("obv", {}, columns);
  ASSERT_TRUE(obv.ok()) << obv.status();
  EXPECT_THAT((*obv)[0], ::testing::ElementsAre(5, 7, 10, 6, 6));

  auto sma = ComputeBatch("SMA", std::vector<double>{3}, columns);  // fallback or kernel
  ASSERT_TRUE(sma.ok()) << sma.status();
  EXPECT_DOUBLE_EQ((*sma)[0][2], 34.0 / 3);
  EXPECT_DOUBLE_EQ((*sma)[0][4], 37.0 / 3);
}

// Only the close given: the same as RunBatch over the closes for indicators reading only it.
TEST(IndicatorsBatch, CloseOnlyColumnsMatchRunBatchOverCloses) {
  const std::vector<Bar> bars = RandomWalkBars(2'000, 99);
  std::vector<double> close;
  for (const Bar& b : bars) close.push_back(b.close);
  BarColumns columns;
  columns.close = close;
  int checked = 0;
  for (const IndicatorSpec& spec : AllIndicators()) {
    if (spec.inputs != "close") continue;
    SCOPED_TRACE(std::string(spec.name));
    auto indicator = CreateIndicator(spec.name);
    ASSERT_TRUE(indicator.ok());
    auto got = ComputeBatch(spec.name, {}, columns);
    ASSERT_TRUE(got.ok()) << got.status();
    ExpectIdentical(RunBatch(**indicator, close), *got);
    ++checked;
  }
  EXPECT_GE(checked, 5);
}

TEST(IndicatorsBatch, ErrorsMatchTheRegistry) {
  const std::vector<double> close = {1, 2, 3};
  BarColumns columns;
  columns.close = close;

  auto unknown = ComputeBatch("rsx", {}, columns);
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.status(), CreateIndicator("rsx").status());
  EXPECT_THAT(unknown.status().message(), HasSubstr("unknown indicator 'rsx' (accepted: "));

  const std::vector<double> one = {1};
  auto bad = ComputeBatch("rsi", one, columns);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(bad.status().message(), "rsi: period must be between 2 and 100000, got 1");

  const std::vector<double> fractional = {2.5};
  EXPECT_EQ(ComputeBatch("mom", fractional, columns).status(),
            CreateIndicator("mom", fractional).status());
  const std::vector<double> too_many = {14, 3};
  EXPECT_EQ(ComputeBatch("mom", too_many, columns).status(),
            CreateIndicator("mom", too_many).status());
}

TEST(IndicatorsBatch, ColumnErrors) {
  const std::vector<double> three = {1, 2, 3};
  const std::vector<double> two = {1, 2};
  BarColumns columns;
  columns.close = three;
  auto missing = ComputeBatch("atr", {}, columns);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().message(), "atr: reads the 'high' column, which is empty");

  columns.high = three;
  columns.low = two;
  auto uneven = ComputeBatch("atr", {}, columns);
  ASSERT_FALSE(uneven.ok());
  EXPECT_EQ(uneven.status().message(), "atr: column 'low' has 2 values, expected 3");

  // Nothing at all: empty outputs.
  auto empty = ComputeBatch("atr", {}, BarColumns{});
  ASSERT_TRUE(empty.ok()) << empty.status();
  ASSERT_EQ(empty->size(), 1u);
  EXPECT_TRUE((*empty)[0].empty());
}

TEST(IndicatorsBatch, IntoChecksTheOutputArrays) {
  const std::vector<double> close = {1, 2, 3, 4};
  BarColumns columns;
  columns.close = close;
  std::vector<double> a(4, -1), b(4, -1), c(3, -1);
  const std::vector<double> params = {2};

  std::vector<std::span<double>> one = {a};
  Status s = ComputeBatchInto("macd", params, columns, one);
  EXPECT_EQ(s.message(), "macd: has 3 output(s), got 1 output arrays");

  std::vector<std::span<double>> short_out = {c};
  s = ComputeBatchInto("mom", params, columns, short_out);
  EXPECT_EQ(s.message(), "mom: output 'value' has room for 3 values, expected 4");
  EXPECT_EQ(c, std::vector<double>(3, -1));  // untouched on error

  std::vector<std::span<double>> ok = {b};
  ASSERT_TRUE(ComputeBatchInto("mom", params, columns, ok).ok());
  EXPECT_TRUE(std::isnan(b[1]));
  EXPECT_EQ(b[2], 2.0);
  EXPECT_EQ(b[3], 2.0);
}

}  // namespace
}  // namespace pulse::indicators
