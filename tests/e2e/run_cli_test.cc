// `pulse run` through the real binary: the same settings and bars give the same rows (ids and
// times included); a run killed with SIGKILL and started again ends with exactly the rows of an
// uninterrupted run; candle files and the ohlcv table give the same run; queued controller
// commands are applied at the next bar close; a restart on other settings or other bars is
// refused. Rows are read with the sqlite3 library, independently of Pulse's storage code.
#include <signal.h>
#include <sys/wait.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <fstream>
#include <regex>
#include <sstream>
#include <thread>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "e2e/cli_runner.h"

namespace pulse::testing {
namespace {

using Rows = std::vector<std::vector<std::string>>;

const std::string kBtc = CliRunner::SourceDir() + "/data/sample/BTCUSDT-5m.csv.gz";
const std::string kEth = CliRunner::SourceDir() + "/data/sample/ETHUSDT-5m.csv.gz";

// Six weeks of two symbols: long enough for the features to warm up and the engine to make
// candidates, short enough for a test.
std::vector<std::string> RunArgs(std::vector<std::string> extra = {}) {
  std::vector<std::string> args = {"run",        "--data", kBtc,         "--data",
                                   kEth,         "--to",   "2021-01-12", "--exit-at-end",
                                   "--progress", "off"};
  args.insert(args.end(), extra.begin(), extra.end());
  return args;
}

// Every row of every table but the migration log (which records when the schema was made).
std::map<std::string, Rows> Dump(const CliRunner& cli) {
  std::map<std::string, Rows> tables;
  for (const auto& row : cli.Query("SELECT name FROM sqlite_master WHERE type = 'table' AND "
                                   "name <> 'schema_migrations' ORDER BY name")) {
    tables[row[0]] = cli.Query("SELECT * FROM \"" + row[0] + "\" ORDER BY 1, 2");
  }
  return tables;
}

std::int64_t Count(const CliRunner& cli, const std::string& sql) {
  return std::stoll(cli.Query(sql).at(0).at(0));
}

// Names the first table whose rows differ, and the first differing row.
std::string FirstDifference(const std::map<std::string, Rows>& a,
                            const std::map<std::string, Rows>& b) {
  for (const auto& [name, rows] : a) {
    auto it = b.find(name);
    if (it == b.end()) return name + ": missing";
    if (rows == it->second) continue;
    if (rows.size() != it->second.size()) {
      return name + ": " + std::to_string(rows.size()) + " vs " +
             std::to_string(it->second.size()) + " rows";
    }
    for (std::size_t i = 0; i < rows.size(); ++i) {
      if (rows[i] != it->second[i]) return name + ": row " + std::to_string(i) + " differs";
    }
  }
  return "";
}

// The value column of the summary row `label` in `out` ("" when there is no such row).
std::string TableValue(const std::string& out, const std::string& label) {
  std::istringstream lines(out);
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind(label + "  ", 0) != 0) continue;
    return line.substr(line.find_last_of(' ') + 1);
  }
  return "";
}

// The summary's lines from the market's first to the last month ("" when there are none).
std::string MarketLines(const std::string& out) {
  const std::size_t from = out.find("\nmarket (");
  const std::size_t to = out.find("votes by source");
  if (from == std::string::npos || to == std::string::npos || to < from) return "";
  return out.substr(from + 1, to - from - 1);
}

// Starts `args` (with `env`) with a transaction per close on `cli` and kills it with SIGKILL
// once at least half of its `closes` are stored (but not all).
void KillHalfway(CliRunner& cli, const std::vector<std::string>& args, std::int64_t closes,
                 std::map<std::string, std::string> env = {}) {
  env["PULSE_RUN__COMMIT_EVERY"] = "1";
  const int pid = cli.Start(args, env);
  ASSERT_GT(pid, 0);
  std::int64_t at_kill = 0;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  while (std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    try {
      const Rows rows = cli.Query("SELECT bar_closes FROM pipeline_runs");
      if (!rows.empty()) at_kill = std::stoll(rows[0][0]);
    } catch (const std::exception&) {
      continue;  // not created yet
    }
    if (at_kill >= closes / 2) break;
  }
  ASSERT_EQ(kill(pid, SIGKILL), 0);
  const CliResult crashed = cli.Wait(pid);
  EXPECT_EQ(crashed.exit_code, 128 + SIGKILL);
  const std::int64_t checkpoint = Count(cli, "SELECT bar_closes FROM pipeline_runs");
  ASSERT_GE(checkpoint, closes / 2);
  ASSERT_LT(checkpoint, closes) << "the run ended before it was killed";
  EXPECT_EQ(Count(cli, "SELECT finished FROM pipeline_runs"), 0);
}

