// Finer bars (--detail) through the real binary: over a month of real 1m bars and the 5m bars
// `pulse data resample` makes of them, every stored outcome whose 5m exit bar touched both the
// stop-loss and the take-profit is checked against the 1m bars themselves (read here with zlib,
// independently of Pulse's readers): the first 1m bar that reaches one level decides, at that
// bar's close; a 1m bar that reaches both leaves it to the policy. `pulse backtest --detail`
// reports the same, a run refuses other finer bars on restart, and bad --detail input is
// refused naming the file.
#include <zlib.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <sstream>

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "e2e/cli_runner.h"

namespace pulse::testing {
namespace {

using Rows = std::vector<std::vector<std::string>>;

constexpr std::int64_t kMinuteNs = 60'000'000'000;
constexpr std::int64_t kFiveMinutesNs = 5 * kMinuteNs;

const std::string kMinuteFile = CliRunner::SourceDir() + "/data/sample/BTCPERP-1m.csv.gz";

struct MinuteBar {
  double high = 0;
  double low = 0;
};

// The 1m bars by open time (ns), read from the gzip file with zlib.
std::map<std::int64_t, MinuteBar> ReadMinuteBars(const std::string& path) {
  std::map<std::int64_t, MinuteBar> bars;
  gzFile file = gzopen(path.c_str(), "rb");
  if (file == nullptr) return bars;
  std::string text;
  char buffer[1 << 16];
  for (int n; (n = gzread(file, buffer, sizeof(buffer))) > 0;) text.append(buffer, n);
  gzclose(file);
  std::istringstream lines(text);
  std::string line;
  std::getline(lines, line);  // header: timestamp_ms,open,high,low,close,volume
  while (std::getline(lines, line)) {
    const std::vector<std::string> cells = SplitCsvLine(line);
    if (cells.size() < 6) continue;
    bars[std::stoll(cells[0]) * 1'000'000] = {std::stod(cells[2]), std::stod(cells[3])};
  }
  return bars;
}

// Stops close to the entry, so that many 5m bars touch both levels.
const std::map<std::string, std::string> kTightLevels = {
    {"PULSE_SIGNAL__LEVELS__ATR_MULTIPLE", "0.3"}};

// Writes the 5m bars of the bundled 1m file into `cli`'s directory; returns the path.
std::string ResampleToFiveMinutes(const CliRunner& cli) {
  const std::string out = cli.dir() + "/BTCPERP-5m.csv";
  const CliResult r = cli.Run({"data", "resample", kMinuteFile, "--to", "5m", "--out", out});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return out;
}

std::vector<std::string> RunArgs(const std::string& five, bool detail) {
  std::vector<std::string> args = {"run", "--data", five, "--exit-at-end", "--progress", "off"};
  if (detail) args.insert(args.end(), {"--detail", kMinuteFile});
  return args;
}

// The outcomes decided by a bar that touched both levels, by signal id: resolution, reason,
// exit time, exit price, direction, stop-loss, take-profit.
Rows BothHit(const CliRunner& cli) {
  return cli.Query(
      "SELECT s.id, r.exit_resolution, r.exit_reason, r.exit_timestamp, r.exit_price, "
      "s.direction, s.stop_loss, s.take_profit FROM signals s JOIN signal_results r ON "
      "r.signal_id = s.id WHERE r.exit_resolution <> '' ORDER BY s.id");
}

TEST(DetailCliTest, TheFirstFinerBarToReachALevelDecides) {
  const std::map<std::int64_t, MinuteBar> minutes = ReadMinuteBars(kMinuteFile);
  ASSERT_EQ(minutes.size(), 45031u);

  CliRunner policy;
  const std::string five = ResampleToFiveMinutes(policy);
  const CliResult plain = policy.Run(RunArgs(five, false), kTightLevels);
  ASSERT_EQ(plain.exit_code, 0) << plain.err;
  const Rows by_policy = BothHit(policy);
  ASSERT_GE(by_policy.size(), 50u);  // the tight stops make many
  for (const auto& row : by_policy) ASSERT_EQ(row[1], "stop_loss_first") << row[0];

  CliRunner finer;
  const CliResult detailed = finer.Run(RunArgs(ResampleToFiveMinutes(finer), true), kTightLevels);
  ASSERT_EQ(detailed.exit_code, 0) << detailed.err;
  const Rows by_minutes = BothHit(finer);
  // The same signals touched both levels in one 5m bar (same ids: the signals do not depend on
  // how their outcomes are decided).
  ASSERT_EQ(by_minutes.size(), by_policy.size());
  int lower = 0, take_profits = 0, still_both = 0;
  for (std::size_t i = 0; i < by_minutes.size(); ++i) {
    const auto& row = by_minutes[i];
    SCOPED_TRACE("signal " + row[0]);
    ASSERT_EQ(row[0], by_policy[i][0]);
    const std::int64_t exit = std::stoll(row[3]);
    const bool is_long = row[5] == "long";
    const double stop = std::stod(row[6]), target = std::stod(row[7]);
    // The 1m bars of the 5m bar of the exit, in order, up to the first that reaches a level.
    const std::int64_t exit_minute = exit - kMinuteNs;
    const std::int64_t bar_start = exit_minute - (exit_minute % kFiveMinutesNs);
    std::optional<std::int64_t> first;
    bool reaches_stop = false, reaches_target = false;
    for (std::int64_t t = bar_start; t < bar_start + kFiveMinutesNs; t += kMinuteNs) {
      const auto it = minutes.find(t);
      ASSERT_NE(it, minutes.end());
      reaches_stop = is_long ? it->second.low <= stop : it->second.high >= stop;
      reaches_target = is_long ? it->second.high >= target : it->second.low <= target;
      if (reaches_stop || reaches_target) {
        first = t;
        break;
      }
    }
    ASSERT_TRUE(first.has_value());
    // Exits at the close of that 1m bar.
    EXPECT_EQ(exit, *first + kMinuteNs);
    if (reaches_stop && reaches_target) {
      ++still_both;
      EXPECT_EQ(row[1], "stop_loss_first");
      EXPECT_EQ(row[2], "stop_loss");
      continue;
    }
    ++lower;
    EXPECT_EQ(row[1], "lower_timeframe");
    EXPECT_EQ(row[2], reaches_stop ? "stop_loss" : "take_profit");
    if (!reaches_stop) ++take_profits;
  }
  // Most are told apart by the 1m bars, and some of those the policy had counted as losses
  // are take-profits.
  EXPECT_GT(lower, static_cast<int>(by_minutes.size()) / 2);
  EXPECT_GT(take_profits, 0);
  EXPECT_GT(still_both, 0);

  // The finer bars are part of the run's data: a restart with other finer bars is refused.
  const std::string shifted = finer.WriteFile("BTCPERP-1m.csv", [&] {
    std::string csv = "timestamp_ms,open,high,low,close,volume\n";
    for (const auto& [t, bar] : minutes) {
      csv += fmt::format("{},{},{},{},{},1\n", t / 1'000'000, bar.low, bar.high * 1.001, bar.low,
                         bar.low);
    }
    return csv;
  }());
  std::vector<std::string> other = RunArgs(five, false);
  other.insert(other.end(), {"--detail", shifted});
  const CliResult refused = finer.Run(other, kTightLevels);
  EXPECT_EQ(refused.exit_code, 2) << refused.err;
  EXPECT_NE(refused.err.find("the data differs"), std::string::npos) << refused.err;
}

// Finer bars stored in the ohlcv table (run.detail_timeframe) give the same run as the files.
TEST(DetailCliTest, TheOhlcvTableGivesTheSameRunAsTheFiles) {
  CliRunner files;
  const std::string five = ResampleToFiveMinutes(files);
  ASSERT_EQ(files.Run(RunArgs(five, true), kTightLevels).exit_code, 0);

  CliRunner table;
  const std::string table_five = ResampleToFiveMinutes(table);
  for (const auto& [file, timeframe] :
       {std::pair{kMinuteFile, std::string("1m")}, std::pair{table_five, std::string("5m")}}) {
    const CliResult imported =
        table.Run({"data", "import", file, "--symbol", "BTCPERP", "--timeframe", timeframe});
    ASSERT_EQ(imported.exit_code, 0) << imported.err;
  }
  const CliResult run = table.Run(
      {"run", "--detail-timeframe", "1m", "--exit-at-end", "--progress", "off"}, kTightLevels);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  for (const char* sql :
       {"SELECT * FROM signals ORDER BY id", "SELECT * FROM signal_results ORDER BY id",
        "SELECT * FROM pipeline_runs"}) {
    EXPECT_EQ(table.Query(sql), files.Query(sql)) << sql;
  }
  EXPECT_GT(std::stoll(table.Query("SELECT COUNT(*) FROM signal_results WHERE exit_resolution = "
                                   "'lower_timeframe'")[0][0]),
            0);

  // Refused: with candle files, not finer, not stored, both kinds at once.
  auto refused = [&](const std::vector<std::string>& args, const std::string& expected) {
    std::vector<std::string> all = {"run", "--exit-at-end", "--progress", "off", "--name", "x"};
    all.insert(all.end(), args.begin(), args.end());
    const CliResult r = table.Run(all);
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_NE(r.err.find(expected), std::string::npos) << r.err;
  };
  refused({"--data", table_five, "--detail-timeframe", "1m"},
          "run.detail_timeframe reads finer bars from the ohlcv table, but the run reads candle "
          "files");
  refused({"--detail-timeframe", "5m"}, "5m bars cannot decide inside 5m bars");
  refused({"--detail-timeframe", "3m"}, "3m bars cannot decide inside 5m bars");
  refused({"--detail-timeframe", "1m", "--detail", kMinuteFile}, "set one of them");
  refused({"--detail-timeframe", "7m"}, "run.detail_timeframe");
  // A symbol with 5m bars and no 1m bars.
  ASSERT_EQ(table.Run({"data", "import", table_five, "--symbol", "ETHPERP", "--timeframe", "5m"})
                .exit_code,
            0);
  refused({"--detail-timeframe", "1m"},
          "the ohlcv table has no 1m bars of ETHPERP on binance in the run's range");
}

// `pulse backtest --detail` decides the same way: its report counts the outcomes by resolution.
TEST(DetailCliTest, BacktestReportsTheFinerBarDecisions) {
  CliRunner cli;
  const std::string five = ResampleToFiveMinutes(cli);
  auto resolutions = [&](bool detail) {
    std::vector<std::string> args = {"backtest", "--data",     five, "--format",
                                     "json",     "--progress", "off"};
    if (detail) args.insert(args.end(), {"--detail", kMinuteFile});
    const CliResult r = cli.Run(args, kTightLevels);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return r.out;
  };
  const nlohmann::json without = nlohmann::json::parse(resolutions(false));
  const nlohmann::json with = nlohmann::json::parse(resolutions(true));
  const nlohmann::json& policy = without["signals"];
  const nlohmann::json& finer = with["signals"];
  EXPECT_EQ(policy["both_levels_by_finer_bars"], 0);
  EXPECT_GE(policy["both_levels_by_policy"].get<int>(), 50);
  // The same bars, most of them now told apart by the 1m bars.
  EXPECT_EQ(
      finer["both_levels_by_finer_bars"].get<int>() + finer["both_levels_by_policy"].get<int>(),
      policy["both_levels_by_policy"].get<int>());
  EXPECT_GT(finer["both_levels_by_finer_bars"].get<int>(),
            finer["both_levels_by_policy"].get<int>());
  // The table says so too.
  std::vector<std::string> table = {"backtest",  "--data",     five, "--detail",
                                    kMinuteFile, "--progress", "off"};
  const CliResult text = cli.Run(table, kTightLevels);
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_NE(text.out.find(fmt::format("bars touching both levels: {} decided by the finer bars, "
                                      "{} by tracker.both_hit_policy",
                                      finer["both_levels_by_finer_bars"].get<int>(),
                                      finer["both_levels_by_policy"].get<int>())),
            std::string::npos)
      << text.out;
}

// `pulse signals generate --detail` follows its signals the same way: the CSV names how each
// bar touching both levels was decided.
TEST(DetailCliTest, SignalsGenerateFollowsWithTheFinerBars) {
  CliRunner cli;
  const std::string five = ResampleToFiveMinutes(cli);
  // How many rows of the CSV have each exit_resolution.
  auto resolutions = [&](bool detail) {
    const std::string out = cli.dir() + (detail ? "/detail.csv" : "/plain.csv");
    std::vector<std::string> args = {"signals", "generate", "--data",     five,
                                     "--out",   out,        "--progress", "off"};
    if (detail) args.insert(args.end(), {"--detail", kMinuteFile});
    const CliResult r = cli.Run(args, kTightLevels);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    const std::vector<std::vector<std::string>> rows = ParseCsv(ReadTextFile(out));
    std::map<std::string, int> counts;
    if (rows.empty()) return counts;
    const auto column = std::find(rows[0].begin(), rows[0].end(), "exit_resolution");
    EXPECT_NE(column, rows[0].end());
    if (column == rows[0].end()) return counts;
    const auto at = static_cast<std::size_t>(column - rows[0].begin());
    for (std::size_t i = 1; i < rows.size(); ++i) {
      if (rows[i].size() > at && !rows[i][at].empty()) ++counts[rows[i][at]];
    }
    return counts;
  };
  const std::map<std::string, int> plain = resolutions(false);
  const std::map<std::string, int> finer = resolutions(true);
  EXPECT_EQ(plain.count("lower_timeframe"), 0u);
  ASSERT_GT(plain.count("stop_loss_first"), 0u);
  ASSERT_GT(finer.count("lower_timeframe"), 0u);
  EXPECT_GT(finer.at("lower_timeframe"),
            finer.count("stop_loss_first") != 0 ? finer.at("stop_loss_first") : 0);
}

TEST(DetailCliTest, RefusesBadDetailInput) {
  CliRunner cli;
  const std::string five = ResampleToFiveMinutes(cli);
  auto backtest = [&](const std::vector<std::string>& detail) {
    std::vector<std::string> args = {"backtest", "--data", five, "--progress", "off"};
    for (const std::string& d : detail) args.insert(args.end(), {"--detail", d});
    return cli.Run(args);
  };
  // Bars of a symbol the backtest has no bars of.
  CliResult r = backtest({"ETHUSDT=" + kMinuteFile});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("finer bars of ETHUSDT but there are no 5m bars of ETHUSDT (symbols: "
                       "BTCPERP)"),
            std::string::npos)
      << r.err;
  // Not finer than the base timeframe.
  r = backtest({five});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("5m bars cannot decide inside 5m bars"), std::string::npos) << r.err;
  // Given twice.
  r = backtest({kMinuteFile, "BTCPERP=" + kMinuteFile});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("finer bars of BTCPERP are given twice"), std::string::npos) << r.err;
  // Out of time order.
  const std::string unordered =
      cli.WriteFile("BTCPERP-1m.csv",
                    "timestamp_ms,open,high,low,close,volume\n1641000000000,1,1,1,1,"
                    "1\n1640999940000,1,1,1,1,1\n");
  r = backtest({unordered});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find(unordered), std::string::npos) << r.err;
  // Missing.
  r = backtest({cli.dir() + "/missing-1m.csv"});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("missing-1m.csv"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace pulse::testing
