// `pulse signals generate` through the real binary on the bundled Binance 5m candles: the
// summary agrees with the CSV and with the stored rows, the levels and gates of every passed
// signal are recomputed here from the configured rules, switches in the configuration change
// what comes out, and refused input leaves nothing behind.
#include <cmath>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "e2e/cli_runner.h"

namespace pulse::testing {
namespace {

struct CsvTable {
  std::map<std::string, std::size_t> column;
  std::vector<std::vector<std::string>> rows;
  const std::string& At(std::size_t row, const std::string& name) const {
    return rows[row].at(column.at(name));
  }
};

CsvTable ReadCsv(const std::string& path) {
  CsvTable table;
  table.rows = ParseCsv(ReadTextFile(path));
  if (table.rows.empty()) return table;
  for (std::size_t c = 0; c < table.rows[0].size(); ++c) table.column[table.rows[0][c]] = c;
  table.rows.erase(table.rows.begin());
  return table;
}

// The number after `label` in the summary, e.g. Count(out, "passed ") -> 7.
long Count(const std::string& out, const std::string& label) {
  std::smatch m;
  if (!std::regex_search(out, m, std::regex(label + "(\\d+)"))) {
    ADD_FAILURE() << "no '" << label << "' in:\n" << out;
    return -1;
  }
  return std::stol(m[1]);
}

const std::string kBtc = CliRunner::SourceDir() + "/data/sample/BTCUSDT-5m.csv.gz";
const std::string kEth = CliRunner::SourceDir() + "/data/sample/ETHUSDT-5m.csv.gz";

TEST(SignalsGenerateCliTest, SummaryCsvAndStoredRowsAgreeAndLevelsFollowTheRules) {
  CliRunner cli;
  CliResult r = cli.Run({"signals", "generate", "--data", kBtc, "--data", kEth, "--out",
                         "signals.csv", "--progress", "off", "--db", "sqlite://" + cli.db_path()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const long passed = Count(r.out, "passed ");
  const long rejected = Count(r.out, "rejected ");
  const long candidates = Count(r.out, "candidates ");
  EXPECT_EQ(candidates, passed + rejected);
  EXPECT_GT(passed, 0) << r.out;
  EXPECT_GT(rejected, 0) << r.out;
  EXPECT_EQ(Count(r.out, "signals generate: "), 2);
  // One shadow per symbol and direction at a time: the rest are counted, not recorded.
  const long shadows = Count(r.out, "shadows recorded ");
  const long while_open = Count(r.out, "direction was open ");
  EXPECT_EQ(shadows + while_open, rejected);
  EXPECT_GT(shadows, 0);
  EXPECT_LT(shadows, rejected);
  const long recorded = passed + shadows;

  const CsvTable csv = ReadCsv(cli.dir() + "/signals.csv");
  ASSERT_EQ(static_cast<long>(csv.rows.size()), recorded);
  long csv_passed = 0;
  for (std::size_t i = 0; i < csv.rows.size(); ++i) {
    const std::string& status = csv.At(i, "status");
    const std::string& reasons = csv.At(i, "rejection_reasons");
    if (status == "pending") {
      ++csv_passed;
      EXPECT_TRUE(reasons.empty()) << i;
      // Default levels: take-profit 3x the stop distance; reward/risk after 0.1 % fees per
      // side at least 2.0; confidence at least 0.77.
      const double entry = std::stod(csv.At(i, "entry"));
      const double stop = std::stod(csv.At(i, "stop_loss"));
      const double take = std::stod(csv.At(i, "take_profit"));
      const double risk = std::abs(entry - stop);
      EXPECT_NEAR(std::abs(take - entry), 3.0 * risk, 1e-9 * entry) << i;
      const bool is_long = csv.At(i, "direction") == "long";
      EXPECT_EQ(is_long, stop < entry) << i;
      EXPECT_EQ(is_long, take > entry) << i;
      const double fees = entry * 2 * 0.001;
      EXPECT_GE((std::abs(take - entry) - fees) / (risk + fees), 2.0) << i;
      EXPECT_GE(std::stod(csv.At(i, "confidence")), 0.77) << i;
      // Fixed-fractional size: 1 % of 10000 at risk over the stop distance (or less when a
      // position or exposure limit binds).
      EXPECT_LE(std::stod(csv.At(i, "size")) * risk, 100.0 * (1 + 1e-9)) << i;
    } else {
      ASSERT_EQ(status, "rejected") << i;
      EXPECT_FALSE(reasons.empty()) << i;
    }
    EXPECT_EQ(csv.At(i, "feature_hash").size(), 16u) << i;
    EXPECT_NE(csv.At(i, "sources").find("theory:"), std::string::npos) << i;
  }
  EXPECT_EQ(csv_passed, passed);

  // Stored: every row, the same statuses and reasons, contributions per signal, gate checks
  // as JSON with the failing gates' reasons matching rejection_reasons.
  EXPECT_EQ(std::stol(cli.Query("SELECT count(*) FROM signals")[0][0]), recorded);
  EXPECT_EQ(std::stol(cli.Query("SELECT count(*) FROM signals WHERE status = 'pending'")[0][0]),
            passed);
  EXPECT_EQ(cli.Query("SELECT count(*) FROM signals s WHERE NOT EXISTS (SELECT 1 FROM "
                      "theory_performance t WHERE t.signal_id = s.id)")[0][0],
            "0");
  EXPECT_EQ(cli.Query("SELECT DISTINCT source_kind FROM signals")[0][0], "ensemble");
  const auto rows = cli.Query(
      "SELECT rejection_reasons, gate_checks, classification, feature_hash FROM signals "
      "WHERE status = 'rejected' ORDER BY id LIMIT 200");
  for (const auto& row : rows) {
    const nlohmann::json checks = nlohmann::json::parse(row[1]);
    std::string joined;
    for (const auto& check : checks) {
      if (check["passed"].get<bool>()) continue;
      joined += (joined.empty() ? "" : "; ") + check["reason"].get<std::string>();
      EXPECT_TRUE(check["gate"] == "confidence" || check["gate"] == "volume" ||
                  check["gate"] == "reward_risk" || check["gate"] == "size")
          << check;
    }
    EXPECT_EQ(joined, row[0]);
    EXPECT_NE(row[2], "NULL");
    EXPECT_NE(row[2], "hold");
  }
}

TEST(SignalsGenerateCliTest, SameInputGivesTheSameSignals) {
  CliRunner cli;
  ASSERT_EQ(cli.Run({"signals", "generate", "--data", kEth, "--out", "a.csv", "--progress", "off"})
                .exit_code,
            0);
  ASSERT_EQ(cli.Run({"signals", "generate", "--data", kEth, "--out", "b.csv", "--progress", "off"})
                .exit_code,
            0);
  const std::string a = ReadTextFile(cli.dir() + "/a.csv");
  EXPECT_GT(a.size(), 1000u);
  EXPECT_EQ(a, ReadTextFile(cli.dir() + "/b.csv"));
}

TEST(SignalsGenerateCliTest, ConfigurationSwitchesTheoriesAndGates) {
  CliRunner cli;
  // Without the volume gate nothing is rejected for volume.
  CliResult no_volume = cli.Run({"signals", "generate", "--data", kEth, "--progress", "off"},
                                {{"PULSE_SIGNAL__GATES__VOLUME", "false"}});
  ASSERT_EQ(no_volume.exit_code, 0) << no_volume.err;
  EXPECT_EQ(Count(no_volume.out, "volume "), 0);
  // With every theory but one switched off, the two-source minimum is never met.
  const std::string config = cli.WriteFile(
      "one.yaml",
      "signal:\n  theories:\n"
      "    rsi_mean_reversion: {enabled: true}\n    macd_cross: {enabled: false}\n"
      "    bollinger_breakout: {enabled: false}\n    bollinger_reversion: {enabled: false}\n"
      "    ema_trend_stack: {enabled: false}\n    volume_spike: {enabled: false}\n"
      "    adx_trend: {enabled: false}\n    ichimoku_cloud: {enabled: false}\n"
      "    mtf_trend: {enabled: false}\n");
  CliResult one =
      cli.Run({"--config", config, "signals", "generate", "--data", kEth, "--progress", "off"});
  ASSERT_EQ(one.exit_code, 0) << one.err;
  EXPECT_EQ(Count(one.out, "candidates "), 0);
  EXPECT_GT(Count(one.out, "hold "), 0);
}

// The summary's row of one source: votes, voted %, long, short.
struct SourceRow {
  long votes = -1;
  double voted_pct = -1;
  long long_votes = -1;
  long short_votes = -1;
};
SourceRow SourceRowOf(const std::string& out, const std::string& source) {
  std::smatch m;
  if (!std::regex_search(out, m,
                         std::regex("\n" + source + " +(\\d+) +([0-9.]+) +(\\d+) +(\\d+) "))) {
    ADD_FAILURE() << "no row of " << source << " in:\n" << out;
    return {};
  }
  return {std::stol(m[1]), std::stod(m[2]), std::stol(m[3]), std::stol(m[4])};
}

// The votes by source count every symbol evaluated: the EMA stack theory (without its price
// condition) voted long exactly on the bars where `pulse features` shows EMA 9 > 21 > 50 and
// short where it shows the reverse, counted here from the feature matrix.
TEST(SignalsGenerateCliTest, VotesBySourceAreTheTheorysRuleOnEveryEvaluatedBar) {
  CliRunner cli;
  CliResult features =
      cli.Run({"features", "--data", kEth, "--out", "features.csv", "--progress", "off"});
  ASSERT_EQ(features.exit_code, 0) << features.err;
  CliResult r = cli.Run({"signals", "generate", "--data", kEth, "--progress", "off"},
                        {{"PULSE_SIGNAL__THEORIES__EMA_TREND_STACK__REQUIRE_PRICE", "0"}});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const long evaluated = Count(r.out, "evaluated ");
  const long warming_up = Count(r.out, "warming up ");
  const CsvTable matrix = ReadCsv(cli.dir() + "/features.csv");
  ASSERT_EQ(static_cast<long>(matrix.rows.size()), evaluated + warming_up);
  long up = 0, down = 0;
  // A symbol warms up on its first bars, then is evaluated on every bar.
  for (std::size_t i = static_cast<std::size_t>(warming_up); i < matrix.rows.size(); ++i) {
    const std::string& f = matrix.At(i, "5m.ema_9");
    const std::string& m = matrix.At(i, "5m.ema_21");
    const std::string& s = matrix.At(i, "5m.ema_50");
    if (f.empty() || m.empty() || s.empty()) continue;
    const double fast = std::stod(f), mid = std::stod(m), slow = std::stod(s);
    if (fast > mid && mid > slow) ++up;
    if (fast < mid && mid < slow) ++down;
  }
  const SourceRow stack = SourceRowOf(r.out, "theory:ema_trend_stack");
  EXPECT_EQ(stack.long_votes, up);
  EXPECT_EQ(stack.short_votes, down);
  EXPECT_EQ(stack.votes, up + down);
  EXPECT_NEAR(stack.voted_pct, 100.0 * static_cast<double>(up + down) / evaluated, 0.005);
  EXPECT_GT(up, 1000);
  EXPECT_GT(down, 1000);
  // Every theory's votes are within the bars evaluated.
  for (const char* theory : {"theory:rsi_mean_reversion", "theory:macd_cross", "theory:adx_trend",
                             "theory:ichimoku_cloud", "theory:mtf_trend"}) {
    const SourceRow row = SourceRowOf(r.out, theory);
    EXPECT_GT(row.votes, 0) << theory;
    EXPECT_LE(row.votes, evaluated) << theory;
    EXPECT_EQ(row.votes, row.long_votes + row.short_votes) << theory;
    EXPECT_NEAR(row.voted_pct, 100.0 * static_cast<double>(row.votes) / evaluated, 0.005) << theory;
  }
}

TEST(SignalsGenerateCliTest, RefusedInputNamesTheProblemAndStoresNothing) {
  CliRunner cli;
  CliResult hourly =
      cli.Run({"signals", "generate", "--data",
               CliRunner::SourceDir() + "/data/sample/BTCUSDT-1h.csv.gz", "--progress", "off"});
  EXPECT_EQ(hourly.exit_code, 2);
  EXPECT_NE(hourly.err.find("1h bars"), std::string::npos) << hourly.err;

  CliResult model = cli.Run({"signals", "generate", "--data", kEth, "--progress", "off"},
                            {{"PULSE_SIGNAL__MODELS", "models/missing.json"}});
  EXPECT_EQ(model.exit_code, 2);
  EXPECT_NE(model.err.find("missing.json"), std::string::npos) << model.err;

  CliResult symbols = cli.Run({"signals", "generate", "--data", kEth, "--symbol", "A", "--symbol",
                               "B", "--progress", "off"});
  EXPECT_EQ(symbols.exit_code, 2);
  EXPECT_NE(symbols.err.find("--symbol"), std::string::npos) << symbols.err;

  CliResult theory =
      cli.Run({"signals", "generate", "--data", kEth, "--progress", "off"},
              {{"PULSE_SIGNAL__THEORIES__RSI_MEAN_REVERSION__FEATURES__RSI", "rsi_21"}});
  EXPECT_EQ(theory.exit_code, 2);
  EXPECT_NE(theory.err.find("rsi_21"), std::string::npos) << theory.err;
}

}  // namespace
}  // namespace pulse::testing

namespace pulse::testing {
namespace {

TEST(SignalsGenerateCliTest, TrainedModelVotesAndIsRecordedWithEachSignal) {
  CliRunner cli;
  // Uncalibrated, the class-balanced model's probabilities sit above the label's break-even
  // (1 / (1 + rr)), so it votes on every candidate; calibrated, it rarely clears it on BTC.
  CliResult train =
      cli.Run({"model", "train", "--data", kEth, "--rounds", "10", "--out", "models/eth_5m.json",
               "--name", "eth_5m", "--version", "7", "--calibration", "none", "--progress", "off"});
  ASSERT_EQ(train.exit_code, 0) << train.err;
  const std::map<std::string, std::string> env = {{"PULSE_SIGNAL__MODELS", "models/eth_5m.json"}};
  CliResult r = cli.Run({"signals", "generate", "--data", kBtc, "--out", "signals.csv",
                         "--progress", "off", "--db", "sqlite://" + cli.db_path()},
                        env);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const CsvTable csv = ReadCsv(cli.dir() + "/signals.csv");
  ASSERT_GT(csv.rows.size(), 0u) << r.out;
  for (std::size_t i = 0; i < csv.rows.size(); ++i) {
    EXPECT_NE(csv.At(i, "sources").find("model:eth_5m="), std::string::npos) << i;
  }
  EXPECT_EQ(cli.Query("SELECT DISTINCT model_version FROM signals")[0][0], "eth_5m@7");
  const SourceRow model = SourceRowOf(r.out, "model:eth_5m");
  EXPECT_GT(model.long_votes, 0);
  EXPECT_EQ(model.short_votes, 0);  // a tp-before-sl model votes long or abstains
  EXPECT_EQ(cli.Query("SELECT count(DISTINCT signal_id) FROM theory_performance WHERE "
                      "theory_name = 'model:eth_5m' AND source_kind = 'model'")[0][0],
            std::to_string(csv.rows.size()));
}

}  // namespace
}  // namespace pulse::testing