// The run of `whole` again on a fresh store, killed half-way and started again: exactly the
// rows of the uninterrupted run.
void ExpectTheSameRowsAfterAKill(const CliRunner& whole,
                                 const std::map<std::string, std::string>& env) {
  const std::map<std::string, Rows> expected = Dump(whole);
  const std::int64_t closes = Count(whole, "SELECT bar_closes FROM pipeline_runs");
  CliRunner killed;
  ASSERT_NO_FATAL_FAILURE(KillHalfway(killed, RunArgs(), closes, env));
  const CliResult resumed = killed.Run(RunArgs(), env);
  ASSERT_EQ(resumed.exit_code, 0) << resumed.err;
  const std::map<std::string, Rows> got = Dump(killed);
  EXPECT_TRUE(got == expected) << FirstDifference(expected, got);
}

// Runs on `red` what `whole` ran, up to two closes after its first red light; returns that
// first red's time (nanoseconds, as stored).
std::string RunToTheFirstRed(const CliRunner& whole, CliRunner& red,
                             const std::map<std::string, std::string>& env) {
  const std::string first_red = whole.Query(
      "SELECT changed_at FROM controller_status WHERE state = 'red' ORDER BY id LIMIT 1")[0][0];
  std::vector<std::string> args = RunArgs();
  args[6] = whole.Query(fmt::format(  // --to
      "SELECT strftime('%Y-%m-%dT%H:%M:%SZ', {} / 1e9 + 600, 'unixepoch')", first_red))[0][0];
  const CliResult run = red.Run(args, env);
  EXPECT_EQ(run.exit_code, 0) << run.err;
  return first_red;
}

TEST(RunCliTest, ResumesAfterSigkillWithExactlyTheRowsOfAnUninterruptedRun) {
  CliRunner whole;
  const CliResult done = whole.Run(RunArgs());
  ASSERT_EQ(done.exit_code, 0) << done.err;
  EXPECT_NE(done.out.find("the run is finished"), std::string::npos) << done.out;
  const std::map<std::string, Rows> expected = Dump(whole);
  const std::int64_t closes = Count(whole, "SELECT bar_closes FROM pipeline_runs");
  const std::int64_t stored = Count(whole, "SELECT COUNT(*) FROM signals");
  const std::int64_t shadows = Count(whole, "SELECT COUNT(*) FROM signal_results");
  // 2020-12-01 .. 2021-01-12: 42 days of 5m bars, less the exchange's gaps; both symbols have
  // a bar at every close.
  EXPECT_GT(closes, 42 * 288 * 99 / 100);
  EXPECT_LT(closes, 42 * 288);
  EXPECT_EQ(Count(whole, "SELECT bars FROM pipeline_runs"), 2 * closes);
  EXPECT_GT(stored, 100);  // candidates tracked as shadows
  EXPECT_GT(shadows, 100);

  // The same again with a transaction per close, killed half-way.
  CliRunner killed;
  ASSERT_NO_FATAL_FAILURE(KillHalfway(killed, RunArgs(), closes));
  const CliResult resumed = killed.Run(RunArgs());
  ASSERT_EQ(resumed.exit_code, 0) << resumed.err;
  EXPECT_NE(resumed.out.find("resumed after"), std::string::npos) << resumed.out;
  const std::map<std::string, Rows> got = Dump(killed);
  EXPECT_TRUE(got == expected) << FirstDifference(expected, got);
  // The summary sets the whole run's account against the market, resumed or not.
  const std::string market = MarketLines(done.out);
  EXPECT_NE(market.find("market (equal-weight buy and hold of 2 symbols): change"),
            std::string::npos)
      << done.out;
  EXPECT_NE(market.find("BTCUSDT"), std::string::npos);
  EXPECT_NE(market.find("2020-12 "), std::string::npos);
  EXPECT_NE(market.find("2021-01 "), std::string::npos);
  EXPECT_EQ(MarketLines(resumed.out), market);
  // And the controller's time in each state over the whole run, from the stored rows: each
  // state holds from its change to the next, from the first bar's open to the last close.
  const Rows states = whole.Query("SELECT changed_at, state FROM controller_status ORDER BY id");
  ASSERT_FALSE(states.empty());
  const double first_open = 1606780800e9;  // 2020-12-01T00:00:00Z
  const double last_close =
      static_cast<double>(Count(whole, "SELECT checkpoint_close FROM pipeline_runs"));
  std::vector<std::pair<std::string, double>> held;
  for (std::size_t i = 0; i < states.size(); ++i) {
    const double from = std::max(first_open, std::stod(states[i][0]));
    const double to = i + 1 < states.size() ? std::stod(states[i + 1][0]) : last_close;
    auto it = std::find_if(held.begin(), held.end(),
                           [&](const auto& h) { return h.first == states[i][1]; });
    if (it == held.end()) it = held.insert(held.end(), {states[i][1], 0.0});
    it->second += to - from;
  }
  std::string shares;
  for (const auto& [state, nanos] : held) {
    shares += (shares.empty() ? "" : ", ") + state +
              fmt::format(" {:.1f} %", nanos / (last_close - first_open) * 100);
  }
  const std::regex time_row("\ncontroller's time in each state: ([^\n]*)\n");
  std::smatch done_time, resumed_time;
  ASSERT_TRUE(std::regex_search(done.out, done_time, time_row)) << done.out;
  ASSERT_TRUE(std::regex_search(resumed.out, resumed_time, time_row)) << resumed.out;
  EXPECT_EQ(done_time[1].str(), shares);
  EXPECT_EQ(resumed_time[1].str(), shares);

  // Started once more: nothing new, nothing changes.
  const CliResult again = killed.Run(RunArgs());
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_TRUE(Dump(killed) == expected);
}

