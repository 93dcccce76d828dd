// TA-Lib's own regression tables (ta_regtest) replayed against Pulse's indicators.
//
// Each row calls a TA-Lib function on the 252-bar reference series for [startIdx, endIdx] and
// checks outBegIdx, outNbElement and one output value (tolerance 0.01). TA-Lib starts consuming
// input at startIdx - lookback, so the equivalent here is running the indicator on that slice:
// the first `lookback` outputs are warm-up and out[k] is bar outBegIdx + k. An unstable period u
// adds u to the lookback. Rows for functions, options or compatibility modes Pulse does not
// have are skipped with the reason listed in README.md.
#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "indicators/composite_averages.h"
#include "indicators/oracle_test_util.h"
#include "indicators/price_oscillator.h"
#include "indicators/registry.h"

namespace pulse::indicators {
namespace {

using nlohmann::json;

struct Expected {
  int output;
  int index;
  double value;
};

struct OracleCase {
  std::string indicator;
  std::vector<double> params;
  int unstable = 0;
  int start_idx = 0;
  int end_idx = 0;
  int expected_beg = 0;
  int expected_nb = 0;
  bool expect_bad_param = false;
  std::vector<Expected> expected;
  // When set, builds the indicator instead of the registry (TA-Lib modes the registry does not
  // offer, such as Metastock seeding); its WarmUp() then already includes the unstable period.
  std::function<std::unique_ptr<Indicator>()> make;
  // Metastock-seeded EMAs start from bar 0 of TA-Lib's input, not from startIdx - lookback.
  bool from_bar_zero = false;
  // Input other than the 252-bar reference series (SAR's Wilder data).
  std::vector<Bar> bars;
  // The output the row's value belongs to when TA-Lib has a separate function for it.
  int output = -1;
};

std::string Str(const json& row, const char* key) {
  return row.contains(key) && row[key].is_string() ? row[key].get<std::string>() : "";
}
double Num(const json& row, const char* key, double fallback = 0) {
  return row.contains(key) && row[key].is_number() ? row[key].get<double>() : fallback;
}

// An index field; test_sar.c writes some as "(WILDER_NB_BAR - 1)".
int IndexField(const json& row, const char* key, int wilder_bars) {
  if (Str(row, key) == "(WILDER_NB_BAR - 1)") return wilder_bars - 1;
  return static_cast<int>(Num(row, key));
}

// Bars from test_sar.c's Wilder high and low arrays (stored as JSON text); close is the midpoint.
std::vector<Bar> WilderBars(const json& table) {
  const json& extra = table["extra_input_arrays"];
  auto array = [&](const char* key) {
    const json& v = extra[key];
    return v.is_string() ? json::parse(v.get<std::string>()) : v;
  };
  const json high = array("wilderHigh");
  const json low = array("wilderLow");
  std::vector<Bar> bars(high.size());
  for (size_t i = 0; i < bars.size(); ++i) {
    Bar& b = bars[i];
    b.open_time = static_cast<UnixNanos>(i);
    b.high = high[i].get<double>();
    b.low = low[i].get<double>();
    b.open = b.close = (b.high + b.low) / 2;
  }
  return bars;
}

// The function a row tests, whatever its table calls the field.
std::string FunctionOf(const json& row) {
  for (const char* key : {"theFunction", "id", "testId"}) {
    if (std::string f = Str(row, key); !f.empty()) return f;
  }
  return "";
}

bool IsMetastock(const json& row) {
  return Str(row, "compatibility") == "TA_COMPATIBILITY_METASTOCK";
}

// Maps a row to an indicator call, or returns nullopt with `skip` set to the reason.
std::optional<OracleCase> MapRow(const std::string& table, const json& content, const json& row,
                                 int row_number, std::string* skip) {
  OracleCase c;
  const std::string fn = FunctionOf(row);
  if (table == "test_ma.c") {
    static const std::map<std::string, std::string> kTypes = {
        {"TA_MAType_SMA", "sma"},   {"TA_MAType_EMA", "ema"},   {"TA_MAType_WMA", "wma"},
        {"TA_MAType_DEMA", "dema"}, {"TA_MAType_TEMA", "tema"}, {"TA_MAType_TRIMA", "trima"},
        {"TA_MAType_KAMA", "kama"}, {"TA_MAType_T3", "t3"}};
    const std::string type = Str(row, "optInMAType_1");
    if (fn != "TA_ANY_MA_TEST" || !kTypes.contains(type)) {
      *skip = "MA type " + type + " (" + fn + ") not offered by Pulse";
      return std::nullopt;
    }
    c.indicator = kTypes.at(type);
    c.params = {Num(row, "optInTimePeriod")};
    const int period = static_cast<int>(c.params[0]);
    const int unstable = static_cast<int>(Num(row, "unstablePeriod"));
    const bool metastock = IsMetastock(row);
    if (c.indicator == "ema" && metastock && period >= 2) {
      c.make = [=] {
        return std::make_unique<Ema>(period, 2.0 / (period + 1), EmaSeed::kFirstValue, unstable);
      };
      c.from_bar_zero = true;
    }
    if ((c.indicator == "dema" || c.indicator == "tema") && period >= 2 &&
        (metastock || unstable > 0)) {
      // The unstable period applies to every EMA of the chain; Metastock seeds each with its
      // first input.
      const EmaSeed seed = metastock ? EmaSeed::kFirstValue : EmaSeed::kSma;
      if (c.indicator == "dema") {
        c.make = [=] { return std::make_unique<Dema>(period, seed, unstable); };
      } else {
        c.make = [=] { return std::make_unique<Tema>(period, seed, unstable); };
      }
      c.from_bar_zero = metastock;
    }
  } else if (table == "test_rsi.c") {
    if (IsMetastock(row)) {
      *skip = "Metastock RSI/CMO seeding not offered by Pulse";
      return std::nullopt;
    }
    c.indicator = fn == "TA_CMO_TEST" ? "cmo" : "rsi";
    c.params = {Num(row, "optInTimePeriod")};
  } else if (table == "test_macd.c") {
    if (fn != "TA_MACD_TEST") {
      *skip = fn + " not offered by Pulse";
      return std::nullopt;
    }
    c.indicator = "macd";
    c.params = {Num(row, "optInFastPeriod"), Num(row, "optInSlowPeriod"),
                Num(row, "optInSignalPeriod_2")};
  } else if (table == "test_bbands.c") {
    const std::string type = Str(row, "optInMethod_3");
    if (type != "TA_MAType_SMA" && type != "TA_MAType_EMA") {
      *skip = "BBANDS MA type " + type + " not offered by Pulse";
      return std::nullopt;
    }
    if (type == "TA_MAType_EMA" && IsMetastock(row)) {
      *skip = "Metastock EMA seeding not offered by Pulse";
      return std::nullopt;
    }
    c.indicator = "bbands";
    c.params = {Num(row, "optInTimePeriod"), Num(row, "optInNbDevUp"), Num(row, "optInNbDevDn"),
                type == "TA_MAType_SMA" ? 0.0 : 1.0};
  } else if (table == "test_trange.c") {
    if (Num(row, "doAverage") == 0) {
      c.indicator = "trange";
    } else {
      c.indicator = "atr";
      c.params = {Num(row, "optInTimePeriod")};
    }
  } else if (table == "test_stoch.c") {
    if (fn != "TEST_STOCH") {
      *skip = fn + " not offered by Pulse";
      return std::nullopt;
    }
    if (Str(row, "optInMAType_1") != "TA_MAType_SMA" ||
        Str(row, "optInMAType_2") != "TA_MAType_SMA") {
      *skip = "STOCH with non-SMA smoothing not offered by Pulse";
      return std::nullopt;
    }
    c.indicator = "stoch";
    c.params = {Num(row, "optInPeriod_0"), Num(row, "optInPeriod_1"), Num(row, "optInPeriod_2")};
  } else if (table == "test_adx.c") {
    // Rows after the first 30 sit in an `#if 0` block of test_adx.c (values from an old
    // integer-rounding version); TA-Lib does not run them.
    if (row_number > 30) {
      *skip = "disabled (#if 0) integer-rounding rows";
      return std::nullopt;
    }
    static const std::map<std::string, std::string> kFns = {{"TST_MINUS_DM", "minus_dm"},
                                                            {"TST_MINUS_DI", "minus_di"},
                                                            {"TST_PLUS_DM", "plus_dm"},
                                                            {"TST_PLUS_DI", "plus_di"},
                                                            {"TST_DX", "dx"},
                                                            {"TST_ADX", "adx"},
                                                            {"TST_ADXR", "adxr"}};
    c.indicator = kFns.at(fn);
    c.params = {Num(row, "optInTimePeriod")};
  } else if (table == "test_per_hlc.c" && fn == "TA_NATR_TEST") {
    c.indicator = "natr";
    c.params = {Num(row, "optInTimePeriod1")};
  } else if (table == "test_per_hlc.c" && fn == "TA_CCI_TEST") {
    c.indicator = "cci";
    c.params = {Num(row, "optInTimePeriod1")};
  } else if (table == "test_per_hlc.c" && fn == "TA_WILLR_TEST") {
    c.indicator = "willr";
    c.params = {Num(row, "optInTimePeriod1")};
  } else if (table == "test_mom.c" && (fn == "TA_MOM_TEST" || fn == "TA_ROC_TEST")) {
    c.indicator = fn == "TA_MOM_TEST" ? "mom" : "roc";
    c.params = {Num(row, "optInTimePeriod")};
  } else if (table == "test_stddev.c") {
    c.indicator = "stddev";
    c.params = {Num(row, "optInTimePeriod"), Num(row, "optInNbDeviation_1")};
  } else if (table == "test_per_hl.c" && (fn == "TA_AROON_UP_TEST" || fn == "TA_AROON_DOWN_TEST")) {
    c.indicator = "aroon";
    c.params = {Num(row, "optInTimePeriod")};
    c.output = fn == "TA_AROON_UP_TEST" ? 1 : 0;
  } else if (table == "test_per_hl.c" && fn == "TA_AROONOSC_TEST") {
    c.indicator = "aroonosc";
    c.params = {Num(row, "optInTimePeriod")};
  } else if (table == "test_per_hlcv.c") {
    if (fn == "TA_MFI_TEST") {
      c.indicator = "mfi";
      c.params = {Num(row, "optInTimePeriod")};
    } else if (fn == "TA_AD_TEST") {
      c.indicator = "ad";
    } else {
      c.indicator = "adosc";
      c.params =
          fn == "TA_ADOSC_3_10_TEST" ? std::vector<double>{3, 10} : std::vector<double>{5, 2};
    }
  } else if (table == "test_per_hlc.c" && fn == "TA_ULTOSC_TEST") {
    c.indicator = "ultosc";
    c.params = {Num(row, "optInTimePeriod1"), Num(row, "optInTimePeriod2"),
                Num(row, "optInTimePeriod3")};
  } else if (table == "test_po.c") {
    c.indicator = Num(row, "doPercentage") != 0 ? "ppo" : "apo";
    const std::string type = Str(row, "optInMethod_2");
    if (type != "TA_MAType_SMA" && type != "TA_MAType_EMA") {
      *skip = "APO/PPO MA type " + type + " not offered by Pulse";
      return std::nullopt;
    }
    const bool ema = type == "TA_MAType_EMA";
    c.params = {Num(row, "optInFastPeriod"), Num(row, "optInSlowPeriod"), ema ? 1.0 : 0.0};
    if (ema && IsMetastock(row)) {
      // Metastock EMAs start from the first input value at bar 0.
      const auto kind =
          c.indicator == "ppo" ? PriceOscillator::Kind::kPpo : PriceOscillator::Kind::kApo;
      const int fast = static_cast<int>(c.params[0]);
      const int slow = static_cast<int>(c.params[1]);
      c.make = [=] {
        return std::make_unique<PriceOscillator>(kind, fast, slow, PriceOscillator::MaType::kEma,
                                                 EmaSeed::kFirstValue);
      };
      c.from_bar_zero = true;
    }
  } else if (table == "test_per_ema.c") {
    // Rows 5-8 sit in an `#if 0` block of test_per_ema.c (Metastock-era values TA-Lib does not
    // check).
    if (row_number > 4) {
      *skip = "disabled (#if 0) rows";
      return std::nullopt;
    }
    c.indicator = "trix";
    c.params = {Num(row, "optInTimePeriod")};
  } else if (table == "test_sar.c") {
    c.indicator = "sar";
    c.params = {Num(row, "optInAcceleration"), Num(row, "optInMaximum")};
    if (Num(row, "useWilderData") != 0) c.bars = WilderBars(content);
  } else if (!fn.empty()) {
    *skip = fn + " not offered by Pulse";
    return std::nullopt;
  } else {
    *skip = table + " not offered by Pulse";
    return std::nullopt;
  }
  c.unstable = c.make ? 0 : static_cast<int>(Num(row, "unstablePeriod"));
  const int wilder_bars = static_cast<int>(c.bars.size());
  c.start_idx = IndexField(row, "startIdx", wilder_bars);
  c.end_idx = IndexField(row, "endIdx", wilder_bars);
  c.expected_beg = IndexField(row, "expectedBegIdx", wilder_bars);
  c.expected_nb = IndexField(row, "expectedNbElement", wilder_bars);
  const std::string ret = Str(row, "expectedRetCode");
  if (ret == "TA_BAD_PARAM") {
    c.expect_bad_param = true;
  } else if (ret != "TA_SUCCESS") {
    *skip = "index range check (" + ret + "): Pulse has no start/end index arguments";
    return std::nullopt;
  }
  for (int k = 0; k < 3; ++k) {
    const std::string index_key = "oneOfTheExpectedOutRealIndex" + std::to_string(k);
    const std::string value_key = "oneOfTheExpectedOutReal" + std::to_string(k);
    if (row.contains(index_key)) {
      c.expected.push_back({c.output >= 0 ? c.output : k,
                            static_cast<int>(Num(row, index_key.c_str())),
                            Num(row, value_key.c_str())});
    }
  }
  if (row.contains("oneOfTheExpectedOutRealIndex")) {
    c.expected.push_back({c.output >= 0 ? c.output : 0,
                          static_cast<int>(Num(row, "oneOfTheExpectedOutRealIndex")),
                          Num(row, "oneOfTheExpectedOutReal")});
  }
  return c;
}

// Runs one case; returns a description of the first mismatch, or "" when it passes.
std::string Check(const OracleCase& c, std::span<const Bar> reference) {
  const std::span<const Bar> bars = c.bars.empty() ? reference : std::span<const Bar>(c.bars);
  Result<std::unique_ptr<Indicator>> created = c.make && !c.expect_bad_param
                                                   ? Result<std::unique_ptr<Indicator>>(c.make())
                                                   : CreateIndicator(c.indicator, c.params);
  if (c.expect_bad_param) {
    return created.ok() ? "expected the parameters to be rejected" : "";
  }
  if (!created.ok()) return created.status().ToString();
  Indicator& ind = **created;
  const int lookback = ind.WarmUp() + c.unstable;
  const int begin = std::max(c.start_idx, lookback);
  if (begin > c.end_idx) {
    return c.expected_nb == 0 ? "" : "no output but TA-Lib has " + std::to_string(c.expected_nb);
  }
  if (begin != c.expected_beg) {
    return "outBegIdx " + std::to_string(begin) + " != " + std::to_string(c.expected_beg);
  }
  const int nb = c.end_idx - begin + 1;
  if (nb != c.expected_nb) {
    return "outNbElement " + std::to_string(nb) + " != " + std::to_string(c.expected_nb);
  }
  const int first = c.from_bar_zero ? 0 : begin - lookback;
  const auto slice = bars.subspan(first, c.end_idx - first + 1);
  const auto columns = RunBatch(ind, slice);
  for (const Expected& e : c.expected) {
    if (e.index >= nb) return "expected index " + std::to_string(e.index) + " out of range";
    const double got = columns[e.output][begin - first + e.index];
    if (!(std::fabs(got - e.value) < 0.01)) {
      return "output " + std::to_string(e.output) + " out[" + std::to_string(e.index) +
             "] = " + std::to_string(got) + ", TA-Lib " + std::to_string(e.value);
    }
  }
  return "";
}

TEST(IndicatorsTalibOracle, EveryRowForImplementedIndicatorsPasses) {
  const json doc = testing::LoadOracle("talib_regtest_tables.json");
  ASSERT_FALSE(doc.is_null());
  const std::vector<Bar> bars = testing::BarsFromColumns(doc["input_data"]);
  ASSERT_EQ(bars.size(), 252u);

  std::map<std::string, int> checked;
  std::map<std::string, int> skipped;
  for (const auto& [table, content] : doc["tables"].items()) {
    if (!content.contains("rows")) {
      skipped[table + ": table not converted"] += 1;
      continue;
    }
    int row_number = 0;
    for (const json& row : content["rows"]) {
      ++row_number;
      std::string skip;
      std::optional<OracleCase> c = MapRow(table, content, row, row_number, &skip);
      if (!c) {
        skipped[table + ": " + skip] += 1;
        continue;
      }
      const std::string failure = Check(*c, bars);
      EXPECT_EQ(failure, "") << table << " row " << row_number << " (" << c->indicator
                             << "): " << row.dump();
      checked[c->indicator] += 1;
    }
  }
  // The functions this test maps ta_regtest's tables to: each must keep being checked by at least
  // one row (other test files replay the tables for the functions added later).
  const std::set<std::string> kMapped = {
      "ad",     "adosc",    "adx",      "adxr",   "apo",    "aroon",   "aroonosc", "atr",
      "bbands", "cci",      "cmo",      "dema",   "dx",     "ema",     "kama",     "macd",
      "mfi",    "minus_di", "minus_dm", "mom",    "natr",   "plus_di", "plus_dm",  "ppo",
      "roc",    "rsi",      "sar",      "sma",    "stddev", "stoch",   "t3",       "tema",
      "trange", "trima",    "trix",     "ultosc", "willr",  "wma"};
  for (const std::string& name : kMapped) {
    EXPECT_NE(FindIndicator(name), nullptr) << name;
    EXPECT_GT(checked[name], 0) << "no TA-Lib row checks " << name;
  }
  for (const auto& [name, n] : checked) std::printf("checked %3d rows: %s\n", n, name.c_str());
  for (const auto& [reason, n] : skipped) std::printf("skipped %3d rows: %s\n", n, reason.c_str());
}

}  // namespace
}  // namespace pulse::indicators
