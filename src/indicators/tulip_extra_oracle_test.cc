// Tulip Indicators' test vectors (atoz.txt, extra.txt, untest.txt) replayed against the
// talib_extra family where Tulip's definition agrees with TA-Lib's (tolerance 0.001, Tulip's
// own). Tulip drops its warm-up bars, so expected arrays line up with the last bars of the
// input. Every Tulip indicator of this family agrees with TA-Lib's convention.
#include <cmath>
#include <functional>
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
  // Pulse output index for each Tulip output name.
  std::map<std::string, int> outputs;
  // Pulse value * scale is compared with Tulip's (Tulip's STOCHRSI is a ratio, TA-Lib's percent).
  double scale = 1.0;
  // Pulse's parameters from Tulip's options (default: the same list).
  std::function<std::vector<double>(const std::vector<double>&)> params = {};
};

const std::map<std::string, Mapping>& Mappings() {
  static const std::map<std::string, Mapping> m = {
      {"medprice", {"medprice", {{"medprice", 0}}}},
      {"typprice", {"typprice", {{"typprice", 0}}}},
      {"wcprice", {"wclprice", {{"wcprice", 0}}}},
      {"avgprice", {"avgprice", {{"avgprice", 0}}}},
      {"bop", {"bop", {{"bop", 0}}}},
      {"max", {"max", {{"max", 0}}}},
      {"min", {"min", {{"min", 0}}}},
      {"sum", {"sum", {{"sum", 0}}}},
      {"var", {"var", {{"var", 0}}}},
      {"md", {"avgdev", {{"md", 0}}}},
      {"rocr", {"rocr", {{"rocr", 0}}}},
      {"linreg", {"linearreg", {{"linreg", 0}}}},
      {"linregslope", {"linearreg_slope", {{"linregslope", 0}}}},
      {"linregintercept", {"linearreg_intercept", {{"linregintercept", 0}}}},
      {"tsf", {"tsf", {{"tsf", 0}}}},
      // Tulip's STOCHRSI: one period for the RSI and the stochastic window, %K unsmoothed, 0..1.
      {"stochrsi",
       {"stochrsi",
        {{"stochrsi", 0}},
        0.01,
        [](const std::vector<double>& o) {
          return std::vector<double>{o[0], o[0], 1, 0};
        }}},
  };
  return m;
}

void CompareColumns(const std::string& what, const std::vector<double>& got, const json& expected,
                    double scale, int* compared) {
  const size_t offset = got.size() - expected.size();
  int n = 0;
  for (size_t k = 0; k < expected.size(); ++k) {
    const double g = got[offset + k];
    ASSERT_FALSE(std::isnan(g)) << what << "[" << k << "]: Pulse still warming up";
    EXPECT_NEAR(g * scale, expected[k].get<double>(), 0.001) << what << "[" << k << "]";
    ++n;
  }
  *compared += n;
}

TEST(IndicatorsTulipExtraOracle, VectorsForThisFamilyPass) {
  const json doc = testing::LoadOracle("tulip_indicators_tests.json");
  ASSERT_FALSE(doc.is_null());
  std::map<std::string, int> checked;
  for (const auto& [file, cases] : doc["cases"].items()) {
    for (const json& c : cases) {
      const std::string name = c["indicator"].get<std::string>();
      auto it = Mappings().find(name);
      if (it == Mappings().end()) continue;
      const Mapping& map = it->second;
      SCOPED_TRACE(file + " " + name + " " + c["options"].dump());
      std::vector<double> params = c["options_positional"].get<std::vector<double>>();
      if (map.params) params = map.params(params);
      auto ind = CreateIndicator(map.pulse_name, params);
      ASSERT_TRUE(ind.ok()) << ind.status();
      const std::vector<Bar> bars = testing::BarsFromColumns(c["inputs"]);
      const auto columns = RunBatch(**ind, bars);
      for (const auto& [tulip_output, values] : c["expected_outputs"].items()) {
        ASSERT_TRUE(map.outputs.contains(tulip_output)) << tulip_output;
        // Same warm-up as Tulip for every function of this family: every value is compared.
        CompareColumns(tulip_output, columns[map.outputs.at(tulip_output)], values, map.scale,
                       &checked[name]);
      }
    }
  }
  for (const auto& [tulip, map] : Mappings()) {
    EXPECT_GT(checked[tulip], 0) << "no Tulip vector checked for " << tulip;
  }
  for (const auto& [name, n] : checked) std::printf("checked %3d values: %s\n", n, name.c_str());
}

// extra.txt keeps acceleration bands as raw arrays (high, low, close, then Tulip's lower, upper
// and middle band), from QuantConnect Lean's tests.
TEST(IndicatorsTulipExtraOracle, AccelerationBandsMatchTheRawVectors) {
  const json doc = testing::LoadOracle("tulip_indicators_tests.json");
  ASSERT_FALSE(doc.is_null());
  int cases = 0;
  for (const json& c : doc["cases"]["extra.txt"]) {
    if (c["indicator"] != "abands") continue;
    ++cases;
    const json& raw = c["raw_arrays"];
    ASSERT_EQ(raw.size(), 6u);
    std::vector<double> params = {c["options"][0].get<double>()};
    auto ind = CreateIndicator("accbands", params);
    ASSERT_TRUE(ind.ok()) << ind.status();
    const json columns_json = {{"high", raw[0]}, {"low", raw[1]}, {"close", raw[2]}};
    const auto columns = RunBatch(**ind, testing::BarsFromColumns(columns_json));
    int compared = 0;
    CompareColumns("lower", columns[2], raw[3], 1.0, &compared);
    CompareColumns("upper", columns[0], raw[4], 1.0, &compared);
    CompareColumns("middle", columns[1], raw[5], 1.0, &compared);
    EXPECT_EQ(compared, 3 * 214);
  }
  EXPECT_EQ(cases, 1);
}

}  // namespace
}  // namespace pulse::indicators
