#include "engines/data/candle_validator.h"

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <limits>
#include <nlohmann/json.hpp>

#include "engines/data/test_candles.h"

namespace pulse::data {
namespace {

constexpr UnixNanos kT0 = 1'609'459'200'000'000'000;  // 2021-01-01T00:00:00Z

Bar B(int minute, double o, double h, double l, double c, double v = 10) {
  return Bar{kT0 + minute * kNanosPerMinute, o, h, l, c, v};
}
Bar Flat(int minute, double price = 100, double v = 10) {
  return B(minute, price, price + 1, price - 1, price, v);
}

// A 5m series of `n` bars with small deterministic returns and volumes.
std::vector<Bar> Wiggly(int n) {
  std::vector<Bar> bars;
  double price = 100;
  std::uint32_t seed = 12345;
  for (int i = 0; i < n; ++i) {
    seed = seed * 1664525u + 1013904223u;
    const double r =
        (static_cast<int>((seed >> 8) % 2001) - 1000) / 1000.0 * 0.002;  // within +-0.2%
    const double open = price;
    price *= std::exp(r);
    const double v = 100 + (seed >> 12) % 50;
    bars.push_back(
        B(5 * i, open, std::max(open, price) * 1.001, std::min(open, price) * 0.999, price, v));
  }
  return bars;
}

TEST(CandleValidatorTest, CleanSeriesScoresFull) {
  const std::vector<Bar> bars = Wiggly(200);
  const DataQualityReport r = CandleValidator().Validate(bars, "clean");
  EXPECT_EQ(r.rows, 200);
  EXPECT_EQ(r.interval_name, "5m");
  EXPECT_TRUE(r.interval_inferred);
  EXPECT_EQ(r.interval_nanos, 5 * kNanosPerMinute);
  EXPECT_EQ(r.expected_rows, 200);
  EXPECT_EQ(*r.first_time, kT0);
  EXPECT_EQ(*r.last_time, kT0 + 199 * 5 * kNanosPerMinute);
  EXPECT_EQ(r.gap_count, 0);
  EXPECT_EQ(r.price_outliers, 0);
  EXPECT_EQ(r.volume_anomalies, 0);
  EXPECT_DOUBLE_EQ(r.score, 100);
  EXPECT_TRUE(r.deductions.empty()) << ToText(r);
  EXPECT_TRUE(r.usable);
}

TEST(CandleValidatorTest, EmptySeriesIsUnusable) {
  const DataQualityReport r = CandleValidator().Validate({}, "empty");
  EXPECT_FALSE(r.usable);
  EXPECT_EQ(r.unusable_reasons, std::vector<std::string>{"no rows"});
  EXPECT_EQ(r.score, 0);
}

TEST(CandleValidatorTest, CountsGapsAndLongest) {
  const std::vector<Bar> bars = {Flat(0), Flat(5), Flat(10), Flat(25), Flat(30), Flat(60)};
  ValidatorOptions options;
  options.timeframe = Timeframe::Minutes(5);
  const DataQualityReport r = CandleValidator(options).Validate(bars);
  EXPECT_FALSE(r.interval_inferred);
  EXPECT_EQ(r.gap_count, 2);
  EXPECT_EQ(r.missing_bars, 7);  // 15, 20 and 35..55
  EXPECT_EQ(r.expected_rows, 13);
  ASSERT_TRUE(r.longest_gap.has_value());
  EXPECT_EQ(r.longest_gap->first_missing, kT0 + 35 * kNanosPerMinute);
  EXPECT_EQ(r.longest_gap->last_missing, kT0 + 55 * kNanosPerMinute);
  EXPECT_EQ(r.longest_gap->missing_bars, 5);
  ASSERT_EQ(r.gaps.size(), 2u);
  EXPECT_EQ(r.gaps[0], (GapInfo{kT0 + 15 * kNanosPerMinute, kT0 + 20 * kNanosPerMinute, 2}));
  EXPECT_TRUE(r.usable);
  ASSERT_EQ(r.deductions.size(), 1u);
  EXPECT_EQ(r.deductions[0].check, "gaps");
  // 7 of 13 expected bars missing: 53.8% * 2 points, capped at 30.
  EXPECT_DOUBLE_EQ(r.deductions[0].points, 30);
  EXPECT_DOUBLE_EQ(r.score, 70);
}

TEST(CandleValidatorTest, DuplicatesNonMonotonicAndMisaligned) {
  // Rows: 0, 5, 5 (duplicate), 10, 0 (backwards and duplicate), 17 (off the 5m grid), 20.
  const std::vector<Bar> bars = {Flat(0), Flat(5), Flat(5), Flat(10), Flat(0), Flat(17), Flat(20)};
  ValidatorOptions options;
  options.timeframe = Timeframe::Minutes(5);
  const DataQualityReport r = CandleValidator(options).Validate(bars);
  EXPECT_EQ(r.duplicates, 2);
  EXPECT_EQ(r.non_monotonic, 1);
  EXPECT_EQ(r.misaligned, 1);
  EXPECT_EQ(r.gap_count, 1);  // 15 is missing between 10 and 17
  EXPECT_EQ(r.missing_bars, 1);
  EXPECT_FALSE(r.usable);
  EXPECT_EQ(r.unusable_reasons, (std::vector<std::string>{"1 non-monotonic timestamps",
                                                          "score 0.00 below the minimum 60"}));
  bool found = false;
  for (const QualityExample& e : r.examples) {
    if (e.check == "non_monotonic") {
      found = true;
      EXPECT_EQ(e.row, 4);
    }
  }
  EXPECT_TRUE(found);
}

TEST(CandleValidatorTest, OhlcInconsistenciesCountedPerRule) {
  const std::vector<Bar> bars = {
      B(0, 100, 101, 99, 100),      // fine
      B(5, 100, 100.5, 99, 101),    // high < close
      B(10, 100, 102, 100.5, 101),  // low > open
      B(15, 100, 98, 99, 100),      // high < low and high < open/close
      B(20, 100, 101, 99, 100),     // fine
  };
  const DataQualityReport r = CandleValidator().Validate(bars);
  EXPECT_EQ(r.high_below_open_close, 2);  // rows 1 and 3
  EXPECT_EQ(r.low_above_open_close, 1);   // row 2
  EXPECT_EQ(r.high_below_low, 1);         // row 3
  EXPECT_EQ(r.ohlc_inconsistent_rows, 3);
  EXPECT_TRUE(r.usable);
  ASSERT_EQ(r.deductions.size(), 1u);
  EXPECT_EQ(r.deductions[0].check, "ohlc");
  EXPECT_DOUBLE_EQ(r.deductions[0].points, 25);  // 60% of rows * 5, capped at 25
}

TEST(CandleValidatorTest, BadPricesAndVolumesMakeSeriesUnusable) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const std::vector<Bar> bars = {
      Flat(0),          B(5, nan, 101, 99, 100), B(10, 100, 101, 0, 100), Flat(15, 100, 0),
      Flat(20, 100, 0), Flat(25, 100, -1),       Flat(30, 100, nan),      B(35, -5, 101, 99, 100),
      Flat(40)};
  const DataQualityReport r = CandleValidator().Validate(bars);
  EXPECT_EQ(r.nan_prices, 1);
  EXPECT_EQ(r.non_positive_prices, 2);
  EXPECT_EQ(r.zero_volume, 2);
  EXPECT_EQ(r.negative_volume, 1);
  EXPECT_EQ(r.nan_volume, 1);
  EXPECT_FALSE(r.usable);
  EXPECT_EQ(r.unusable_reasons,
            (std::vector<std::string>{
                "1 rows with NaN/infinite prices", "2 rows with non-positive prices",
                "2 rows with negative or NaN volume", "score 0.00 below the minimum 60"}));
}

TEST(CandleValidatorTest, FlagsPriceSpikeAndVolumeBurst) {
  std::vector<Bar> bars = Wiggly(300);
  // A bad tick: one close doubled (two extreme returns, up then down).
  bars[150].close *= 2;
  bars[150].high = bars[150].close;
  // A volume burst 10,000 times the usual.
  bars[200].volume *= 10000;
  const DataQualityReport r = CandleValidator().Validate(bars);
  EXPECT_EQ(r.price_outliers, 2);
  EXPECT_EQ(r.volume_anomalies, 1);
  int price_examples = 0;
  for (const QualityExample& e : r.examples) {
    if (e.check == "price_outliers") {
      ++price_examples;
      EXPECT_TRUE(e.row == 150 || e.row == 151) << e.row;
    }
    if (e.check == "volume_anomalies") {
      EXPECT_EQ(e.row, 200);
    }
  }
  EXPECT_EQ(price_examples, 2);
  EXPECT_TRUE(r.usable);
  EXPECT_LT(r.score, 100);
}

TEST(CandleValidatorTest, CalendarMonthsInferred) {
  std::vector<Bar> bars;
  for (const char* month : {"2021-01-01", "2021-02-01", "2021-03-01", "2021-06-01"}) {
    bars.push_back(Bar{*ParseIso8601(month), 1, 2, 0.5, 1.5, 10});
  }
  const DataQualityReport r = CandleValidator().Validate(bars);
  EXPECT_EQ(r.interval_name, "1M");
  EXPECT_EQ(r.misaligned, 0);
  EXPECT_EQ(r.gap_count, 1);
  EXPECT_EQ(r.missing_bars, 2);  // April and May
  EXPECT_EQ(r.longest_gap->first_missing, *ParseIso8601("2021-04-01"));
  EXPECT_EQ(r.longest_gap->last_missing, *ParseIso8601("2021-05-01"));
}

TEST(CandleValidatorTest, JsonAndTextCarryTheFindings) {
  const std::vector<Bar> bars = {Flat(0), Flat(5), Flat(5), Flat(20)};
  const DataQualityReport r = CandleValidator().Validate(bars, "demo.csv");
  const nlohmann::json j = ToJson(r);
  EXPECT_EQ(j["source"], "demo.csv");
  EXPECT_EQ(j["rows"], 4);
  EXPECT_EQ(j["first_time"], "2021-01-01T00:00:00Z");
  EXPECT_EQ(j["interval"]["name"], "5m");
  EXPECT_EQ(j["interval"]["seconds"], 300);
  EXPECT_EQ(j["duplicates"], 1);
  EXPECT_EQ(j["gaps"]["count"], 1);
  EXPECT_EQ(j["gaps"]["missing_bars"], 2);
  EXPECT_EQ(j["gaps"]["longest"]["first_missing"], "2021-01-01T00:10:00Z");
  // Tiny series: 1 duplicate in 4 rows and 2 of 5 bars missing cost 20 + 30 points.
  EXPECT_DOUBLE_EQ(r.score, 50);
  EXPECT_EQ(j["usable"], false);
  EXPECT_EQ(j["unusable_reasons"][0], "score 50.00 below the minimum 60");
  ASSERT_TRUE(j["deductions"].is_array());
  EXPECT_EQ(j["deductions"][0]["check"], "duplicates");
  EXPECT_EQ(j["deductions"][0]["reason"], "1 rows repeat an earlier timestamp (25.000% of 4)");
  EXPECT_DOUBLE_EQ(j["score"].get<double>(), r.score);
  // Every documented top-level key is present, and nothing else.
  std::vector<std::string> keys;
  for (auto it = j.begin(); it != j.end(); ++it) keys.push_back(it.key());
  EXPECT_EQ(keys,
            (std::vector<std::string>{
                "completeness",  "deductions", "duplicates",       "examples",  "expected_rows",
                "first_time",    "gaps",       "interval",         "last_time", "misaligned",
                "non_monotonic", "ohlc",       "outliers",         "prices",    "rows",
                "score",         "source",     "unusable_reasons", "usable",    "volume"}));
  const std::string text = ToText(r);
  EXPECT_NE(text.find("Data quality: demo.csv"), std::string::npos) << text;
  EXPECT_NE(text.find("rows 4, 2021-01-01T00:00:00Z .. 2021-01-01T00:20:00Z, interval 5m "
                      "(inferred)"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("gaps 1 (2 missing of 5 expected bars"), std::string::npos) << text;
  EXPECT_NE(text.find("duplicates 1"), std::string::npos) << text;
  EXPECT_NE(text.find("score 50.00/100, usable: no"), std::string::npos) << text;
}

// The bundled sample data (gzip) and the reference CSVs: the gap counts must agree with
// candles/MANIFEST.json (6 genuine Binance outages per series), with exact missing-bar totals
// and the longest outage (2021-04-25 04:05 .. 08:40, 56 bars of 5m).
TEST(CandleValidatorTest, RealBinanceSeriesMatchManifest) {
  const std::string source = testing::EnvDir("PULSE_SOURCE_DIR");
  const std::string shared = testing::SharedDataDir();
  if (source.empty() || shared.empty()) GTEST_SKIP() << "PULSE_SOURCE_DIR/PULSE_SHARED_DATA unset";
  std::ifstream manifest_file(shared + "/candles/MANIFEST.json");
  ASSERT_TRUE(manifest_file.good());
  const nlohmann::json manifest = nlohmann::json::parse(manifest_file);
  int checked = 0;
  for (const nlohmann::json& entry : manifest) {
    const std::string file = entry["file"];
    if (file.find("binance_nfi_2021/") == std::string::npos) continue;
    const std::vector<Bar> bars = testing::LoadCsvCandles(shared + "/" + file);
    ASSERT_EQ(static_cast<std::int64_t>(bars.size()), entry["rows"].get<std::int64_t>()) << file;
    const DataQualityReport r = CandleValidator().Validate(bars, file);
    const bool five = entry["timeframe"] == "5m";
    EXPECT_EQ(r.interval_name, entry["timeframe"].get<std::string>()) << file;
    EXPECT_EQ(r.gap_count, entry["gaps"].get<std::int64_t>()) << file;
    EXPECT_EQ(r.missing_bars, five ? 177 : 11) << file;
    EXPECT_EQ(FormatIso8601(*r.first_time), entry["first_utc"].get<std::string>()) << file;
    EXPECT_EQ(FormatIso8601(*r.last_time), entry["last_utc"].get<std::string>()) << file;
    EXPECT_EQ(r.duplicates, 0) << file;
    EXPECT_EQ(r.non_monotonic, 0) << file;
    EXPECT_EQ(r.misaligned, 0) << file;
    EXPECT_EQ(r.ohlc_inconsistent_rows, 0) << file;
    EXPECT_EQ(r.nan_prices + r.non_positive_prices, 0) << file;
    ASSERT_TRUE(r.longest_gap.has_value());
    if (five) {
      EXPECT_EQ(*r.longest_gap, (GapInfo{*ParseIso8601("2021-04-25T04:05:00Z"),
                                         *ParseIso8601("2021-04-25T08:40:00Z"), 56}))
          << file;
    }
    // Genuine moves are flagged sparingly: under 0.1% of bars.
    EXPECT_LT(r.price_outliers, r.rows / 1000 + 5) << file;
    EXPECT_LT(r.volume_anomalies, r.rows / 1000 + 5) << file;
    EXPECT_TRUE(r.usable) << ToText(r);
    EXPECT_GT(r.score, 98) << ToText(r);
    ++checked;
  }
  EXPECT_EQ(checked, 12);

  // The gzip sample files give the same numbers, exactly.
  const std::vector<Bar> gz = testing::LoadCsvCandles(source + "/data/sample/BTCUSDT-5m.csv.gz");
  const DataQualityReport r = CandleValidator().Validate(gz, "BTCUSDT-5m.csv.gz");
  EXPECT_EQ(r.rows, 65741);
  EXPECT_EQ(r.expected_rows, 65918);
  EXPECT_EQ(r.gap_count, 6);
  EXPECT_EQ(r.zero_volume, 28);
  ASSERT_EQ(r.gaps.size(), 6u);
  EXPECT_EQ(r.gaps[0], (GapInfo{*ParseIso8601("2020-12-21T14:10:00Z"),
                                *ParseIso8601("2020-12-21T17:55:00Z"), 46}));
}

}  // namespace
}  // namespace pulse::data
