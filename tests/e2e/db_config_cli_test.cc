// `pulse db` and `pulse config` through the real binary.
#include <algorithm>
#include <filesystem>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "e2e/cli_runner.h"

namespace pulse::testing {
namespace {

TEST(DbCliTest, MigrateThenStatus) {
  CliRunner cli;
  CliResult status = cli.Run({"db", "status"});
  ASSERT_EQ(status.exit_code, 0) << status.err;
  EXPECT_NE(status.out.find("schema version: 0"), std::string::npos) << status.out;
  EXPECT_NE(status.out.find("pending"), std::string::npos);

  CliResult migrate = cli.Run({"db", "migrate"});
  ASSERT_EQ(migrate.exit_code, 0) << migrate.err;
  EXPECT_NE(migrate.out.find("schema version 0 ->"), std::string::npos) << migrate.out;
  auto tables = cli.Query("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
  std::vector<std::string> names;
  for (const auto& row : tables) names.push_back(row[0]);
  for (const char* t : {"alerts", "controller_status", "health_checks", "ohlcv",
                        "performance_snapshots", "positions", "schema_migrations", "signal_results",
                        "signals", "theory_performance", "trades"}) {
    EXPECT_NE(std::find(names.begin(), names.end(), t), names.end()) << t;
  }
  CliResult again = cli.Run({"db", "migrate"});
  ASSERT_EQ(again.exit_code, 0);
  EXPECT_NE(again.out.find("applied 0 migration(s)"), std::string::npos) << again.out;
  EXPECT_EQ(cli.Query("SELECT COUNT(*) FROM schema_migrations")[0][0],
            cli.Query("SELECT MAX(version) FROM schema_migrations")[0][0]);
}

TEST(DbCliTest, DbFlagOverridesEnvironment) {
  CliRunner cli;
  const std::string other = cli.dir() + "/other.db";
  ASSERT_EQ(cli.Run({"--db", "sqlite://" + other, "db", "migrate"}).exit_code, 0);
  EXPECT_TRUE(std::filesystem::exists(other));
  EXPECT_FALSE(std::filesystem::exists(cli.db_path()));
}

TEST(DbCliTest, UnknownSchemeIsBadInput) {
  CliRunner cli;
  CliResult r = cli.Run({"--db", "mysql://x/y", "db", "status"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("mysql"), std::string::npos) << r.err;
}

TEST(ConfigCliTest, CheckReportsEveryProblemWithKeyPaths) {
  CliRunner cli;
  const std::string path = cli.WriteFile("bad.yaml",
                                         "logging:\n  level: loud\n"
                                         "database:\n  urll: sqlite://x.db\n"
                                         "recorder:\n  breakeven_band_pct: -1\n");
  CliResult r = cli.Run({"--config", path, "config", "check"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("logging.level"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("database.urll"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("recorder.breakeven_band_pct"), std::string::npos) << r.err;
}

// Settings that are valid but work against each other are said after the verdict, one
// "warning:" line each, without failing the check; settings that agree say nothing more.
TEST(ConfigCliTest, CheckWarnsOfSettingsThatWorkAgainstEachOther) {
  CliRunner cli;
  CliResult r = cli.Run({"config", "check"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string valid = "configuration is valid (environment: development)\n";
  ASSERT_EQ(r.out.rfind(valid, 0), 0u) << r.out;
  std::vector<std::string> warnings;
  std::istringstream lines(r.out.substr(valid.size()));
  for (std::string line; std::getline(lines, line);) warnings.push_back(line);
  ASSERT_EQ(warnings.size(), 3u) << r.out;
  EXPECT_EQ(warnings[0].rfind("warning: risk.traffic_light.red_win_rate 65 % is above", 0), 0u);
  EXPECT_EQ(warnings[1].rfind("warning: signal.gates.min_confidence 0.77 with", 0), 0u);
  EXPECT_EQ(warnings[2].rfind("warning: signal.sizing.max_position_value is not set", 0), 0u);

  const std::map<std::string, std::string> agreeing = {
      {"PULSE_RISK__TRAFFIC_LIGHT__RED_WIN_RATE", "0.25"},
      {"PULSE_RISK__TRAFFIC_LIGHT__YELLOW_WIN_RATE", "0.3"},
      {"PULSE_SIGNAL__GATES__CONFIDENCE", "false"},
      {"PULSE_SIGNAL__SIZING__MAX_POSITION_VALUE", "2500"}};
  r = cli.Run({"config", "check"}, agreeing);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, valid);
}

// Values each valid on its own that `pulse run` would refuse together (or that need a file or
// the time-zone database) are reported by check too, every one at once, and run refuses the
// same config at the first it meets.
TEST(ConfigCliTest, CheckReportsWhatTheEnginesWouldRefuse) {
  CliRunner cli;
  const std::string path = cli.WriteFile(
      "engines.yaml",
      "risk:\n  time_zone: Mars/Olympus\n  traffic_light:\n    yellow_win_rate: 0.6\n"
      "  circuit_breakers:\n    volatility: {feature: 5m.natr_99}\n"
      "paper:\n  max_position_fraction: 0.9\n  max_total_exposure: 0.5\n"
      "signal:\n  models: " +
          cli.dir() + "/missing.json\n" + "run:\n  from: 2021-03-01\n  to: 2021-01-01\n");
  CliResult r = cli.Run({"--config", path, "config", "check"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "read " + path + "\n");
  const std::vector<std::string> expected = {
      "invalid configuration (5 problems):",
      "  signal.models: model file " + cli.dir() + "/missing.json does not exist",
      "  risk.circuit_breakers.volatility.feature '5m.natr_99' is not a feature of the "
      "configured set (for example 5m.natr_14 with natr:14 in the 5m set; \"\" feeds nothing)",
      "  paper.max_position_fraction (0.9) must not exceed paper.max_total_exposure (0.5)",
      "  risk config: risk.traffic_light.yellow_win_rate (0.6) must be >= red_win_rate (0.65); "
      "risk.time_zone: unknown time zone 'Mars/Olympus'",
      "  run.from 2021-03-01T00:00:00Z is not before run.to 2021-01-01T00:00:00Z",
  };
  std::size_t at = 0;
  for (const std::string& line : expected) {
    const std::size_t found = r.err.find(line, at);
    ASSERT_NE(found, std::string::npos) << line << "\nin\n" << r.err;
    at = found + line.size();
  }
  // The example config builds.
  EXPECT_EQ(cli.Run({"--config", CliRunner::SourceDir() + "/config/pulse.example.yaml", "config",
                     "check"})
                .exit_code,
            0);
  // Without the check, run stops at the first it meets.
  CliResult run = cli.Run({"--config", path, "run", "--exit-at-end"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_EQ(run.err, "error: " + expected.back().substr(2) + "\n");
}

TEST(ConfigCliTest, CheckRefusesADirectoryAndARepeatedKey) {
  CliRunner cli;
  CliResult r = cli.Run({"--config", cli.dir(), "config", "check"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");  // not "read <dir>"
  EXPECT_EQ(r.err, "invalid configuration (1 problem):\n  " + cli.dir() +
                       ": cannot read the config file: Is a directory\n");

  const std::string path =
      cli.WriteFile("twice.yaml", "paper:\n  starting_balance: 5000\n  starting_balance: 7000\n");
  r = cli.Run({"--config", path, "config", "check"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "invalid configuration (1 problem):\n  paper.starting_balance: given twice in " +
                       path + " (line 2, then line 3); keep one\n");
}

TEST(ConfigCliTest, ExampleConfigIsValidAndShowMasksSecrets) {
  CliRunner cli;
  const std::string example = CliRunner::SourceDir() + "/config/pulse.example.yaml";
  CliResult check = cli.Run({"--config", example, "config", "check"});
  EXPECT_EQ(check.exit_code, 0) << check.err;
  CliResult show = cli.Run({"--config", example, "config", "show"},
                           {{"PULSE_NOTIFY__TELEGRAM__BOT_TOKEN", "123456:very-secret-token"}});
  ASSERT_EQ(show.exit_code, 0) << show.err;
  EXPECT_EQ(show.out.find("very-secret-token"), std::string::npos) << show.out;
  EXPECT_NE(show.out.find("***"), std::string::npos) << show.out;
}

TEST(ConfigCliTest, BreakevenBandFromEnvironmentChangesOutcome) {
  CliRunner cli;
  const std::map<std::string, std::string> env = {{"PULSE_RECORDER__BREAKEVEN_BAND_PCT", "5"}};
  ASSERT_EQ(cli.Run({"signals", "add", "--symbol", "BTCUSDT", "--direction", "long", "--entry",
                     "100", "--stop", "90", "--take", "120"},
                    env)
                .exit_code,
            0);
  ASSERT_EQ(cli.Run({"record", "entry", "1", "100"}, env).exit_code, 0);
  ASSERT_EQ(cli.Run({"record", "exit", "1", "104"}, env).exit_code, 0);
  EXPECT_EQ(cli.Query("SELECT outcome FROM signal_results")[0][0], "breakeven");
}

}  // namespace
}  // namespace pulse::testing
