// Tulip Indicators' test vectors (atoz.txt, extra.txt, untest.txt) replayed against Pulse's
// indicators where the definitions agree (tolerance 0.001, Tulip's own). Tulip drops its warm-up
// bars, so expected arrays line up with the last bars of the input. Where Tulip's convention
// differs from TA-Lib's (which Pulse follows), the case is skipped with the reason.
#include <cmath>
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
  // Pulse value * scale is compared with Tulip's (ROC: Tulip's is a ratio, TA-Lib's percent).
  double scale = 1.0;
  // Extra trailing Pulse parameters after Tulip's options.
  std::vector<double> extra_params = {};
};

const std::map<std::string, Mapping>& Mappings() {
  static const std::map<std::string, Mapping> m = {
      {"sma", {"sma", {{"sma", 0}}}},
      {"wma", {"wma", {{"wma", 0}}}},
      {"rsi", {"rsi", {{"rsi", 0}}}},
      {"bbands", {"bbands", {{"bbands_upper", 0}, {"bbands_middle", 1}, {"bbands_lower", 2}}}},
      {"stoch", {"stoch", {{"stoch_k", 0}, {"stoch_d", 1}}}},
      {"willr", {"willr", {{"willr", 0}}}},
      {"tr", {"trange", {{"tr", 0}}}},
      {"atr", {"atr", {{"atr", 0}}}},
      {"roc", {"roc", {{"roc", 0}}, 0.01}},
      {"mom", {"mom", {{"mom", 0}}}},
      {"stddev", {"stddev", {{"stddev", 0}}}},
      {"trima", {"trima", {{"trima", 0}}}},
      {"kama", {"kama", {{"kama", 0}}}},
      {"cci", {"cci", {{"cci", 0}}}},
      {"natr", {"natr", {{"natr", 0}}}},
      {"aroon", {"aroon", {{"aroon_down", 0}, {"aroon_up", 1}}}},
      {"aroonosc", {"aroonosc", {{"aroonosc", 0}}}},
      {"mfi", {"mfi", {{"mfi", 0}}}},
      {"ad", {"ad", {{"ad", 0}}}},
      {"adosc", {"adosc", {{"adosc", 0}}}},
      {"ultosc", {"ultosc", {{"ultosc", 0}}}},
  };
  return m;
}

// Why a Tulip indicator (or "file:indicator" case) that Pulse also has is not compared.
const std::map<std::string, std::string>& Differences() {
  static const std::map<std::string, std::string> m = {
      {"ema", "Tulip seeds the EMA with the first value, TA-Lib (and Pulse) with the SMA"},
      {"macd", "Tulip's EMAs start from the first value and MACD(12,26) uses k = 0.15/0.075"},
      {"dema", "Tulip's EMAs start from the first value, TA-Lib's (and Pulse's) from the SMA"},
      {"tema", "Tulip's EMAs start from the first value, TA-Lib's (and Pulse's) from the SMA"},
      {"adx", "Tulip's directional movement reads high and low only (no close, no true range)"},
      {"adxr", "Tulip's directional movement reads high and low only (no close, no true range)"},
      {"dx", "Tulip's directional movement reads high and low only (no close, no true range)"},
      {"cmo", "Tulip's CMO sums gains and losses over the window, TA-Lib smooths them as the RSI"},
      {"psar",
       "Tulip starts SAR from bar 0's extreme with its own direction test; TA-Lib from bar 1's "
       "-DM and extreme (the first bars differ, later ones agree)"},
      {"trix", "Tulip's EMAs start from the first value, TA-Lib's (and Pulse's) from the SMA"},
      {"obv", "Tulip's OBV starts at 0, TA-Lib's (and Pulse's) at the first bar's volume"},
      {"untest.txt:natr", "as untest.txt:atr: Tulip seeds the ATR with bar 0's high-low"},
      {"untest.txt:atr",
       "Tulip seeds ATR with the mean of high-low of bar 0 and the next period-1 true ranges, "
       "TA-Lib with the mean of the true ranges of bars 1..period"},
  };
  return m;
}

TEST(IndicatorsTulipOracle, VectorsForImplementedIndicatorsPass) {
  const json doc = testing::LoadOracle("tulip_indicators_tests.json");
  ASSERT_FALSE(doc.is_null());
  std::map<std::string, int> checked;
  for (const auto& [file, cases] : doc["cases"].items()) {
    for (const json& c : cases) {
      const std::string name = c["indicator"].get<std::string>();
      auto it = Mappings().find(name);
      if (it == Mappings().end() || Differences().contains(file + ":" + name)) continue;
      const Mapping& map = it->second;
      SCOPED_TRACE(file + " " + name + " " + c["options"].dump());
      std::vector<double> params = c["options_positional"].get<std::vector<double>>();
      params.insert(params.end(), map.extra_params.begin(), map.extra_params.end());
      // Tulip's one "stddev" option is both of TA-Lib's band widths.
      if (name == "bbands" && params.size() == 2) params = {params[0], params[1], params[1], 0};
      auto ind = CreateIndicator(map.pulse_name, params);
      ASSERT_TRUE(ind.ok()) << ind.status();
      const std::vector<Bar> bars = testing::BarsFromColumns(c["inputs"]);
      const auto columns = RunBatch(**ind, bars);
      for (const auto& [tulip_output, values] : c["expected_outputs"].items()) {
        ASSERT_TRUE(map.outputs.contains(tulip_output)) << tulip_output;
        const int out = map.outputs.at(tulip_output);
        const size_t offset = bars.size() - values.size();
        int compared = 0;
        for (size_t k = 0; k < values.size(); ++k) {
          const double got = columns[out][offset + k];
          if (std::isnan(got)) continue;  // Pulse's (TA-Lib's) warm-up is longer here
          EXPECT_NEAR(got * map.scale, values[k].get<double>(), 0.001)
              << tulip_output << "[" << k << "]";
          ++compared;
        }
        // At most one bar of warm-up difference (TA-Lib starts TRANGE at bar 1, Tulip at 0).
        EXPECT_GE(compared + 1, static_cast<int>(values.size())) << tulip_output;
        checked[name] += compared;
      }
    }
  }
  for (const auto& [tulip, map] : Mappings()) {
    EXPECT_GT(checked[tulip], 0) << "no Tulip vector checked for " << tulip;
  }
  for (const auto& [name, n] : checked) std::printf("checked %3d values: %s\n", n, name.c_str());
  for (const auto& [name, why] : Differences()) {
    std::printf("not compared: %s (%s)\n", name.c_str(), why.c_str());
  }
}

}  // namespace
}  // namespace pulse::indicators
