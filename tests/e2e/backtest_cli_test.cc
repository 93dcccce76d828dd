// `pulse backtest` through the real binary on the bundled candles: the JSON report is the same
// bytes on a second run, its figures agree with each other (every approved signal resolved,
// every stored candidate accounted for, the paper account balanced), the HTML report has its
// charts, and bad input is refused with a message.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "e2e/cli_runner.h"

namespace pulse::testing {
namespace {

using nlohmann::json;

const std::string kBtc = CliRunner::SourceDir() + "/data/sample/BTCUSDT-5m.csv.gz";
const std::string kEth = CliRunner::SourceDir() + "/data/sample/ETHUSDT-5m.csv.gz";
const std::string kSol = CliRunner::SourceDir() + "/data/sample/SOLUSDT-5m.csv.gz";

class BacktestCliTest : public ::testing::Test {
 protected:
  CliResult Backtest(std::vector<std::string> extra) {
    std::vector<std::string> args = {"backtest",   "--data",     kBtc, "--data",
                                     kEth,         "--data",     kSol, "--from",
                                     "2021-04-01", "--progress", "off"};
    args.insert(args.end(), extra.begin(), extra.end());
    return cli_.Run(args);
  }
  CliRunner cli_;
};

TEST_F(BacktestCliTest, JsonReportIsDeterministicAndConsistent) {
  const CliResult first = Backtest({"--format", "json"});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  const CliResult second = Backtest({"--format", "json"});
  ASSERT_EQ(second.exit_code, 0) << second.err;
  EXPECT_EQ(first.out, second.out);  // no wall-clock figures, same rows, same ids

  const json r = json::parse(first.out);
  EXPECT_EQ(r["period"]["from"], "2021-04-01T00:00:00Z");
  EXPECT_EQ(r["period"]["symbols"], 3);
  const json& s = r["signals"];
  const json& t = r["trades"];
  // Every signal and every recorded shadow (one per symbol and direction at a time) is stored;
  // every approved signal and every shadow ends with a result.
  EXPECT_EQ(s["stored"].get<int>(), s["emitted"].get<int>() + s["shadows_recorded"].get<int>());
  EXPECT_GT(s["shadows_recorded"].get<int>(), 0);
  EXPECT_LT(s["shadows_recorded"].get<int>(), s["rejected_by_gates"].get<int>());
  EXPECT_EQ(s["approved"].get<int>() + s["denied_by_controller"].get<int>(),
            s["emitted"].get<int>());
  EXPECT_EQ(t["count"], s["approved"]);
  EXPECT_EQ(s["resolved"], s["approved"]);
  EXPECT_EQ(s["shadows_resolved"].get<int>(),
            s["shadows_recorded"].get<int>() + s["denied_by_controller"].get<int>());
  EXPECT_GT(s["rejected_by_gates"].get<int>(), 0);
  EXPECT_EQ(t["wins"].get<int>() + t["losses"].get<int>() + t["breakevens"].get<int>(),
            t["count"].get<int>());
  if (t["count"].get<int>() > 0) {
    EXPECT_NEAR(t["win_rate_pct"].get<double>(),
                100.0 * t["wins"].get<double>() / t["count"].get<double>(), 1e-9);
  }
  int stopped = 0;
  for (const json& g : r["shadows"]["by_gate"]) {
    stopped += g["count"].get<int>();
    EXPECT_DOUBLE_EQ(g["saved_pnl_pct"].get<double>(), -g["total_pnl_pct"].get<double>());
  }
  EXPECT_EQ(stopped, s["shadows_resolved"].get<int>());
  int by_symbol = 0;
  for (const json& g : r["breakdowns"]["symbol"]) by_symbol += g["count"].get<int>();
  EXPECT_EQ(by_symbol, t["count"].get<int>());
  // Everything is closed at the end: equity is the starting balance plus the realised P&L.
  const json& p = r["paper"];
  EXPECT_NEAR(p["final_equity"].get<double>(),
              p["starting_balance"].get<double>() + p["realized_pnl"].get<double>(), 1e-6);
  EXPECT_EQ(p["fills"].get<int>() % 2, 0);  // one entry and one exit per position
  EXPECT_NEAR(p["return_pct"].get<double>(),
              (p["final_equity"].get<double>() / p["starting_balance"].get<double>() - 1) * 100,
              1e-9);
  // The controller starts green; the return figures are daily.
  ASSERT_FALSE(r["controller"].empty());
  EXPECT_EQ(r["controller"][0]["state"], "green");
  EXPECT_EQ(r["returns"]["periods"], "daily");
  EXPECT_GT(r["returns"]["days"].get<int>(), 100);
}

TEST_F(BacktestCliTest, HtmlReportHasTheChartsAndTheTables) {
  const std::string path = cli_.dir() + "/report.html";
  const CliResult run = Backtest({"--report", path});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("trades:"), std::string::npos) << run.out;
  const std::string html = ReadTextFile(path);
  EXPECT_NE(html.find("<h3>Equity (quote currency)</h3><svg"), std::string::npos);
  EXPECT_NE(html.find("<h3>Drawdown (%)</h3><svg"), std::string::npos);
  EXPECT_NE(html.find("<polyline"), std::string::npos);
  EXPECT_NE(html.find("<h2>Traffic light</h2>"), std::string::npos);
}

TEST_F(BacktestCliTest, BadInputIsRefusedWithAMessage) {
  CliResult r = Backtest({"--to", "2021-03-01"});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("is not before --to"), std::string::npos) << r.err;
  r = cli_.Run({"backtest", "--data", cli_.dir() + "/missing.csv", "--progress", "off"});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("missing.csv"), std::string::npos) << r.err;
  r = cli_.Run({"backtest", "--data", kBtc, "--from", "yesterday", "--progress", "off"});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("--from 'yesterday'"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace pulse::testing
