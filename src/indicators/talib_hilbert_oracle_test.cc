// TA-Lib's regression tables (ta_regtest) replayed against the Hilbert-transform family:
// HT_TRENDLINE, HT_DCPERIOD, HT_DCPHASE, HT_TRENDMODE (test_1in_1out.c) and HT_SINE, HT_PHASOR
// (test_1in_2out.c).
//
// ta_regtest feeds these functions the median price (high + low) / 2 of the 252 reference bars,
// so the indicators run on bars whose close is that median price. Every row calls the function
// on [startIdx, endIdx] and checks outBegIdx, outNbElement and one value per output (tolerance
// 0.01); out[k] is bar outBegIdx + k. All rows start at bar 0, so no slice is needed. Rows of
// other functions in the two tables (the math transforms) are not part of this family and are
// counted as such.
#include <cmath>
#include <cstdio>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "indicators/oracle_test_util.h"
#include "indicators/registry.h"

namespace pulse::indicators {
namespace {

using nlohmann::json;

std::string Str(const json& row, const char* key) {
  return row.contains(key) && row[key].is_string() ? row[key].get<std::string>() : "";
}
double Num(const json& row, const char* key) {
  return row.contains(key) && row[key].is_number() ? row[key].get<double>() : 0.0;
}

// TA-Lib's test function name -> Pulse's indicator.
const std::map<std::string, std::string>& HtFunctions() {
  static const std::map<std::string, std::string> m = {
      {"TA_HT_TRENDLINE_TEST", "ht_trendline"}, {"TA_HT_DCPERIOD_TEST", "ht_dcperiod"},
      {"TA_HT_DCPHASE_TEST", "ht_dcphase"},     {"TA_HT_TRENDMODE_TEST", "ht_trendmode"},
      {"TA_HT_SINE_TEST", "ht_sine"},           {"TA_HT_PHASOR_TEST", "ht_phasor"}};
  return m;
}

// The reference bars with the close replaced by the median price, as ta_regtest feeds them.
std::vector<Bar> MedianPriceBars(const json& input_data) {
  std::vector<Bar> bars = testing::BarsFromColumns(input_data);
  for (Bar& b : bars) b.close = (b.high + b.low) / 2;
  return bars;
}

// Runs one row; returns a description of the first mismatch, or "" when it passes.
std::string CheckRow(const std::string& name, const json& row, std::span<const Bar> bars,
                     int* values_checked) {
  if (Str(row, "expectedRetCode") != "TA_SUCCESS") return "unexpected return code in the table";
  if (Num(row, "unstablePeriod") != 0) return "unstable period rows are not expected here";
  Result<std::unique_ptr<Indicator>> created = CreateIndicator(name);
  if (!created.ok()) return created.status().ToString();
  Indicator& ind = **created;
  const int start = static_cast<int>(Num(row, "startIdx"));
  const int end = static_cast<int>(Num(row, "endIdx"));
  if (start != 0) return "row does not start at bar 0";
  const int begin = ind.WarmUp();
  if (begin != static_cast<int>(Num(row, "expectedBegIdx"))) {
    return "outBegIdx " + std::to_string(begin) + " != " + row["expectedBegIdx"].dump();
  }
  const int nb = end - begin + 1;
  if (nb != static_cast<int>(Num(row, "expectedNbElement"))) {
    return "outNbElement " + std::to_string(nb) + " != " + row["expectedNbElement"].dump();
  }
  const auto columns = RunBatch(ind, bars.subspan(0, end + 1));
  // Before the warm-up every output is NaN, from it on every output is a number.
  for (int k = 0; k < ind.NumOutputs(); ++k) {
    if (begin > 0 && !std::isnan(columns[k][begin - 1])) return "value before the warm-up";
    for (int i = begin; i <= end; ++i) {
      if (std::isnan(columns[k][i])) return "NaN after the warm-up at bar " + std::to_string(i);
    }
  }
  for (int k = 0; k < ind.NumOutputs(); ++k) {
    const std::string index_key = "oneOfTheExpectedOutRealIndex" + std::to_string(k);
    const std::string value_key = "oneOfTheExpectedOutReal" + std::to_string(k);
    if (!row.contains(index_key)) return "no expected value for output " + std::to_string(k);
    const int index = static_cast<int>(Num(row, index_key.c_str()));
    const double want = Num(row, value_key.c_str());
    if (index >= nb) return "expected index " + std::to_string(index) + " out of range";
    const double got = columns[k][begin + index];
    if (!(std::fabs(got - want) < 0.01)) {
      return "output " + std::to_string(k) + " out[" + std::to_string(index) +
             "] = " + std::to_string(got) + ", TA-Lib " + std::to_string(want);
    }
    ++*values_checked;
  }
  return "";
}

TEST(IndicatorsTalibHilbertOracle, EveryHilbertRowPasses) {
  const json doc = testing::LoadOracle("talib_regtest_tables.json");
  ASSERT_FALSE(doc.is_null());
  const std::vector<Bar> bars = MedianPriceBars(doc["input_data"]);
  ASSERT_EQ(bars.size(), 252u);

  std::map<std::string, int> rows_checked;
  int values_checked = 0;
  int other_functions = 0;
  for (const char* table : {"test_1in_1out.c", "test_1in_2out.c"}) {
    ASSERT_TRUE(doc["tables"].contains(table)) << table;
    int row_number = 0;
    for (const json& row : doc["tables"][table]["rows"]) {
      ++row_number;
      const std::string fn = Str(row, "theFunction");
      if (!HtFunctions().contains(fn)) {
        ++other_functions;
        continue;
      }
      const std::string& name = HtFunctions().at(fn);
      EXPECT_EQ(CheckRow(name, row, bars, &values_checked), "")
          << table << " row " << row_number << " (" << name << "): " << row.dump();
      ++rows_checked[name];
    }
  }
  // ta_regtest has rows for every function of the family.
  for (const auto& [fn, name] : HtFunctions()) {
    EXPECT_GT(rows_checked[name], 0) << "no row checks " << name;
  }
  for (const auto& [name, n] : rows_checked) std::printf("checked %3d rows: %s\n", n, name.c_str());
  std::printf("checked %d values; %d rows of other functions (math transforms) ignored\n",
              values_checked, other_functions);
}

// The same series with the close instead of the median price gives different values: the
// mapping above matters (a check that the oracle distinguishes the inputs).
TEST(IndicatorsTalibHilbertOracle, CloseInsteadOfMedianPriceMissesTheTable) {
  const json doc = testing::LoadOracle("talib_regtest_tables.json");
  ASSERT_FALSE(doc.is_null());
  const std::vector<Bar> closes = testing::BarsFromColumns(doc["input_data"]);
  const auto columns = RunBatch(**CreateIndicator("ht_dcphase"), closes);
  // test_1in_1out.c: HT_DCPHASE out[0] = 22.1495 on the median price.
  EXPECT_GT(std::fabs(columns[0][63] - 22.1495), 0.01);
}

}  // namespace
}  // namespace pulse::indicators
