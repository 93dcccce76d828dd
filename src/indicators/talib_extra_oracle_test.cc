// TA-Lib's regression tables (ta_regtest) replayed against the TA-Lib functions of the
// talib_extra family (price transforms, rolling statistics, ratios, STOCHF/STOCHRSI, MACDFIX/EXT,
// MA, regression and correlation; the Hilbert transforms are in talib_hilbert_oracle_test.cc).
//
// Each row calls a TA-Lib function on the 252-bar reference series for [startIdx, endIdx] and
// checks outBegIdx, outNbElement and up to three output values (tolerance 0.01). TA-Lib reads
// its input from startIdx - lookback, so the indicator runs on that slice and out[k] is bar
// outBegIdx + k. Rows of other families are ignored here (talib_oracle_test.cc has them); rows
// of this family that cannot be checked are printed with the reason and listed in
// docs/talib_extra.md.
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

#include "indicators/macd.h"
#include "indicators/oracle_test_util.h"
#include "indicators/registry.h"

namespace pulse::indicators {
namespace {

using nlohmann::json;

struct Expected {
  int output;
  int index;
  double value;
};

struct Row {
  std::string indicator;
  std::vector<double> params;
  int start_idx = 0;
  int end_idx = 0;
  int expected_beg = 0;
  int expected_nb = 0;
  std::vector<Expected> expected;
  // Builds the indicator instead of the registry (TA-Lib modes the registry does not offer).
  std::function<std::unique_ptr<Indicator>()> make;
  // Metastock-seeded EMAs start from bar 0 of TA-Lib's input, not from startIdx - lookback.
  bool from_bar_zero = false;
  // The output the row's value belongs to when TA-Lib has a separate function for it.
  int output = -1;
  // TA-Lib rejects the parameters (TA_BAD_PARAM): the registry must too.
  bool expect_bad_param = false;
  // The series ta_regtest feeds as the close: test_minmax.c reads the open, the MAMA rows of
  // test_ma.c read the median price (high + low) / 2.
  enum class Input { kClose, kOpen, kMedPrice } input = Input::kClose;
};

// The reference bars with the close replaced by the series `input` names.
std::vector<Bar> WithInput(std::span<const Bar> bars, Row::Input input) {
  std::vector<Bar> out(bars.begin(), bars.end());
  for (Bar& b : out) {
    if (input == Row::Input::kOpen) b.close = b.open;
    if (input == Row::Input::kMedPrice) b.close = (b.high + b.low) / 2;
  }
  return out;
}

std::string Str(const json& row, const char* key) {
  return row.contains(key) && row[key].is_string() ? row[key].get<std::string>() : "";
}
double Num(const json& row, const char* key, double fallback = 0) {
  return row.contains(key) && row[key].is_number() ? row[key].get<double>() : fallback;
}
std::string FunctionOf(const json& row) {
  for (const char* key : {"theFunction", "id", "testId"}) {
    if (std::string f = Str(row, key); !f.empty()) return f;
  }
  return "";
}

// TA-Lib's MA type names, by their TA_MAType number.
const std::map<std::string, int>& MaTypes() {
  static const std::map<std::string, int> m = {
      {"TA_MAType_SMA", 0},  {"TA_MAType_EMA", 1},  {"TA_MAType_WMA", 2},
      {"TA_MAType_DEMA", 3}, {"TA_MAType_TEMA", 4}, {"TA_MAType_TRIMA", 5},
      {"TA_MAType_KAMA", 6}, {"TA_MAType_MAMA", 7}, {"TA_MAType_T3", 8}};
  return m;
}

enum class Mapped { kRow, kSkip, kOtherFamily };

// Maps a row to an indicator call. kSkip sets `skip` to the reason; kOtherFamily is a row this
// family does not own.
Mapped MapRow(const std::string& table, const json& row, Row* c, std::string* skip) {
  const std::string fn = FunctionOf(row);
  const bool metastock = Str(row, "compatibility") == "TA_COMPATIBILITY_METASTOCK";
  if (table == "test_per_ohlc.c") {
    c->indicator = fn == "TA_AVGPRICE_TEST" ? "avgprice" : "bop";
  } else if (table == "test_minmax.c") {
    if (fn != "TA_MIN_TEST" && fn != "TA_MAX_TEST") {
      *skip = fn + ": MINMAX and the *INDEX functions are not part of Pulse";
      return Mapped::kSkip;
    }
    c->indicator = fn == "TA_MIN_TEST" ? "min" : "max";
    c->input = Row::Input::kOpen;
    c->params = {Num(row, "optInTimePeriod")};
  } else if (table == "test_mom.c" && (fn == "TA_ROCR_TEST" || fn == "TA_ROCR100_TEST")) {
    c->indicator = fn == "TA_ROCR_TEST" ? "rocr" : "rocr100";
    c->params = {Num(row, "optInTimePeriod")};
  } else if (table == "test_per_hl.c" && (fn == "TA_BETA_TEST" || fn == "TA_CORREL_TEST")) {
    // TA-Lib's test feeds high as real0 and low as real1: Pulse's beta / correl.
    c->indicator = fn == "TA_BETA_TEST" ? "beta" : "correl";
    c->params = {Num(row, "optInTimePeriod")};
  } else if (table == "test_macd.c" && fn == "TA_MACDEXT_TEST") {
    // test_macd.c calls MACDEXT with EMA for all three averages.
    c->indicator = "macdext";
    c->params = {Num(row, "optInFastPeriod"),     1, Num(row, "optInSlowPeriod"), 1,
                 Num(row, "optInSignalPeriod_2"), 1};
  } else if (table == "test_macd.c" && fn == "TA_MACDFIX_TEST") {
    c->indicator = "macdfix";
    c->params = {Num(row, "optInSignalPeriod_2")};
    if (metastock) {
      const int signal = static_cast<int>(c->params[0]);
      c->make = [=] { return std::make_unique<Macd>(Macd::Fixed(signal, EmaSeed::kFirstValue)); };
      c->from_bar_zero = true;
    }
  } else if (table == "test_stoch.c" && fn == "TEST_STOCHRSI") {
    const std::string type = Str(row, "optInMAType_2");
    if (!MaTypes().contains(type)) {
      *skip = "STOCHRSI with MA type " + type;
      return Mapped::kSkip;
    }
    c->indicator = "stochrsi";
    c->params = {Num(row, "optInPeriod_0"), Num(row, "optInPeriod_1"), Num(row, "optInPeriod_2"),
                 static_cast<double>(MaTypes().at(type))};
  } else if (table == "test_ma.c" && fn == "TA_ANY_MA_TEST") {
    const std::string type = Str(row, "optInMAType_1");
    const bool ema_based =
        type == "TA_MAType_EMA" || type == "TA_MAType_DEMA" || type == "TA_MAType_TEMA";
    if ((metastock && ema_based) || Num(row, "unstablePeriod") != 0) {
      *skip =
          "MA rows with Metastock EMA seeding or an unstable period (checked through "
          "ema/dema/tema directly in talib_oracle_test.cc)";
      return Mapped::kSkip;
    }
    c->indicator = "ma";
    c->params = {Num(row, "optInTimePeriod"), static_cast<double>(MaTypes().at(type))};
    if (type == "TA_MAType_MAMA") c->input = Row::Input::kMedPrice;
  } else if (table == "test_ma.c" && (fn == "TA_MAMA_TEST" || fn == "TA_FAMA_TEST")) {
    c->indicator = "mama";
    c->params = {Num(row, "optInFastLimit", 0.5), Num(row, "optInSlowLimit", 0.05)};
    c->output = fn == "TA_MAMA_TEST" ? 0 : 1;
    c->input = Row::Input::kMedPrice;
    if (Num(row, "unstablePeriod") != 0) {
      *skip = "MAMA/FAMA rows with an unstable period";
      return Mapped::kSkip;
    }
  } else {
    return Mapped::kOtherFamily;
  }
  if (FindIndicator(c->indicator) == nullptr && !c->make) {
    *skip = c->indicator + " not implemented";
    return Mapped::kSkip;
  }
  c->start_idx = static_cast<int>(Num(row, "startIdx"));
  c->end_idx = static_cast<int>(Num(row, "endIdx"));
  c->expected_beg = static_cast<int>(Num(row, "expectedBegIdx"));
  c->expected_nb = static_cast<int>(Num(row, "expectedNbElement"));
  const std::string ret = Str(row, "expectedRetCode");
  if (ret == "TA_BAD_PARAM") {
    c->expect_bad_param = true;
  } else if (ret != "TA_SUCCESS") {
    *skip = "index range check (" + ret + "): Pulse has no start/end index arguments";
    return Mapped::kSkip;
  }
  for (int k = 0; k < 3; ++k) {
    const std::string index_key = "oneOfTheExpectedOutRealIndex" + std::to_string(k);
    const std::string value_key = "oneOfTheExpectedOutReal" + std::to_string(k);
    if (row.contains(index_key)) {
      c->expected.push_back({c->output >= 0 ? c->output : k,
                             static_cast<int>(Num(row, index_key.c_str())),
                             Num(row, value_key.c_str())});
    }
  }
  if (row.contains("oneOfTheExpectedOutRealIndex")) {
    c->expected.push_back({c->output >= 0 ? c->output : 0,
                           static_cast<int>(Num(row, "oneOfTheExpectedOutRealIndex")),
                           Num(row, "oneOfTheExpectedOutReal")});
  }
  return Mapped::kRow;
}

// Runs one row; returns a description of the first mismatch, or "" when it passes.
std::string Check(const Row& c, std::span<const Bar> bars) {
  if (c.expect_bad_param) {
    return CreateIndicator(c.indicator, c.params).ok() ? "expected the parameters to be rejected"
                                                       : "";
  }
  Result<std::unique_ptr<Indicator>> created = c.make ? Result<std::unique_ptr<Indicator>>(c.make())
                                                      : CreateIndicator(c.indicator, c.params);
  if (!created.ok()) return created.status().ToString();
  Indicator& ind = **created;
  const int lookback = ind.WarmUp();
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
  const std::vector<Bar> input = WithInput(bars, c.input);
  const auto columns =
      RunBatch(ind, std::span<const Bar>(input).subspan(first, c.end_idx - first + 1));
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

TEST(IndicatorsTalibExtraOracle, EveryRowOfThisFamilyPassesOrIsSkippedWithAReason) {
  const json doc = testing::LoadOracle("talib_regtest_tables.json");
  ASSERT_FALSE(doc.is_null());
  const std::vector<Bar> bars = testing::BarsFromColumns(doc["input_data"]);
  ASSERT_EQ(bars.size(), 252u);

  std::map<std::string, int> checked;
  std::map<std::string, int> skipped;
  for (const auto& [table, content] : doc["tables"].items()) {
    if (!content.contains("rows")) continue;
    int row_number = 0;
    for (const json& row : content["rows"]) {
      ++row_number;
      Row c;
      std::string skip;
      const Mapped mapped = MapRow(table, row, &c, &skip);
      if (mapped == Mapped::kOtherFamily) continue;
      if (mapped == Mapped::kSkip) {
        skipped[table + ": " + skip] += 1;
        continue;
      }
      EXPECT_EQ(Check(c, bars), "")
          << table << " row " << row_number << " (" << c.indicator << "): " << row.dump();
      checked[c.indicator] += 1;
    }
  }
  // Every function of this family that ta_regtest has rows for is checked.
  for (const char* name : {"avgprice", "bop", "min", "max", "rocr", "rocr100", "beta", "correl",
                           "macdext", "macdfix", "stochrsi", "ma", "mama"}) {
    EXPECT_GT(checked[name], 0) << "no row checks " << name;
  }
  for (const auto& [name, n] : checked) std::printf("checked %3d rows: %s\n", n, name.c_str());
  for (const auto& [reason, n] : skipped) std::printf("skipped %3d rows: %s\n", n, reason.c_str());
}

}  // namespace
}  // namespace pulse::indicators