// risk.traffic_light.auto_acknowledge_after_s: the controller acknowledges its own reds during
// the run (two losses in a row turn it red; six hours later it is green again, the streak
// emptied), and a run killed half-way resumes to exactly the rows of an uninterrupted one,
// those acknowledgements included. (Probation off: only the acknowledgements end a red.)
TEST(RunCliTest, RedsAcknowledgedByTheControllerResumeToTheSameRows) {
  const std::map<std::string, std::string> env = {
      {"PULSE_SIGNAL__GATES__MIN_CONFIDENCE", "0.6"},
      {"PULSE_RISK__TRAFFIC_LIGHT__RED_CONSECUTIVE_LOSSES", "2"},
      {"PULSE_RISK__TRAFFIC_LIGHT__PROBATION", "false"},
      {"PULSE_RISK__TRAFFIC_LIGHT__AUTO_ACKNOWLEDGE_AFTER_S", "21600"}};
  CliRunner whole;
  const CliResult done = whole.Run(RunArgs(), env);
  ASSERT_EQ(done.exit_code, 0) << done.err;
  const Rows states = whole.Query(
      "SELECT changed_at, state, reasons LIKE '[{\"rule\":\"acknowledged_red\"%' FROM "
      "controller_status ORDER BY id");
  const std::int64_t middle = 1608595200;  // 2020-12-22T00:00:00Z, half-way
  int acknowledged = 0, late = 0;
  for (std::size_t i = 1; i < states.size(); ++i) {
    if (states[i][2] != "1") continue;
    ++acknowledged;
    EXPECT_EQ(states[i][1], "green");
    EXPECT_EQ(states[i - 1][1], "red");
    EXPECT_EQ(std::stoll(states[i][0]) - std::stoll(states[i - 1][0]), 21600 * 1'000'000'000LL);
    if (std::stoll(states[i][0]) / 1'000'000'000 > middle) ++late;
  }
  EXPECT_GE(acknowledged, 3);
  EXPECT_GE(late, 1);
  // Every red was acknowledged (none held until the end of the data).
  EXPECT_EQ(Count(whole, "SELECT COUNT(*) FROM controller_status WHERE state = 'red'"),
            acknowledged);

  ASSERT_NO_FATAL_FAILURE(ExpectTheSameRowsAfterAKill(whole, env));

  // A run that ends red: `pulse control status` says when the controller acknowledges it, or,
  // with the setting off, how a person clears it.
  CliRunner red;
  const std::string first_red = RunToTheFirstRed(whole, red, env);
  const CliResult status = red.Run({"control", "status"}, env);
  ASSERT_EQ(status.exit_code, 0) << status.err;
  EXPECT_NE(status.out.find("controller: red since"), std::string::npos) << status.out;
  EXPECT_NE(status.out.find(fmt::format(
                "  if still red at {}, the controller acknowledges it "
                "(risk.traffic_light.auto_acknowledge_after_s 21600)\n",
                red.Query(fmt::format("SELECT strftime('%Y-%m-%dT%H:%M:%SZ', {} / 1e9 + 21600, "
                                      "'unixepoch')",
                                      first_red))[0][0])),
            std::string::npos)
      << status.out;
  const CliResult manual = red.Run({"control", "status"});
  EXPECT_NE(manual.out.find("  to clear it: pulse control resume --acknowledge-red (or set "
                            "risk.traffic_light.auto_acknowledge_after_s)\n"),
            std::string::npos)
      << manual.out;
}

// risk.traffic_light.probation (on by default): a red set by a losing streak clears when a
// signal it denied would have won. Each change out of red names how many of the window's
// outcomes are denied signals' shadows, as counted independently from the stored signals; a
// run killed half-way resumes to the same rows; `pulse control status` on a red says how it
// clears.
TEST(RunCliTest, RedsClearedOnProbationResumeToTheSameRows) {
  const std::map<std::string, std::string> env = {{"PULSE_SIGNAL__GATES__MIN_CONFIDENCE", "0.55"},
                                                  {"PULSE_SIGNAL__GATES__VOLUME", "false"}};
  CliRunner whole;
  const CliResult done = whole.Run(RunArgs(), env);
  ASSERT_EQ(done.exit_code, 0) << done.err;
  const Rows states = whole.Query(
      "SELECT changed_at, state, json_extract(reasons, '$[0].rule'), "
      "json_extract(reasons, '$[0].value') FROM controller_status ORDER BY id");
  int cleared = 0;
  for (std::size_t i = 1; i < states.size(); ++i) {
    if (states[i - 1][1] != "red" || states[i][1] == "red") continue;
    ASSERT_EQ(states[i][2], "probation") << states[i][0];
    ++cleared;
    if (cleared > 1) continue;
    // The first red's window: the shadows of the signals denied since it began that had
    // resolved when it cleared (fewer than the window's 50).
    const std::int64_t denied =
        Count(whole, fmt::format("SELECT COUNT(*) FROM signals s JOIN signal_results r ON "
                                 "r.signal_id = s.id WHERE s.status = 'rejected' AND s.gate_checks "
                                 "LIKE '%\"reason\":\"red light: %' AND s.created_at >= {} AND "
                                 "r.exit_timestamp <= {} AND r.outcome <> 'open'",
                                 states[i - 1][0], states[i][0]));
    EXPECT_GT(denied, 0);
    EXPECT_EQ(std::to_string(denied) + ".0", states[i][3]);
  }
  EXPECT_GE(cleared, 2);

  // A red light's denials are stored under its own names (risk:red_light:<rule>), never under
  // a breaker's, and no signal names one check twice.
  const std::string failed_checks =
      "FROM signals s, json_each(s.gate_checks) c WHERE json_extract(c.value, '$.passed') = 0 ";
  EXPECT_GT(Count(whole, "SELECT COUNT(*) " + failed_checks +
                             "AND json_extract(c.value, '$.gate') LIKE 'risk:red_light:%'"),
            0);
  EXPECT_EQ(Count(whole, "SELECT COUNT(*) " + failed_checks +
                             "AND (json_extract(c.value, '$.reason') LIKE 'red light: %') <> "
                             "(json_extract(c.value, '$.gate') LIKE 'risk:red_light:%')"),
            0);
  EXPECT_EQ(Count(whole,
                  "SELECT COUNT(*) FROM (SELECT s.id, json_extract(c.value, '$.gate') AS gate "
                  "FROM signals s, json_each(s.gate_checks) c GROUP BY s.id, gate "
                  "HAVING COUNT(*) > 1)"),
            0);

  ASSERT_NO_FATAL_FAILURE(ExpectTheSameRowsAfterAKill(whole, env));

  CliRunner red;
  RunToTheFirstRed(whole, red, env);
  const CliResult status = red.Run({"control", "status"}, env);
  ASSERT_EQ(status.exit_code, 0) << status.err;
  EXPECT_NE(status.out.find("controller: red since"), std::string::npos) << status.out;
  EXPECT_NE(status.out.find("  on probation: the shadows of the signals it denies join the win "
                            "rate and the losing streak as they resolve, so it clears once those "
                            "signals would have won again (risk.traffic_light.probation)\n"),
            std::string::npos)
      << status.out;
}

// The symbols are processed in symbol order, whatever the order of --data: the same rows (ids
// included), and a restart naming the files in another order is the same run.
TEST(RunCliTest, TheOrderOfTheFilesDoesNotMatter) {
  CliRunner forward;
  ASSERT_EQ(forward.Run(RunArgs()).exit_code, 0);
  CliRunner backward;
  const std::vector<std::string> reversed = {"run",        "--data", kEth,         "--data",
                                             kBtc,         "--to",   "2021-01-12", "--exit-at-end",
                                             "--progress", "off"};
  const CliResult r = backward.Run(reversed);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::map<std::string, Rows> expected = Dump(forward);
  EXPECT_TRUE(Dump(backward) == expected) << FirstDifference(expected, Dump(backward));
  const CliResult again = backward.Run(RunArgs());
  EXPECT_EQ(again.exit_code, 0) << again.err;
  EXPECT_TRUE(Dump(backward) == expected) << FirstDifference(expected, Dump(backward));
}

TEST(RunCliTest, TheOhlcvTableGivesTheSameRunAsTheFiles) {
  const std::vector<std::string> window = {"--to", "2020-12-20"};
  CliRunner files;
  std::vector<std::string> args = RunArgs();
  args[6] = "2020-12-20";
  ASSERT_EQ(files.Run(args).exit_code, 0);

  CliRunner table;
  for (const std::string& f : {kBtc, kEth}) {
    const std::string symbol = f == kBtc ? "BTCUSDT" : "ETHUSDT";
    const CliResult imported =
        table.Run({"data", "import", f, "--symbol", symbol, "--timeframe", "5m"});
    ASSERT_EQ(imported.exit_code, 0) << imported.err;
  }
  const CliResult run =
      table.Run({"run", "--to", "2020-12-20", "--exit-at-end", "--progress", "off"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  std::map<std::string, Rows> from_table = Dump(table);
  from_table.erase("ohlcv");
  std::map<std::string, Rows> from_files = Dump(files);
  from_files.erase("ohlcv");
  EXPECT_TRUE(from_table == from_files) << FirstDifference(from_files, from_table);
  EXPECT_GT(Count(table, "SELECT COUNT(*) FROM signals"), 0);
}

TEST(RunCliTest, QueuedPauseIsAppliedAtTheFirstCloseAndShown) {
  CliRunner cli;
  const CliResult queued = cli.Run({"control", "pause", "--note", "FOMC at 19:00"});
  ASSERT_EQ(queued.exit_code, 0) << queued.err;
  EXPECT_NE(queued.out.find("pause queued"), std::string::npos) << queued.out;
  const CliResult pending = cli.Run({"control", "status"});
  ASSERT_EQ(pending.exit_code, 0) << pending.err;
  EXPECT_NE(pending.out.find("pending commands: 1"), std::string::npos) << pending.out;

  std::vector<std::string> args = RunArgs();
  args[6] = "2020-12-20";
  const CliResult run = cli.Run(args);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("controller commands applied         1\n"), std::string::npos) << run.out;
  // Applied at the first close: 2020-12-01T00:05:00Z.
  EXPECT_EQ(cli.Query("SELECT applied_close, run_name FROM controller_commands"),
            (Rows{{"1606781100000000000", "default"}}));
  const Rows states = cli.Query("SELECT state, reasons FROM controller_status ORDER BY id");
  ASSERT_EQ(states.size(), 2u);
  EXPECT_EQ(states[0][0], "green");
  EXPECT_EQ(states[1][0], "paused");
  EXPECT_NE(states[1][1].find("FOMC at 19:00"), std::string::npos) << states[1][1];
  // Paused: every signal the engine emitted was denied and is stored as rejected.
  EXPECT_EQ(Count(cli, "SELECT COUNT(*) FROM signals WHERE status <> 'rejected'"), 0);
  EXPECT_EQ(Count(cli, "SELECT COUNT(*) FROM trades"), 0);
  const CliResult status = cli.Run({"control", "status"});
  EXPECT_NE(status.out.find("controller: paused"), std::string::npos) << status.out;
  EXPECT_NE(status.out.find("pending commands: 0"), std::string::npos) << status.out;
}

// The light forecast a run ends with is the one `pulse control status` and `pulse stats`
// rebuild from the store; the warnings it logged are counted in its summary.
TEST(RunCliTest, LightForecastOfTheRunIsTheOneRebuiltFromTheStore) {
  CliRunner cli;
  const std::map<std::string, std::string> env = {
      {"PULSE_SIGNAL__GATES__MIN_CONFIDENCE", "0.55"},
      {"PULSE_SIGNAL__GATES__VOLUME", "false"},
      {"PULSE_RISK__FORECAST__WARN_PROBABILITY", "0.3"}};
  const CliResult run = cli.Run(RunArgs(), env);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  auto line = [](const std::string& out) {
    const std::size_t at = out.find("Light forecast over the next 10 trades: ");
    return at == std::string::npos ? std::string() : out.substr(at, out.find('\n', at) - at);
  };
  const std::string live = line(run.out);
  ASSERT_FALSE(live.empty()) << run.out;
  EXPECT_EQ(live.find("from 0 resolved"), std::string::npos) << live;  // trades resolved
  // The account against its signals in total, then the positions furthest apart (of as many).
  const std::size_t total_at = run.out.find("paper vs its signals (");
  ASSERT_NE(total_at, std::string::npos) << run.out;
  const int positions = std::stoi(run.out.substr(total_at + 22));
  ASSERT_GT(positions, 0) << run.out;
  EXPECT_NE(run.out.find(fmt::format("paper positions furthest from their signals ({} of {}):",
                                     std::min(positions, 5), positions)),
            std::string::npos)
      << run.out;

  const CliResult status = cli.Run({"control", "status"}, env);
  ASSERT_EQ(status.exit_code, 0) << status.err;
  EXPECT_EQ(line(status.out), live) << status.out;
  const CliResult stats = cli.Run({"stats", "--run", "default"}, env);
  ASSERT_EQ(stats.exit_code, 0) << stats.err;
  EXPECT_EQ(line(stats.out), live) << stats.out;

  // Every warning is logged with its probability, and counted.
  const std::string warnings = TableValue(run.out, "light forecast warnings");
  ASSERT_FALSE(warnings.empty()) << run.out;
  std::size_t logged = 0;
  for (std::size_t at = run.err.find("forecast: P(red within the next 10 trades)");
       at != std::string::npos;
       at = run.err.find("forecast: P(red within the next 10 trades)", at + 1)) {
    ++logged;
  }
  EXPECT_GT(logged, 0u) << run.err;
  EXPECT_EQ(std::to_string(logged), warnings) << run.err;

  const CliResult bad = cli.Run({"control", "status"}, {{"PULSE_RISK__FORECAST__HORIZON", "0"}});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("risk.forecast.horizon"), std::string::npos) << bad.err;
}

// A seeded random walk of 5m bars as CSV.
std::string SyntheticCandles(int bars, double bump_at_close = -1) {
  std::string csv = "timestamp_ms,open,high,low,close,volume\n";
  double price = 100;
  std::uint64_t state = 42;
  for (int i = 0; i < bars; ++i) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    const double step = (static_cast<double>(state >> 11) / 9007199254740992.0 - 0.5) * 0.01;
    const double open = price;
    price *= 1 + step;
    double close = price;
    if (i == static_cast<int>(bump_at_close)) close *= 1.001;
    const double high = std::max(open, close) * 1.001;
    const double low = std::min(open, close) * 0.999;
    csv += std::to_string(1'700'000'100'000LL + i * 300'000LL) + "," + std::to_string(open) + "," +
           std::to_string(high) + "," + std::to_string(low) + "," + std::to_string(close) +
           ",1000\n";
  }
  return csv;
}

TEST(RunCliTest, RefusesARestartOnOtherSettingsOrOtherBars) {
  CliRunner cli;
  const std::string file = cli.WriteFile("XYZUSDT-5m.csv", SyntheticCandles(600));
  const std::vector<std::string> args = {"run",           "--data",     file,
                                         "--exit-at-end", "--progress", "off"};
  const CliResult first = cli.Run(args);
  ASSERT_EQ(first.exit_code, 0) << first.err;
  const std::map<std::string, Rows> before = Dump(cli);

  const CliResult other_fee = cli.Run(args, {{"PULSE_PAPER__TAKER_FEE", "0.002"}});
  EXPECT_EQ(other_fee.exit_code, 2);
  EXPECT_NE(other_fee.err.find("started with other settings"), std::string::npos) << other_fee.err;
  // A setting added after runs were first stored counts once it is on.
  const CliResult per_symbol =
      cli.Run(args, {{"PULSE_RISK__CIRCUIT_BREAKERS__CONSECUTIVE_LOSSES__PER_SYMBOL", "true"}});
  EXPECT_EQ(per_symbol.exit_code, 2);
  EXPECT_NE(per_symbol.err.find("started with other settings"), std::string::npos)
      << per_symbol.err;
  const CliResult still_off =
      cli.Run(args, {{"PULSE_RISK__CIRCUIT_BREAKERS__CONSECUTIVE_LOSSES__PER_SYMBOL", "false"}});
  EXPECT_EQ(still_off.exit_code, 0) << still_off.err;

  cli.WriteFile("XYZUSDT-5m.csv", SyntheticCandles(600, 300));
  const CliResult other_bars = cli.Run(args);
  EXPECT_EQ(other_bars.exit_code, 2);
  EXPECT_NE(other_bars.err.find("the data differs"), std::string::npos) << other_bars.err;
  EXPECT_TRUE(Dump(cli) == before) << FirstDifference(before, Dump(cli));

  // Another name starts another run on the same store.
  const CliResult named =
      cli.Run({"run", "--data", file, "--name", "second", "--exit-at-end", "--progress", "off"});
  EXPECT_EQ(named.exit_code, 0) << named.err;
  EXPECT_EQ(Count(cli, "SELECT COUNT(*) FROM pipeline_runs"), 2);
}

// With --from, the days before it warm the features up: the engine makes its first candidate
// sooner (it only waits for its own short windows) and the warm-up bars are not traded.
TEST(RunCliTest, WarmsTheFeaturesUpOnTheDaysBeforeFrom) {
  const std::vector<std::string> args = {"run",        "--data", kBtc,         "--from",
                                         "2021-01-01", "--to",   "2021-01-05", "--exit-at-end",
                                         "--progress", "off"};
  auto first_candidate = [&](const std::string& days, std::int64_t* closes) {
    CliRunner cli;
    const CliResult run = cli.Run(args, {{"PULSE_FEATURES__WARM_UP_DAYS", days}});
    EXPECT_EQ(run.exit_code, 0) << run.err;
    *closes = Count(cli, "SELECT bar_closes FROM pipeline_runs");
    EXPECT_EQ(Count(cli, "SELECT COUNT(*) FROM signals WHERE created_at <= 1609459200000000000"),
              0);  // nothing before 2021-01-01T00:00:00Z
    return Count(cli, "SELECT MIN(created_at) FROM signals");
  };
  std::int64_t warm_closes = 0, cold_closes = 0;
  const std::int64_t warm = first_candidate("30", &warm_closes);
  const std::int64_t cold = first_candidate("0", &cold_closes);
  EXPECT_EQ(warm_closes, 4 * 288);  // the traded closes only, in both
  EXPECT_EQ(cold_closes, 4 * 288);
  EXPECT_LT(warm, cold);
}

// 3650 warm-up days before 1678-01-01 lie before the earliest time a UnixNanos can hold: the
// warm-up starts at the earliest time instead of wrapping around, and every bar up to --to is
// traded (as in `backtest`).
TEST(RunCliTest, AFromNearTheEarliestTimeDoesNotWrapTheWarmUpAround) {
  CliRunner cli;
  const CliResult run = cli.Run({"run", "--data", kBtc, "--from", "1678-01-01", "--to",
                                 "2020-12-03", "--exit-at-end", "--progress", "off"},
                                {{"PULSE_FEATURES__WARM_UP_DAYS", "3650"}});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(Count(cli, "SELECT bar_closes FROM pipeline_runs"), 2 * 288);
  EXPECT_EQ(Count(cli, "SELECT first_close FROM pipeline_runs"), 1606781100000000000);
}

// Trade prints between the bar closes: a print through a tracked signal's stop closes it at the
// print's time and price, not at the next bar close; the bundled real prints are replayed; a
// run with prints killed half-way resumes to the rows of an uninterrupted one.
TEST(RunCliTest, TradePrintsResolveSignalsBetweenBarCloses) {
  CliRunner bars_only;
  ASSERT_EQ(bars_only.Run(RunArgs()).exit_code, 0);
  // The first signal stopped out at least three bars after it was made.
  const Rows chosen = bars_only.Query(
      "SELECT s.id, s.symbol, s.direction, s.created_at, s.stop_loss, r.exit_timestamp "
      "FROM signals s JOIN signal_results r ON r.signal_id = s.id "
      "WHERE r.exit_reason = 'stop_loss' AND r.exit_timestamp - s.created_at >= 900000000000 "
      "ORDER BY s.id LIMIT 1");
  ASSERT_EQ(chosen.size(), 1u);
  const std::string id = chosen[0][0];
  const std::string symbol = chosen[0][1];
  const bool is_long = chosen[0][2] == "long";
  const std::int64_t created = std::stoll(chosen[0][3]);
  const double stop = std::stod(chosen[0][4]);
  // Two and a half minutes after the signal, a print 0.1 % through its stop.
  const std::int64_t print_ms = created / 1000000 + 150000;
  const double price = is_long ? stop * 0.999 : stop * 1.001;
  ASSERT_LT(print_ms * 1000000, std::stoll(chosen[0][5]));

  // One print at `ms` in a trade file with a header.
  auto one_print = [&](std::int64_t ms) {
    return fmt::format("timestamp,price,quantity\n{},{:.17g},0.5\n", ms, price);
  };
  // The run over that file and the bundled real prints.
  auto args_with = [&](const std::string& prints) {
    return RunArgs(
        {"--trades", symbol + "=" + prints, "--trades",
         "BTCUSDT=" + CliRunner::SourceDir() + "/data/sample/BTCUSDT-trades-2021-01-08.csv.gz"});
  };
  CliRunner with_prints;
  const CliResult run =
      with_prints.Run(args_with(with_prints.WriteFile("prints.csv", one_print(print_ms))));
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(TableValue(run.out, "trade prints"), "2002") << run.out;
  const Rows exit = with_prints.Query(
      "SELECT exit_timestamp, exit_price, exit_reason FROM signal_results WHERE signal_id = " + id);
  ASSERT_EQ(exit.size(), 1u);
  EXPECT_EQ(std::stoll(exit[0][0]), print_ms * 1000000);
  EXPECT_NEAR(std::stod(exit[0][1]), price, price * 1e-12);
  EXPECT_EQ(exit[0][2], "stop_loss");
  const std::map<std::string, Rows> expected = Dump(with_prints);

  CliRunner killed;
  const std::vector<std::string> killed_args =
      args_with(killed.WriteFile("prints.csv", one_print(print_ms)));
  const std::int64_t closes = Count(with_prints, "SELECT bar_closes FROM pipeline_runs");
  ASSERT_NO_FATAL_FAILURE(KillHalfway(killed, killed_args, closes));
  const CliResult resumed = killed.Run(killed_args);
  ASSERT_EQ(resumed.exit_code, 0) << resumed.err;
  const std::map<std::string, Rows> got = Dump(killed);
  EXPECT_TRUE(got == expected) << FirstDifference(expected, got);

  // Other prints on the same run are other data: refused.
  killed.WriteFile("prints.csv", one_print(print_ms + 1000));
  const CliResult other = killed.Run(killed_args);
  EXPECT_EQ(other.exit_code, 2);
  EXPECT_NE(other.err.find("the data differs"), std::string::npos) << other.err;
}

TEST(RunCliTest, RefusesBadTradeFiles) {
  CliRunner cli;
  const std::string unordered =
      cli.WriteFile("BTCUSDT-trades.csv", "timestamp,price\n1606780800000,1\n1606780799000,1\n");
  const CliResult bad = cli.Run(RunArgs({"--trades", unordered}));
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("BTCUSDT-trades.csv: line 3: trade at 2020-11-30T23:59:59Z is earlier"),
            std::string::npos)
      << bad.err;
  const std::string sol = cli.WriteFile("SOLUSDT-trades.csv", "timestamp,price\n1606780800000,1\n");
  const CliResult other_symbol = cli.Run(RunArgs({"--trades", sol}));
  EXPECT_EQ(other_symbol.exit_code, 2);
  EXPECT_NE(other_symbol.err.find("trades of SOLUSDT but the run has no bars of SOLUSDT"),
            std::string::npos)
      << other_symbol.err;
  const CliResult missing = cli.Run(RunArgs({"--trades", "BTCUSDT=nope.csv"}));
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("nope.csv"), std::string::npos) << missing.err;
  EXPECT_EQ(Count(cli, "SELECT COUNT(*) FROM signals"), 0);
}

