// Tulip Indicators' test vectors replayed against the band, trend and volume indicators TA-Lib
// lacks (tolerance 0.001, Tulip's own). Every Tulip case of an indicator implemented here is
// compared or listed below as skipped with the reason. Tulip drops its warm-up bars: expected
// arrays line up with the last bars of the input. Cases kept as raw arrays (indicators missing
// from Tulip's indicators.c: cmf, ikhts) are mapped by hand.
#include <cmath>
#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "indicators/oracle_test_util.h"
#include "indicators/registry.h"

namespace pulse::indicators {
namespace {

using nlohmann::json;

struct Mapping {
  std::string pulse_name;
  std::map<std::string, int> outputs;  // Tulip output name -> Pulse output index
  // Pulse parameters after Tulip's options (Tulip's fixed conventions made explicit).
  std::vector<double> extra_params = {};
  // Pulse parameters before Tulip's options.
  std::vector<double> leading_params = {};
};

const std::map<std::string, Mapping>& Mappings() {
  static const std::map<std::string, Mapping> m = {
      {"hma", {"hma", {{"hma", 0}}}},
      {"vwma", {"vwma", {{"vwma", 0}}}},
      {"ao", {"ao", {{"ao", 0}}}},
      {"cvi", {"chaikin_volatility", {{"cvi", 0}}}},
      // Tulip's emv is unsmoothed (period 1) with the 10000 volume divisor.
      {"emv", {"eom", {{"emv", 0}}, {}, {1, 10000}}},
      // Tulip's volatility: population stddev of simple returns, annualised by sqrt(252).
      {"volatility", {"hist_volatility", {{"volatility", 0}}, {252, 0, 0}}},
  };
  return m;
}

// Tulip indicators of this family's neighbourhood that are not compared, and why.
const std::map<std::string, std::string>& NotCompared() {
  static const std::map<std::string, std::string> m = {
      {"kvo", "Klinger volume oscillator is not implemented"},
      {"marketfi", "market facilitation index is not implemented"},
  };
  return m;
}

// Runs `name` with `params` over `bars` and compares output `out` with `expected` (the last
// values). Returns the number of values compared.
int Compare(const std::string& name, const std::vector<double>& params,
            const std::vector<Bar>& bars, int out, const json& expected) {
  auto ind = CreateIndicator(name, params);
  EXPECT_TRUE(ind.ok()) << ind.status();
  if (!ind.ok()) return 0;
  const auto columns = RunBatch(**ind, bars);
  EXPECT_LE(expected.size(), bars.size());
  const size_t offset = bars.size() - expected.size();
  // Same warm-up as Tulip: the first expected value is Pulse's first valid one.
  EXPECT_EQ((*ind)->WarmUp(), static_cast<int>(offset)) << name;
  int compared = 0;
  for (size_t k = 0; k < expected.size(); ++k) {
    EXPECT_NEAR(columns[out][offset + k], expected[k].get<double>(), 0.001) << "[" << k << "]";
    ++compared;
  }
  return compared;
}

TEST(IndicatorsTulipBandsOracle, VectorsForImplementedIndicatorsPass) {
  const json doc = testing::LoadOracle("tulip_indicators_tests.json");
  ASSERT_FALSE(doc.is_null());
  std::map<std::string, int> checked;
  std::map<std::string, int> empty_cases;
  for (const auto& [file, cases] : doc["cases"].items()) {
    for (const json& c : cases) {
      const std::string name = c["indicator"].get<std::string>();
      auto it = Mappings().find(name);
      if (it == Mappings().end()) continue;
      const Mapping& map = it->second;
      SCOPED_TRACE(file + " " + name + " " + c["options"].dump());
      std::vector<double> params = map.leading_params;
      for (const json& o : c["options_positional"]) params.push_back(o.get<double>());
      params.insert(params.end(), map.extra_params.begin(), map.extra_params.end());
      const std::vector<Bar> bars = testing::BarsFromColumns(c["inputs"]);
      for (const auto& [tulip_output, values] : c["expected_outputs"].items()) {
        ASSERT_TRUE(map.outputs.contains(tulip_output)) << tulip_output;
        if (values.empty()) {
          // untest.txt's ao: 15 bars, shorter than the 34-bar warm-up; Tulip outputs nothing.
          auto ind = CreateIndicator(map.pulse_name, params);
          ASSERT_TRUE(ind.ok());
          EXPECT_GE((*ind)->WarmUp(), static_cast<int>(bars.size()));
          ++empty_cases[name];
          continue;
        }
        checked[name] +=
            Compare(map.pulse_name, params, bars, map.outputs.at(tulip_output), values);
      }
    }
  }
  for (const auto& [tulip, map] : Mappings()) {
    EXPECT_GT(checked[tulip], 0) << "no Tulip vector checked for " << tulip;
  }
  for (const auto& [name, n] : checked) std::printf("checked %3d values: %s\n", n, name.c_str());
  for (const auto& [name, n] : empty_cases) {
    std::printf("checked %d case(s) with no output (input shorter than warm-up): %s\n", n,
                name.c_str());
  }
  for (const auto& [name, why] : NotCompared()) {
    std::printf("not compared: %s (%s)\n", name.c_str(), why.c_str());
  }
}

// extra.txt's raw cases: arrays in Tulip's input order, then the expected output.
const json* RawCase(const json& doc, const std::string& indicator) {
  for (const auto& [file, cases] : doc["cases"].items()) {
    for (const json& c : cases) {
      if (c["indicator"] == indicator && c.contains("raw_arrays")) return &c;
    }
  }
  return nullptr;
}

// cmf (period 21): high, low, close, volume, expected (from QuantConnect Lean's tests).
TEST(IndicatorsTulipBandsOracle, ChaikinMoneyFlowRawCase) {
  const json doc = testing::LoadOracle("tulip_indicators_tests.json");
  ASSERT_FALSE(doc.is_null());
  const json* c = RawCase(doc, "cmf");
  ASSERT_NE(c, nullptr);
  const json& a = (*c)["raw_arrays"];
  ASSERT_EQ(a.size(), 5u);
  const json columns = {{"high", a[0]}, {"low", a[1]}, {"close", a[2]}, {"volume", a[3]}};
  const std::vector<Bar> bars = testing::BarsFromColumns(columns);
  const int period = (*c)["options"][0].get<int>();
  EXPECT_EQ(Compare("cmf", {static_cast<double>(period)}, bars, 0, a[4]), 41);
}

// ikhts (period 9): high, low, expected Tenkan-sen. Pulse's ichimoku with every period 9 and no
// displacement has the same warm-up, so its tenkan output lines up.
TEST(IndicatorsTulipBandsOracle, IchimokuTenkanRawCase) {
  const json doc = testing::LoadOracle("tulip_indicators_tests.json");
  ASSERT_FALSE(doc.is_null());
  const json* c = RawCase(doc, "ikhts");
  ASSERT_NE(c, nullptr);
  const json& a = (*c)["raw_arrays"];
  ASSERT_EQ(a.size(), 3u);
  const json columns = {{"high", a[0]}, {"low", a[1]}};
  const std::vector<Bar> bars = testing::BarsFromColumns(columns);
  const double period = (*c)["options"][0].get<double>();
  EXPECT_EQ(Compare("ichimoku", {period, period, period, 0}, bars, 0, a[2]), 21);
}

}  // namespace
}  // namespace pulse::indicators
