// `pulse data` through the real binary, on the bundled real Binance candles.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "e2e/cli_runner.h"

namespace pulse::testing {
namespace {

std::string Sample(const std::string& name) {
  return CliRunner::SourceDir() + "/data/sample/" + name;
}

TEST(DataCliTest, ImportIsIdempotentAndStoresExactRows) {
  CliRunner cli;
  const std::string file = Sample("SOLUSDT-1h.csv.gz");
  CliResult first = cli.Run({"data", "import", file, "--symbol", "SOL/USDT", "--timeframe", "1h"});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  CliResult second = cli.Run({"data", "import", file, "--symbol", "SOLUSDT", "--timeframe", "1h"});
  ASSERT_EQ(second.exit_code, 0) << second.err;
  EXPECT_NE(second.out.find("(0 new"), std::string::npos) << second.out;
  // 5482 rows per the shared data manifest (SOL_USDT-1h.csv).
  EXPECT_EQ(
      cli.Query("SELECT COUNT(*) FROM ohlcv WHERE symbol = 'SOLUSDT' AND timeframe = '1h'")[0][0],
      "5482");
  auto first_row =
      cli.Query("SELECT open, high, low, close, volume FROM ohlcv ORDER BY open_time LIMIT 1");
  ASSERT_EQ(first_row.size(), 1u);
  EXPECT_GT(std::stod(first_row[0][0]), 0);
}

TEST(DataCliTest, ImportRefusesMisalignedTimeframeAndStoresNothing) {
  CliRunner cli;
  CliResult r = cli.Run(
      {"data", "import", Sample("BTCUSDT-5m.csv.gz"), "--symbol", "BTCUSDT", "--timeframe", "1h"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("is not aligned to 1h"), std::string::npos) << r.err;
  ASSERT_EQ(cli.Run({"db", "migrate"}).exit_code, 0);
  EXPECT_EQ(cli.Query("SELECT COUNT(*) FROM ohlcv")[0][0], "0");
}

TEST(DataCliTest, ImportRefusesBadRows) {
  CliRunner cli;
  const std::string bad = cli.WriteFile("bad.csv",
                                        "timestamp_ms,open,high,low,close,volume\n"
                                        "1606780800000,10,11,9,10.5,100\n"
                                        "1606781100000,10,11,9,-1,100\n");
  CliResult r = cli.Run({"data", "import", bad, "--symbol", "BTCUSDT", "--timeframe", "5m"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("bar 2"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("zero or negative"), std::string::npos) << r.err;
}

TEST(DataCliTest, ValidateRealDataIsUsableAndFindsTheGaps) {
  CliRunner cli;
  CliResult r = cli.Run({"data", "validate", Sample("BTCUSDT-5m.csv.gz"), "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  nlohmann::json j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["rows"], 65741);
  EXPECT_EQ(j["usable"], true);
  // The Binance series has 6 genuine exchange outages (shared data manifest).
  EXPECT_EQ(j["gaps"]["count"], 6) << j.dump(2);
}

TEST(DataCliTest, ValidateBrokenDataExitsOne) {
  CliRunner cli;
  const std::string bad = cli.WriteFile("broken.csv",
                                        "1606780800000,10,11,9,10.5,100\n"
                                        "1606781100000,10,11,9,nan,100\n"
                                        "1606780800000,10,11,9,10.5,100\n");
  CliResult r = cli.Run({"data", "validate", bad});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
}

TEST(DataCliTest, ResampleMatchesBinanceNativeHourlyBars) {
  CliRunner cli;
  const std::string out = cli.dir() + "/h.csv";
  CliResult r = cli.Run({"data", "resample", Sample("ETHUSDT-5m.csv.gz"), "--to", "1h", "--out",
                         out, "--compare", Sample("ETHUSDT-1h.csv.gz")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // Every hour present in both agrees exactly (prices) and to 1e-9 (volume sums), except three
  // hours (2021-04-22 02:00, 2021-04-23 01:00 and 02:00) where Binance's own 1h volume is larger
  // than the sum of its 5m volumes; their prices agree.
  const size_t pos = r.out.find("compared with");
  ASSERT_NE(pos, std::string::npos) << r.out;
  const std::string line = r.out.substr(pos, r.out.find('\n', pos) - pos);
  const size_t colon = line.find(": ");
  const std::string counts = line.substr(colon + 2);
  const long equal = std::stol(counts);
  const long compared = std::stol(counts.substr(counts.find(" of ") + 4));
  EXPECT_GT(compared, 5000) << line;
  EXPECT_EQ(compared - equal, 3) << line;
  EXPECT_NE(line.find("first difference at 2021-04-22T02:00:00Z"), std::string::npos) << line;
}

TEST(DataCliTest, ResampleRefusesNonMultiple) {
  CliRunner cli;
  CliResult r = cli.Run({"data", "resample", Sample("BTCUSDT-1h.csv.gz"), "--to", "15m"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("15m"), std::string::npos) << r.err;
}

TEST(DataCliTest, ReplayMergesSeriesInTimeOrder) {
  CliRunner cli;
  CliResult r = cli.Run({"data", "replay", Sample("BTCUSDT-1h.csv.gz"), Sample("ETHUSDT-1h.csv.gz"),
                         "--progress", "off"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("10964 bars"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("BTCUSDT 1h  5482"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("out-of-order events: 0"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace pulse::testing
