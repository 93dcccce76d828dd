// The trade recorder through the real binary: add, entry, exit, stats, and every refusal of
// bad input (exit status 2, a message naming the problem, nothing stored changed).
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "e2e/cli_runner.h"

namespace pulse::testing {
namespace {

class RecorderCliTest : public ::testing::Test {
 protected:
  // Adds a BTCUSDT signal and returns its id as text.
  std::string AddSignal(const std::string& direction = "long", const std::string& entry = "50000",
                        const std::string& stop = "49000", const std::string& take = "52000",
                        const std::vector<std::string>& extra = {}) {
    std::vector<std::string> args = {"signals",     "add",     "--symbol", "BTCUSDT",
                                     "--direction", direction, "--entry",  entry,
                                     "--stop",      stop,      "--take",   take};
    args.insert(args.end(), extra.begin(), extra.end());
    CliResult r = cli_.Run(args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    const size_t pos = r.out.find("signal ");
    EXPECT_NE(pos, std::string::npos) << r.out;
    return r.out.substr(pos + 7, r.out.find(' ', pos + 7) - pos - 7);
  }

  // Everything stored, to prove a refused command changed nothing.
  std::string Snapshot() {
    std::string s;
    for (const auto& row : cli_.Query("SELECT * FROM signals ORDER BY id")) {
      for (const auto& c : row) s += c + "|";
    }
    for (const auto& row : cli_.Query("SELECT * FROM signal_results ORDER BY signal_id")) {
      for (const auto& c : row) s += c + "|";
    }
    return s;
  }

  void ExpectRefused(const std::vector<std::string>& args, const std::string& message) {
    const std::string before = Snapshot();
    CliResult r = cli_.Run(args);
    EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
    EXPECT_NE(r.err.find(message), std::string::npos) << "stderr: " << r.err;
    EXPECT_EQ(Snapshot(), before);
  }

  CliRunner cli_;
};

TEST_F(RecorderCliTest, LongRoundTripIsStoredAndSummarised) {
  const std::string id = AddSignal("long", "50000", "49000", "52000", {"--confidence", "0.81"});
  EXPECT_EQ(id, "1");
  CliResult entry = cli_.Run({"record", "entry", id, "50000", "--at", "2026-11-21T10:00:00Z"});
  ASSERT_EQ(entry.exit_code, 0) << entry.err;
  CliResult exit =
      cli_.Run({"record", "exit", id, "52000", "take_profit", "--at", "2026-11-21T11:30:00Z"});
  ASSERT_EQ(exit.exit_code, 0) << exit.err;
  EXPECT_NE(exit.out.find("+4.00%"), std::string::npos) << exit.out;

  auto rows = cli_.Query(
      "SELECT s.symbol, s.direction, s.status, s.confidence, r.entry_price, r.exit_price, "
      "r.pnl_percent, r.pnl_usd, r.outcome, r.exit_reason, r.hold_duration_minutes "
      "FROM signals s JOIN signal_results r ON r.signal_id = s.id");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0][0], "BTCUSDT");
  EXPECT_EQ(rows[0][1], "long");
  EXPECT_EQ(rows[0][2], "closed");
  EXPECT_DOUBLE_EQ(std::stod(rows[0][3]), 0.81);
  EXPECT_DOUBLE_EQ(std::stod(rows[0][4]), 50000);
  EXPECT_DOUBLE_EQ(std::stod(rows[0][5]), 52000);
  EXPECT_DOUBLE_EQ(std::stod(rows[0][6]), 4.0);
  EXPECT_DOUBLE_EQ(std::stod(rows[0][7]), 2000);
  EXPECT_EQ(rows[0][8], "win");
  EXPECT_EQ(rows[0][9], "take_profit");
  EXPECT_DOUBLE_EQ(std::stod(rows[0][10]), 90);
}

TEST_F(RecorderCliTest, StatsJsonMatchesHandComputedFigures) {
  // A long win (+4%), a short win (+2%), a long loss (-2%), a breakeven (+0.2%), one open.
  struct Trade {
    std::string dir, entry, stop, take, exit;
  };
  const Trade trades[] = {{"long", "50000", "49000", "52000", "52000"},
                          {"short", "3000", "3100", "2800", "2940"},
                          {"long", "100", "95", "110", "98"},
                          {"long", "200", "190", "220", "200.4"}};
  for (const Trade& t : trades) {
    const std::string id = AddSignal(t.dir, t.entry, t.stop, t.take);
    ASSERT_EQ(cli_.Run({"record", "entry", id, t.entry}).exit_code, 0);
    ASSERT_EQ(cli_.Run({"record", "exit", id, t.exit}).exit_code, 0);
  }
  const std::string open = AddSignal();
  ASSERT_EQ(cli_.Run({"record", "entry", open, "50100"}).exit_code, 0);

  CliResult r = cli_.Run({"stats", "--days", "30", "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  nlohmann::json j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["total_trades"], 4);
  EXPECT_EQ(j["wins"], 2);
  EXPECT_EQ(j["losses"], 1);
  EXPECT_EQ(j["breakevens"], 1);
  EXPECT_DOUBLE_EQ(j["win_rate_pct"].get<double>(), 50.0);
  EXPECT_NEAR(j["avg_win_pct"].get<double>(), 3.0, 1e-9);
  EXPECT_NEAR(j["avg_loss_pct"].get<double>(), -2.0, 1e-9);
  EXPECT_NEAR(j["avg_pnl_pct"].get<double>(), (4 + 2 - 2 + 0.2) / 4, 1e-9);
  EXPECT_NEAR(j["profit_factor"].get<double>(), 3.0, 1e-9);
  ASSERT_EQ(j["open_positions"].size(), 1u);
  EXPECT_EQ(j["open_positions"][0]["signal_id"], std::stoi(open));
  EXPECT_DOUBLE_EQ(j["open_positions"][0]["entry_price"].get<double>(), 50100);
  EXPECT_EQ(j["recent_trades"].size(), 4u);

  CliResult table = cli_.Run({"stats"});
  ASSERT_EQ(table.exit_code, 0) << table.err;
  EXPECT_NE(table.out.find("win rate %"), std::string::npos);
  EXPECT_NE(table.out.find("50.00"), std::string::npos);
}

TEST_F(RecorderCliTest, ProfitFactorIsInfWithoutLosses) {
  const std::string id = AddSignal();
  ASSERT_EQ(cli_.Run({"record", "entry", id, "50000"}).exit_code, 0);
  ASSERT_EQ(cli_.Run({"record", "exit", id, "51000"}).exit_code, 0);
  nlohmann::json j = nlohmann::json::parse(cli_.Run({"stats", "--format", "json"}).out);
  EXPECT_EQ(j["profit_factor"], "inf");
}

TEST_F(RecorderCliTest, UnknownSignalId) {
  AddSignal();
  ExpectRefused({"record", "entry", "42", "50000"}, "signal 42");
  ExpectRefused({"record", "exit", "42", "50000"}, "signal 42");
}

TEST_F(RecorderCliTest, ExitWithoutEntry) {
  const std::string id = AddSignal();
  ExpectRefused({"record", "exit", id, "51000"}, "has no entry");
}

TEST_F(RecorderCliTest, ExitBeforeEntryTime) {
  const std::string id = AddSignal();
  ASSERT_EQ(cli_.Run({"record", "entry", id, "50000", "--at", "2026-11-21T10:00:00Z"}).exit_code,
            0);
  ExpectRefused({"record", "exit", id, "51000", "--at", "2026-11-21T09:59:00Z"},
                "is before the entry time");
}

TEST_F(RecorderCliTest, SecondExitOfClosedSignal) {
  const std::string id = AddSignal();
  ASSERT_EQ(cli_.Run({"record", "entry", id, "50000"}).exit_code, 0);
  ASSERT_EQ(cli_.Run({"record", "exit", id, "51000"}).exit_code, 0);
  ExpectRefused({"record", "exit", id, "52000"}, "already closed");
}

TEST_F(RecorderCliTest, BadPrices) {
  const std::string id = AddSignal();
  ExpectRefused({"record", "entry", id, "0"}, "price must be positive");
  ExpectRefused({"record", "entry", id, "-5"}, "price must be positive");
  ExpectRefused({"record", "entry", id, "nan"}, "price must be finite");
  ExpectRefused({"record", "entry", id, "abc"}, "price 'abc' is not a number");
  ExpectRefused({"signals", "add", "--symbol", "BTCUSDT", "--direction", "long", "--entry", "abc",
                 "--stop", "1", "--take", "2"},
                "entry price 'abc' is not a number");
}

TEST_F(RecorderCliTest, UnparseableTime) {
  const std::string id = AddSignal();
  ExpectRefused({"record", "entry", id, "50000", "--at", "yesterday"}, "unparseable time");
}

TEST_F(RecorderCliTest, UnknownDirection) {
  AddSignal();
  ExpectRefused({"signals", "add", "--symbol", "BTCUSDT", "--direction", "sideways", "--entry", "1",
                 "--stop", "0.5", "--take", "2"},
                "unknown direction 'sideways'");
}

TEST_F(RecorderCliTest, ImportReportsEveryBadRowAndStoresNothing) {
  AddSignal();
  const std::string bad = cli_.WriteFile("bad.csv",
                                         "symbol,direction,entry,stop,take,confidence\n"
                                         "ETHUSDT,long,3000,2900,3200,0.8\n"
                                         "SOLUSDT,up,20,19,22,0.7\n"
                                         "XRPUSDT,short,0.5,0.55,0.4,1.7\n");
  const std::string before = Snapshot();
  CliResult r = cli_.Run({"signals", "import", bad});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("line 3: unknown direction 'up'"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("line 4: confidence must be between 0 and 1"), std::string::npos) << r.err;
  EXPECT_EQ(Snapshot(), before);

  const std::string good = cli_.WriteFile(
      "good.json",
      R"([{"symbol":"ETH/USDT","direction":"long","entry":3000,"stop":2900,"take":3200},
          {"symbol":"SOLUSDT","direction":"short","entry_price":20,"stop_loss":21,"take_profit":18,
           "confidence":0.9,"timeframe":"1h"}])");
  r = cli_.Run({"signals", "import", good});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto rows = cli_.Query("SELECT symbol, direction, timeframe FROM signals ORDER BY id");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[1][0], "ETHUSDT");
  EXPECT_EQ(rows[2][1], "short");
  EXPECT_EQ(rows[2][2], "1h");

  CliResult list = cli_.Run({"signals", "list", "--status", "open", "--format", "json"});
  ASSERT_EQ(list.exit_code, 0) << list.err;
  EXPECT_EQ(nlohmann::json::parse(list.out).size(), 3u);
  CliResult closed = cli_.Run({"signals", "list", "--status", "closed", "--format", "json"});
  EXPECT_EQ(nlohmann::json::parse(closed.out).size(), 0u);
}

}  // namespace
}  // namespace pulse::testing
