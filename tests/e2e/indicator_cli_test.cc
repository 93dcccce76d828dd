// `pulse indicators` through the real binary.
#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "e2e/cli_runner.h"

namespace pulse::testing {
namespace {

TEST(IndicatorCliTest, ComputeNamesColumnsAndLeavesWarmUpEmpty) {
  CliRunner cli;
  // Closes 10, 11, ..., 19: SMA(3) is the mean of the last three closes, computed by hand.
  std::string csv = "timestamp_ms,open,high,low,close,volume\n";
  for (int i = 0; i < 10; ++i) {
    csv += std::to_string(1606780800000LL + i * 300000LL) + ",10,30,1," + std::to_string(10 + i) +
           ",5\n";
  }
  const std::string file = cli.WriteFile("c.csv", csv);
  CliResult r = cli.Run({"indicators", "compute", "--data", file, "--ind", "sma:3", "--ind",
                         "macd:3,5,2", "--ind", "obv"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto rows = ParseCsv(r.out);
  ASSERT_EQ(rows.size(), 11u);
  EXPECT_EQ(rows[0], (std::vector<std::string>{"timestamp_ms", "sma_3", "macd_3_5_2.macd",
                                               "macd_3_5_2.signal", "macd_3_5_2.hist", "obv"}));
  EXPECT_EQ(rows[1][0], "1606780800000");
  EXPECT_EQ(rows[1][1], "");
  EXPECT_EQ(rows[2][1], "");
  EXPECT_DOUBLE_EQ(std::stod(rows[3][1]), 11.0);
  EXPECT_DOUBLE_EQ(std::stod(rows[10][1]), 18.0);
  // MACD(3,5,2) needs 5 + 2 - 2 = 5 bars of warm-up; a steady rise gives a positive line.
  EXPECT_EQ(rows[5][2], "");
  EXPECT_GT(std::stod(rows[6][2]), 0);
  // OBV adds the volume on every up close.
  EXPECT_DOUBLE_EQ(std::stod(rows[10][5]), 50.0);
}

TEST(IndicatorCliTest, BadRequestsAreRefused) {
  CliRunner cli;
  const std::string data = CliRunner::SourceDir() + "/data/sample/BTCUSDT-1h.csv.gz";
  CliResult unknown = cli.Run({"indicators", "compute", "--data", data, "--ind", "rsx:3"});
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_NE(unknown.err.find("unknown indicator 'rsx' (accepted:"), std::string::npos)
      << unknown.err;
  CliResult bounds = cli.Run({"indicators", "compute", "--data", data, "--ind", "rsi:1"});
  EXPECT_EQ(bounds.exit_code, 2);
  EXPECT_NE(bounds.err.find("rsi: period must be between 2"), std::string::npos) << bounds.err;
  CliResult junk = cli.Run({"indicators", "compute", "--data", data, "--ind", "rsi:x"});
  EXPECT_EQ(junk.exit_code, 2);
  EXPECT_NE(junk.err.find("is not a number"), std::string::npos) << junk.err;
}

TEST(IndicatorCliTest, ListJsonHasSpecs) {
  CliRunner cli;
  CliResult r = cli.Run({"indicators", "list", "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  nlohmann::json j = nlohmann::json::parse(r.out);
  bool found = false;
  for (const auto& spec : j) {
    if (spec["name"] == "macd") {
      found = true;
      EXPECT_EQ(spec["outputs"], nlohmann::json({"macd", "signal", "hist"}));
      EXPECT_EQ(spec["params"].size(), 3u);
    }
  }
  EXPECT_TRUE(found);
}

}  // namespace
}  // namespace pulse::testing
