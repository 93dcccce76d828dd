// `pulse features` through the real binary: the header and rows of the feature matrix, values
// cross-checked with `pulse indicators compute` (base timeframe) and with `pulse data resample`
// followed by `pulse indicators compute` (higher timeframe), and refused input.
#include <cstdint>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "e2e/cli_runner.h"

namespace pulse::testing {
namespace {

size_t Column(const std::vector<std::string>& header, const std::string& name) {
  for (size_t c = 0; c < header.size(); ++c) {
    if (header[c] == name) return c;
  }
  ADD_FAILURE() << "no column " << name;
  return 0;
}

const std::string kHourly = "/data/sample/BTCUSDT-1h.csv.gz";
const std::string kHourConfig =
    "features:\n"
    "  base_timeframe: 1h\n"
    "  sets:\n"
    "    - {timeframe: 1h, indicators: [\"rsi:14\", \"macd:12,26,9\"]}\n"
    "    - {timeframe: 4h, indicators: [\"sma:5\"]}\n";

TEST(FeaturesCliTest, MatrixMatchesIndicatorsComputeOnBothTimeframes) {
  CliRunner cli;
  const std::string data = CliRunner::SourceDir() + kHourly;
  const std::string config = cli.WriteFile("pulse.yaml", kHourConfig);
  CliResult r = cli.Run({"--config", config, "features", "--data", data, "--out", "f.csv"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("wrote 5482 rows x 5 features to f.csv"), std::string::npos) << r.out;
  const auto rows = ParseCsv(ReadTextFile(cli.dir() + "/f.csv"));
  ASSERT_EQ(rows.size(), 5483u);
  EXPECT_EQ(rows[0], (std::vector<std::string>{"timestamp_ms", "1h.rsi_14", "1h.macd_12_26_9.macd",
                                               "1h.macd_12_26_9.signal", "1h.macd_12_26_9.hist",
                                               "4h.sma_5"}));
  EXPECT_EQ(rows[1][0], "1606780800000");  // 2020-12-01 00:00 UTC, the first bar
  EXPECT_EQ(rows[1][1], "");               // RSI(14) warms up for 14 bars
  EXPECT_NE(rows[15][1], "");

  // Base timeframe: the same numbers, as text, as `pulse indicators compute`.
  CliResult c = cli.Run(
      {"indicators", "compute", "--data", data, "--ind", "rsi:14", "--ind", "macd:12,26,9"});
  ASSERT_EQ(c.exit_code, 0) << c.err;
  const auto computed = ParseCsv(c.out);
  ASSERT_EQ(computed.size(), rows.size());
  for (size_t r2 = 1; r2 < rows.size(); ++r2) {
    ASSERT_EQ(rows[r2][0], computed[r2][0]);
    for (size_t k = 1; k <= 4; ++k) ASSERT_EQ(rows[r2][k], computed[r2][k]) << "row " << r2;
  }

  // Higher timeframe: resample to 4h, compute SMA(5) there; on the row of the last hour of each
  // 4h bucket the feature is that bucket's value; on the hours before, the previous bucket's.
  CliResult rs = cli.Run({"data", "resample", data, "--to", "4h", "--out", "h4.csv"});
  ASSERT_EQ(rs.exit_code, 0) << rs.err;
  CliResult h4 =
      cli.Run({"indicators", "compute", "--data", cli.dir() + "/h4.csv", "--ind", "sma:5"});
  ASSERT_EQ(h4.exit_code, 0) << h4.err;
  std::map<std::int64_t, std::string> sma_by_bucket;
  for (const auto& row : ParseCsv(h4.out)) {
    if (row[0] != "timestamp_ms") sma_by_bucket[std::stoll(row[0])] = row[1];
  }
  ASSERT_GT(sma_by_bucket.size(), 1300u);
  const std::int64_t hour = 3600000, four = 4 * hour;
  const size_t col = Column(rows[0], "4h.sma_5");
  size_t checked = 0;
  for (size_t r2 = 1; r2 < rows.size(); ++r2) {
    const std::int64_t t = std::stoll(rows[r2][0]);
    const std::int64_t bucket = t - t % four;
    // The bucket closing with this bar, else the one before (the current one is still forming).
    const bool closes = (t + hour) % four == 0;
    auto it = sma_by_bucket.find(closes ? bucket : bucket - four);
    if (it == sma_by_bucket.end() || r2 < 30) continue;
    // Buckets next to the data's gaps can close late; compare where both sides are regular.
    if (r2 + 1 < rows.size() && std::stoll(rows[r2 + 1][0]) != t + hour) continue;
    if (std::stoll(rows[r2 - 1][0]) != t - hour) continue;
    EXPECT_EQ(rows[r2][col], it->second) << "row " << r2 << " at " << t;
    ++checked;
  }
  EXPECT_GT(checked, 5000u);
}

TEST(FeaturesCliTest, EmbeddedDefaultWritesItsHeaderToStdout) {
  CliRunner cli;
  // 400 synthetic 5m bars from 2021-01-01 00:00 UTC.
  std::string csv = "timestamp_ms,open,high,low,close,volume\n";
  for (int i = 0; i < 400; ++i) {
    const double c = 100 + (i % 17) - (i % 5) * 0.5;
    csv += std::to_string(1609459200000LL + i * 300000LL) + "," + std::to_string(c) + "," +
           std::to_string(c + 1) + "," + std::to_string(c - 1) + "," + std::to_string(c) + ",10\n";
  }
  const std::string file = cli.WriteFile("c.csv", csv);
  CliResult r = cli.Run({"features", "--data", file});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto rows = ParseCsv(r.out);
  ASSERT_EQ(rows.size(), 401u);
  ASSERT_GE(rows[0].size(), 41u);
  EXPECT_EQ(rows[0][0], "timestamp_ms");
  EXPECT_EQ(rows[0][1], "5m.sma_10");
  EXPECT_EQ(rows[0].back(), "4h.atr_14");
  for (const auto& row : rows) EXPECT_EQ(row.size(), rows[0].size());
  // SMA(10) of the first ten closes, computed here.
  double sum = 0;
  for (int i = 0; i < 10; ++i) sum += 100 + (i % 17) - (i % 5) * 0.5;
  EXPECT_EQ(rows[9][1], "");
  EXPECT_NEAR(std::stod(rows[10][1]), sum / 10, 1e-9);
  // 400 bars are 33 hours: no 4h ATR(14) yet.
  EXPECT_EQ(rows[400].back(), "");
}

TEST(FeaturesCliTest, BadConfigAndBadFilesAreRefused) {
  CliRunner cli;
  const std::string data = CliRunner::SourceDir() + kHourly;
  const std::string bad =
      cli.WriteFile("bad.yaml", "features:\n  sets: [{timeframe: 5m, indicators: [\"rsx:3\"]}]\n");
  CliResult config = cli.Run({"--config", bad, "features", "--data", data});
  EXPECT_EQ(config.exit_code, 2);
  EXPECT_NE(config.err.find("features.sets[0].indicators[0]: unknown indicator 'rsx'"),
            std::string::npos)
      << config.err;

  CliResult missing = cli.Run({"features", "--data", cli.dir() + "/nope.csv"});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("nope.csv"), std::string::npos) << missing.err;

  // The default base timeframe is 5m; the file holds 1h bars.
  CliResult mismatch = cli.Run({"features", "--data", data});
  EXPECT_EQ(mismatch.exit_code, 2);
  EXPECT_NE(mismatch.err.find("the bars are 1h bars, but the feature base timeframe is 5m"),
            std::string::npos)
      << mismatch.err;

  // --timeframe 1h with the default sets: the 5m and 15m sets cannot be built from 1h bars.
  CliResult coarse = cli.Run({"features", "--data", data, "--timeframe", "1h"});
  EXPECT_EQ(coarse.exit_code, 2);
  EXPECT_NE(coarse.err.find(
                "features.sets[0].timeframe: 5m is not a whole multiple of the base timeframe 1h"),
            std::string::npos)
      << coarse.err;

  const std::string junk = cli.WriteFile("junk.csv",
                                         "timestamp_ms,open,high,low,close,volume\n"
                                         "1609459200000,1,2,0.5,abc,3\n");
  CliResult parse = cli.Run({"features", "--data", junk});
  EXPECT_EQ(parse.exit_code, 2);
  EXPECT_NE(parse.err.find("junk.csv: line 2"), std::string::npos) << parse.err;

  // Bars out of time order are refused at the line where the time goes back (not later, as a
  // step that cannot be inferred).
  const std::string unsorted = cli.WriteFile("unsorted.csv",
                                             "timestamp_ms,open,high,low,close,volume\n"
                                             "1609459200000,1,2,0.5,1.5,3\n"
                                             "1609459500000,1,2,0.5,1.5,3\n"
                                             "1609459800000,1,2,0.5,1.5,3\n"
                                             "1609459500000,1,2,0.5,1.5,3\n");
  for (const char* command : {"features", "backtest"}) {
    CliResult order = cli.Run({command, "--data", unsorted});
    EXPECT_EQ(order.exit_code, 2) << command;
    EXPECT_NE(order.err.find("unsorted.csv: line 5: time 2021-01-01T00:05:00Z is before the "
                             "previous bar's 2021-01-01T00:10:00Z; the bars must be in time order"),
              std::string::npos)
        << command << ": " << order.err;
  }
}

}  // namespace
}  // namespace pulse::testing