TEST(RunCliTest, RefusesBadInput) {
  CliRunner cli;
  const CliResult empty = cli.Run({"run", "--exit-at-end", "--progress", "off"});
  EXPECT_EQ(empty.exit_code, 2);
  EXPECT_NE(empty.err.find("the ohlcv table has no 5m bars on binance"), std::string::npos)
      << empty.err;
  const CliResult bad_time =
      cli.Run({"run", "--data", kBtc, "--from", "yesterday", "--exit-at-end"});
  EXPECT_EQ(bad_time.exit_code, 2);
  EXPECT_NE(bad_time.err.find("run.from 'yesterday'"), std::string::npos) << bad_time.err;
  const CliResult reversed = cli.Run(
      {"run", "--data", kBtc, "--from", "2021-03-01", "--to", "2021-02-01", "--exit-at-end"});
  EXPECT_EQ(reversed.exit_code, 2);
  EXPECT_EQ(reversed.err,
            "error: run.from 2021-03-01T00:00:00Z is not before run.to 2021-02-01T00:00:00Z\n");
  const CliResult after = cli.Run({"run", "--data", kBtc, "--from", "2030-01-01", "--exit-at-end"});
  EXPECT_EQ(after.exit_code, 2);
  EXPECT_EQ(after.err,
            "error: no bars from 2030-01-01T00:00:00Z on (the data spans 2020-12-01T00:00:00Z .. "
            "2021-07-17T21:05:00Z)\n");
  const CliResult missing = cli.Run({"run", "--data", "nope-5m.csv", "--exit-at-end"});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("nope-5m.csv"), std::string::npos) << missing.err;
  EXPECT_EQ(Count(cli, "SELECT COUNT(*) FROM pipeline_runs"), 0);
}

}  // namespace
}  // namespace pulse::testing
