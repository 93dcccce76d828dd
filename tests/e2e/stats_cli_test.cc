// `pulse stats` and `pulse stats snapshots` through the real binary: trades recorded with
// `pulse signals add` / `pulse record entry|exit`, shadow outcomes, controller states and
// snapshots written with the sqlite3 library (as the pipeline stores them), and the report's
// figures, filters and refusals checked against values computed here.
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <ctime>
#include <filesystem>
#include <regex>
#include <set>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "e2e/cli_runner.h"

namespace pulse::testing {
namespace {

using nlohmann::json;

constexpr std::int64_t kSecond = 1'000'000'000;
constexpr std::int64_t kHour = 3600;
constexpr std::int64_t kDay = 24 * kHour;

std::string Iso(std::int64_t unix_s) {
  const std::time_t t = unix_s;
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

int HourOf(std::int64_t unix_s) {
  const std::time_t t = unix_s;
  std::tm tm{};
  gmtime_r(&t, &tm);
  return tm.tm_hour;
}

class StatsCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    now_ = std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
               .count();
    // A: BTCUSDT long 100 -> 104, size 2, source "tv": +4 %, +8.
    a_ = Trade({"--symbol", "BTCUSDT", "--direction", "long", "--entry", "100", "--stop", "95",
                "--take", "110", "--size", "2", "--confidence", "0.85", "--source", "tv"},
               "100", now_ - kDay - 2 * kHour, "104", now_ - kDay, "take_profit");
    // B: ETHUSDT short 200 -> 204 on 1h, size 1: -2 %, -4.
    b_ = Trade({"--symbol", "ETHUSDT", "--direction", "short", "--entry", "200", "--stop", "210",
                "--take", "180", "--size", "1", "--confidence", "0.65", "--timeframe", "1h"},
               "200", now_ - 5 * kDay - 3 * kHour, "204", now_ - 5 * kDay, "stop_loss");
    // C: BTCUSDT long 50 -> 50.05 without a size: +0.1 %, a breakeven.
    c_ = Trade({"--symbol", "BTCUSDT", "--direction", "long", "--entry", "50", "--stop", "45",
                "--take", "60", "--confidence", "0.75"},
               "50", now_ - 3 * kDay - kHour, "50.05", now_ - 3 * kDay, "manual");
    for (std::int64_t entry :
         {now_ - kDay - 2 * kHour, now_ - 5 * kDay - 3 * kHour, now_ - 3 * kDay - kHour}) {
      entry_hours_.insert(HourOf(entry));
    }
    // D: forty days ago, outside the default window.
    Trade({"--symbol", "SOLUSDT", "--direction", "long", "--entry", "20", "--stop", "19", "--take",
           "22", "--size", "5"},
          "20", now_ - 40 * kDay - kHour, "22", now_ - 40 * kDay, "take_profit");
    // An open position.
    const std::string open = Add({"--symbol", "XRPUSDT", "--direction", "long", "--entry", "0.5",
                                  "--stop", "0.45", "--take", "0.6"});
    ASSERT_EQ(cli_.Run({"record", "entry", open, "0.5", "--at", Iso(now_ - kHour)}).exit_code, 0);

    // Shadows: a BTCUSDT candidate the confidence gate stopped (+3 %) and an ETHUSDT signal the
    // controller denied for the daily loss (-1.5 %), both 1.5 days ago.
    Shadow("BTCUSDT",
           R"([{"gate":"confidence","value":0.6,"threshold":0.7,"passed":false,)"
           R"("reason":"confidence 0.60 < 0.70"}])",
           100, 103, 3.0, "win", now_ - 36 * kHour);
    Shadow("ETHUSDT",
           R"([{"gate":"confidence","value":0.8,"threshold":0.7,"passed":true,)"
           R"("reason":""},{"gate":"risk:daily_loss","value":0.05,)"
           R"("threshold":0.04,"passed":false,"reason":"daily loss 5% > 4%"}])",
           100, 98.5, -1.5, "loss", now_ - 36 * kHour);
    // The controller: green long ago, red four days ago, yellow yesterday.
    Exec("INSERT INTO controller_status (changed_at, state, previous_state, reasons) VALUES (" +
         Nanos(now_ - 60 * kDay) + ", 'green', NULL, '[]'), (" + Nanos(now_ - 4 * kDay) +
         ", 'red', 'green', '[{\"rule\":\"consecutive_losses\",\"value\":5,\"threshold\":5,"
         "\"text\":\"5 losses in a row\"}]'), (" +
         Nanos(now_ - kDay) +
         ", 'yellow', 'red', '[{\"rule\":\"win_rate\",\"value\":0.68,\"threshold\":0.7,"
         "\"text\":\"win rate 68% < 70%\"}]')");
  }

  static std::string Nanos(std::int64_t unix_s) { return std::to_string(unix_s * kSecond); }

  std::string Add(std::vector<std::string> flags) {
    flags.insert(flags.begin(), {"signals", "add"});
    CliResult r = cli_.Run(flags);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    const std::size_t pos = r.out.find("signal ");
    return r.out.substr(pos + 7, r.out.find(' ', pos + 7) - pos - 7);
  }

  std::string Trade(const std::vector<std::string>& flags, const std::string& entry,
                    std::int64_t entry_s, const std::string& exit, std::int64_t exit_s,
                    const std::string& reason) {
    const std::string id = Add(flags);
    EXPECT_EQ(cli_.Run({"record", "entry", id, entry, "--at", Iso(entry_s)}).exit_code, 0);
    CliResult r = cli_.Run({"record", "exit", id, exit, reason, "--at", Iso(exit_s)});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return id;
  }

  // Writes with the sqlite3 library, as another process sharing the store would.
  void Exec(const std::string& sql) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(cli_.db_path().c_str(), &db), SQLITE_OK);
    char* error = nullptr;
    const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error);
    EXPECT_EQ(rc, SQLITE_OK) << (error ? error : "") << "\n" << sql;
    sqlite3_free(error);
    sqlite3_close(db);
  }

  void Shadow(const std::string& symbol, const std::string& gate_checks, double entry, double exit,
              double pnl, const std::string& outcome, std::int64_t exit_s) {
    Exec(
        "INSERT INTO signals (symbol, exchange, timeframe, direction, entry_price, stop_loss, "
        "take_profit, confidence, size, source, source_kind, status, created_at, gate_checks) "
        "VALUES ('" +
        symbol + "', 'binance', '5m', 'long', " + std::to_string(entry) + ", 90, 110, 0.7, 1, " +
        "'ensemble', 'ensemble', 'rejected', " + Nanos(exit_s - kHour) + ", '" + gate_checks +
        "')");
    Exec(
        "INSERT INTO signal_results (signal_id, entry_price, entry_timestamp, exit_price, "
        "exit_timestamp, pnl_percent, pnl_usd, pnl_quote_total, outcome, exit_reason, "
        "hold_duration_minutes, created_at, updated_at) SELECT MAX(id), " +
        std::to_string(entry) + ", " + Nanos(exit_s - kHour) + ", " + std::to_string(exit) + ", " +
        Nanos(exit_s) + ", " + std::to_string(pnl) + ", " + std::to_string(exit - entry) + ", " +
        std::to_string(exit - entry) + ", '" + outcome + "', 'take_profit', 60, " + Nanos(exit_s) +
        ", " + Nanos(exit_s) + " FROM signals");
  }

  json StatsJson(std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {"stats", "--format", "json"};
    args.insert(args.end(), extra.begin(), extra.end());
    CliResult r = cli_.Run(args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return json::parse(r.out);
  }

  static std::vector<std::string> Labels(const json& groups) {
    std::vector<std::string> labels;
    for (const json& g : groups) labels.push_back(g["label"].get<std::string>());
    return labels;
  }

  void ExpectRefused(const std::vector<std::string>& args, const std::string& message) {
    CliResult r = cli_.Run(args);
    EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
    EXPECT_NE(r.err.find(message), std::string::npos) << "stderr: " << r.err;
  }

  CliRunner cli_;
  std::int64_t now_ = 0;
  std::string a_, b_, c_;
  std::set<int> entry_hours_;
};

TEST_F(StatsCliTest, FullReportOfTheLast30Days) {
  const json r = StatsJson();
  const json& t = r["trades"];
  EXPECT_EQ(t["count"], 3);
  EXPECT_EQ(t["wins"], 1);
  EXPECT_EQ(t["losses"], 1);
  EXPECT_EQ(t["breakevens"], 1);
  EXPECT_NEAR(t["win_rate_pct"].get<double>(), 100.0 / 3, 1e-9);
  EXPECT_NEAR(t["total_pnl_pct"].get<double>(), 4 - 2 + 0.1, 1e-9);
  EXPECT_NEAR(t["profit_factor"].get<double>(), 4.0 / 2.0, 1e-9);
  EXPECT_NEAR(t["total_pnl_quote"].get<double>(), 8 - 4, 1e-9);
  EXPECT_EQ(std::to_string(t["best_signal_id"].get<int>()), a_);
  EXPECT_EQ(std::to_string(t["worst_signal_id"].get<int>()), b_);
  EXPECT_EQ(r["total_trades"], 3);  // the summary earlier versions printed is still there
  // The rolling view (last 20 trades) holds those three and the older +10 % one too.
  EXPECT_EQ(r["last_trades"]["n"], 20);
  EXPECT_EQ(r["last_trades"]["trades"]["count"], 4);
  EXPECT_NEAR(r["last_trades"]["trades"]["total_pnl_pct"].get<double>(), 4 - 2 + 0.1 + 10, 1e-9);
  EXPECT_EQ(r["recent_trades"].size(), 3u);
  ASSERT_EQ(r["open_positions"].size(), 1u);
  EXPECT_EQ(r["open_positions"][0]["symbol"], "XRPUSDT");

  // 10000 of paper capital: 9996 after B, 10004 after A.
  const json& ret = r["returns"];
  EXPECT_EQ(ret["capital"], 10000.0);
  EXPECT_EQ(ret["trades"], 2);
  EXPECT_NEAR(ret["total_return"].get<double>(), 10004.0 / 10000 - 1, 1e-12);
  EXPECT_NEAR(ret["max_drawdown"].get<double>(), 9996.0 / 10000 - 1, 1e-12);
  EXPECT_GE(ret["days"].get<int>(), 30);
  // The Monte Carlo of the same two trades as returns on the account (B -4 on 10,000, then A
  // +8 on 9,996): B costs 0.04 % of the equity before it in either order, so every shuffled
  // path falls as deep; drawn again, B twice is the one loss in four and A twice the best.
  const json& mc = r["monte_carlo"];
  EXPECT_EQ(mc["trades"], 2);
  EXPECT_NEAR(mc["observed"]["return_pct"].get<double>(), 0.04, 1e-9);
  EXPECT_NEAR(mc["observed"]["max_drawdown_pct"].get<double>(), -0.04, 1e-9);
  EXPECT_NEAR(mc["shuffle"]["as_deep_pct"].get<double>(), 100, 1e-9);
  EXPECT_NEAR(mc["bootstrap"]["losing_money_pct"].get<double>(), 25,
              5 * 100 * std::sqrt(0.25 * 0.75 / 1000));
  EXPECT_NEAR(mc["bootstrap"]["return_pct"]["p95"].get<double>(),
              (std::pow(1 + 8.0 / 9996, 2) - 1) * 100, 1e-9);

  const json& cal = r["calibration"]["overall"];
  EXPECT_EQ(cal["count"], 3);
  EXPECT_NEAR(cal["brier"].get<double>(), (0.15 * 0.15 + 0.65 * 0.65 + 0.75 * 0.75) / 3, 1e-12);
  EXPECT_NEAR(cal["ece"].get<double>(), (0.15 + 0.65 + 0.75) / 3, 1e-12);

  const json& b = r["breakdowns"];
  EXPECT_EQ(Labels(b["symbol"]), (std::vector<std::string>{"BTCUSDT", "ETHUSDT"}));
  EXPECT_EQ(Labels(b["source"]), (std::vector<std::string>{"manual", "tv"}));
  EXPECT_EQ(Labels(b["timeframe"]), (std::vector<std::string>{"1h", "5m"}));
  EXPECT_EQ(Labels(b["exit_reason"]),
            (std::vector<std::string>{"manual", "stop_loss", "take_profit"}));
  std::vector<std::string> hours;
  for (int h : entry_hours_) hours.push_back(std::to_string(h));  // numeric order
  EXPECT_EQ(Labels(b["hour"]), hours);

  EXPECT_EQ(r["controller"]["latest"]["state"], "yellow");
  ASSERT_EQ(r["controller"]["history"].size(), 2u);
  EXPECT_EQ(r["controller"]["history"][0]["reasons"][0], "5 losses in a row");

  const json& s = r["shadows"];
  EXPECT_EQ(s["overall"]["count"], 2);
  ASSERT_EQ(s["by_gate"].size(), 2u);
  EXPECT_EQ(s["by_gate"][0]["gate"], "confidence");
  EXPECT_NEAR(s["by_gate"][0]["saved_pnl_pct"].get<double>(), -3.0, 1e-9);
  EXPECT_EQ(s["by_gate"][1]["gate"], "risk:daily_loss");
  EXPECT_NEAR(s["by_gate"][1]["saved_pnl_pct"].get<double>(), 1.5, 1e-9);
  EXPECT_NEAR(s["by_gate"][1]["total_pnl_quote"].get<double>(), -1.5, 1e-9);
}

TEST_F(StatsCliTest, Filters) {
  json r = StatsJson({"--symbol", "btc/usdt"});
  EXPECT_EQ(r["filters"]["symbols"], json::array({"BTCUSDT"}));
  EXPECT_EQ(r["trades"]["count"], 2);
  EXPECT_NEAR(r["trades"]["total_pnl_pct"].get<double>(), 4 + 0.1, 1e-9);
  EXPECT_EQ(r["shadows"]["overall"]["count"], 1);
  EXPECT_TRUE(r["open_positions"].empty());

  EXPECT_EQ(StatsJson({"--symbol", "BTCUSDT,ETHUSDT"})["trades"]["count"], 3);
  EXPECT_EQ(StatsJson({"--symbol", "BTCUSDT", "--symbol", "ETHUSDT"})["trades"]["count"], 3);

  r = StatsJson({"--source", "tv"});
  EXPECT_EQ(r["trades"]["count"], 1);
  EXPECT_EQ(std::to_string(r["trades"]["best_signal_id"].get<int>()), a_);
  EXPECT_EQ(r["shadows"]["overall"]["count"], 0);

  // Two days: A (a day ago) and the shadows (36 hours ago); the yellow light of yesterday.
  r = StatsJson({"--days", "2"});
  EXPECT_EQ(r["days"], 2);
  EXPECT_EQ(r["trades"]["count"], 1);
  EXPECT_EQ(r["shadows"]["overall"]["count"], 2);
  EXPECT_EQ(r["controller"]["history"].size(), 1u);

  // A symbol nobody traded: an empty report, not an error.
  r = StatsJson({"--symbol", "DOGEUSDT"});
  EXPECT_EQ(r["trades"]["count"], 0);
  EXPECT_EQ(r["total_trades"], 0);
  EXPECT_TRUE(r["breakdowns"]["symbol"].empty());
  // It names what the window holds, so a misspelt filter shows itself.
  EXPECT_EQ(r["filters"]["in_window"]["symbols"], json::array({"BTCUSDT", "ETHUSDT"}));
  EXPECT_TRUE(StatsJson({"--symbol", "BTCUSDT"})["filters"].count("in_window") == 0);
  CliResult typo = cli_.Run({"stats", "--source", "TV"});
  ASSERT_EQ(typo.exit_code, 0) << typo.err;
  EXPECT_NE(typo.out.find("No trade or candidate of these days matches the filters. Their "
                          "symbols: BTCUSDT, ETHUSDT; their sources: "),
            std::string::npos)
      << typo.out;
  EXPECT_NE(typo.out.find("tv"), std::string::npos) << typo.out;

  // A window after everything closed (an old or replayed store read as at a later time): the
  // report names when the newest trade or candidate closed (A, a day before now).
  const std::string later = Iso(now_ + 100 * kDay);
  r = StatsJson({"--at", later});
  EXPECT_EQ(r["trades"]["count"], 0);
  EXPECT_EQ(r["filters"]["newest_close"], Iso(now_ - kDay));
  CliResult text = cli_.Run({"stats", "--at", later});
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_NE(text.out.find("No trade or candidate closed in these days; the newest closed at " +
                          Iso(now_ - kDay) + "."),
            std::string::npos)
      << text.out;
}

TEST_F(StatsCliTest, TableShowsTheSections) {
  CliResult r = cli_.Run({"stats"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const char* expected :
       {"Performance over the 30 days to ", "win rate %", "33.33",
        "Daily returns on a capital of 10000.00 (2 trades with a quote P&L",
        "Calibration: ECE 0.5167, Brier 0.3358 (skill -0.511 against always the base rate) over 3 "
        "trades with a confidence",
        "By symbol", "By source", "By hour", "Controller: yellow since", "win rate 68% < 70%",
        "Shadow outcomes: 2 rejected or denied candidates closed", "risk:daily_loss",
        "Open positions (1)", "Recent trades (3)",
        "Monte Carlo of the 2 trades' quote P&L on 10000.00 (the signals' account), 1000 paths "
        "each (seed 1): as taken, max drawdown -0.04 %, return +0.04 %"}) {
    EXPECT_NE(r.out.find(expected), std::string::npos) << expected << "\n" << r.out;
  }
  CliResult filtered = cli_.Run({"stats", "--symbol", "ethusdt", "--source", "manual"});
  ASSERT_EQ(filtered.exit_code, 0) << filtered.err;
  EXPECT_NE(filtered.out.find("; symbols ETHUSDT; sources manual"), std::string::npos)
      << filtered.out;
}

// `--at` and `--run` put the report at a past moment: what closed later is left out, a trade
// open then is an open position again, the controller stops there.
TEST_F(StatsCliTest, AsAtAPastMomentOrARunsSimulatedTime) {
  const std::int64_t at = now_ - kDay - kHour;  // A (entered an hour before) closes an hour later
  CliResult r = cli_.Run({"stats", "--at", Iso(at), "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  json report = json::parse(r.out);
  EXPECT_EQ(report["at"], Iso(at));
  EXPECT_EQ(report["since"], Iso(at - 30 * kDay));
  EXPECT_EQ(report["trades"]["count"], 2);  // B and C
  ASSERT_EQ(report["open_positions"].size(), 1u);
  EXPECT_EQ(report["open_positions"][0]["signal_id"], std::stoi(a_));
  EXPECT_DOUBLE_EQ(report["open_positions"][0]["age_minutes"].get<double>(), 60.0);
  EXPECT_EQ(report["shadows"]["overall"]["count"], 2);  // both closed 36 hours ago
  EXPECT_EQ(report["controller"]["latest"]["state"], "red");
  EXPECT_EQ(report["controller"]["history"].size(), 1u);

  // A run's moment is its last stored bar close.
  Exec(
      "INSERT INTO pipeline_runs (name, fingerprint, signals_before, first_close, "
      "checkpoint_close, updated_at) VALUES ('replay', 'f', 0, " +
      Nanos(at - 10 * kDay) + ", " + Nanos(at) + ", 0), ('fresh', 'f', 0, NULL, NULL, 0)");
  CliResult run = cli_.Run({"stats", "--run", "replay", "--format", "json"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(json::parse(run.out), report);
  CliResult table = cli_.Run({"stats", "--run", "replay"});
  ASSERT_EQ(table.exit_code, 0) << table.err;
  EXPECT_NE(table.out.find("Performance over the 30 days to " + Iso(at) + " (closed since " +
                           Iso(at - 30 * kDay) + ")"),
            std::string::npos)
      << table.out;
  EXPECT_NE(table.out.find("Open positions (1)"), std::string::npos) << table.out;

  // A century before the earliest time a UnixNanos holds starts at that time instead.
  CliResult early =
      cli_.Run({"stats", "--at", "1678-01-01", "--days", "36500", "--format", "json"});
  ASSERT_EQ(early.exit_code, 0) << early.err;
  EXPECT_EQ(json::parse(early.out)["trades"]["count"], 0);
  EXPECT_EQ(cli_.Run({"stats", "snapshots", "--at", "1678-01-01", "--days", "36500"}).exit_code, 0);

  ExpectRefused({"stats", "--run", "nope"}, "--run: no run named 'nope' in the store");
  ExpectRefused({"stats", "--run", "fresh"}, "--run: run 'fresh' has not stored a bar close yet");
  ExpectRefused({"stats", "--at", "yesterday"}, "--at 'yesterday': expected an ISO-8601 time");
  ExpectRefused({"stats", "--at", Iso(at), "--run", "replay"}, "--at excludes --run");
}

// `--report` writes the same report as an HTML page with its charts, whatever --format prints;
// a path that cannot be written is refused before anything is printed, and a failed report
// leaves no file behind.
TEST_F(StatsCliTest, HtmlReportWithItsCharts) {
  const std::string path = cli_.dir() + "/stats.html";
  CliResult r = cli_.Run({"stats", "--format", "json", "--report", path});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json report = json::parse(r.out);
  EXPECT_NE(r.err.find("stats: report written to " + path), std::string::npos) << r.err;
  const std::string html = ReadTextFile(path);
  for (const char* expected :
       {"<h1>Performance over the 30 days to ", "<h3>P&amp;L per trade (%)</h3><svg",
        "<h3>Equity (quote currency)</h3><svg", "<h3>Drawdown (%)</h3><svg",
        "<h3>Traffic light</h3><svg", "<h3>P&amp;L per stopped candidate (%)</h3><svg",
        "<h3>Reliability</h3><svg", "<h2 id=\"by-source\">By source</h2>", "win rate 68% &lt; 70%",
        "<h2 id=\"recent-trades\">Recent trades</h2>"}) {
    EXPECT_NE(html.find(expected), std::string::npos) << expected;
  }
  std::size_t circles = 0;
  for (std::size_t at = html.find("<circle class=\"bin\""); at != std::string::npos;
       at = html.find("<circle class=\"bin\"", at + 1)) {
    ++circles;
  }
  EXPECT_EQ(circles, report["calibration"]["overall"]["bins"].size());
  // The headline: the trades' quote P&L as the JSON has it, and the light now.
  std::smatch pnl;
  ASSERT_TRUE(std::regex_search(
      html, pnl,
      std::regex(
          R"re(<div class="label">P&amp;L \(quote\)</div><div class="value (good|bad)">([-+0-9,.]+)</div>)re")));
  std::string pnl_text = pnl[2].str();
  pnl_text.erase(std::remove(pnl_text.begin(), pnl_text.end(), ','), pnl_text.end());
  const double total_quote = report["trades"]["total_pnl_quote"].get<double>();
  EXPECT_NEAR(std::stod(pnl_text), total_quote, 0.005);
  EXPECT_EQ(pnl[1].str(), total_quote > 0 ? "good" : "bad");
  const std::string state = report["controller"]["latest"]["state"].get<std::string>();
  const std::string tone = state == "green" ? " good" : state == "red" ? " bad" : "";
  EXPECT_NE(html.find("<div class=\"label\">Light</div><div class=\"value" + tone + "\">" + state +
                      "</div><div class=\"detail\">since " +
                      report["controller"]["latest"]["at"].get<std::string>()),
            std::string::npos)
      << state;
  EXPECT_EQ(html.find("e+0"), std::string::npos);  // no exponent notation anywhere
  EXPECT_EQ(html.find("e-0"), std::string::npos);

  const std::string kept = cli_.WriteFile("kept.html", "<p>old</p>");
  ExpectRefused({"stats", "--report", cli_.dir() + "/no/such/dir/r.html"},
                "cannot write the report to '" + cli_.dir() +
                    "/no/such/dir/r.html': No such file or directory");
  CliResult bad = cli_.Run({"stats", "--days", "0", "--report", kept});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_EQ(bad.out, "");
  EXPECT_EQ(ReadTextFile(kept), "<p>old</p>");  // an existing file is left as it was
  const std::string fresh = cli_.dir() + "/fresh.html";
  CliResult failed = cli_.Run({"stats", "--run", "nope", "--report", fresh});
  EXPECT_EQ(failed.exit_code, 2) << failed.err;
  EXPECT_FALSE(std::filesystem::exists(fresh));
}

TEST_F(StatsCliTest, BadInputIsRefused) {
  ExpectRefused({"stats", "--days", "-3"}, "days must be positive, got -3");
  ExpectRefused({"stats", "--days", "0"}, "days must be positive, got 0");
  ExpectRefused({"stats", "--days", "150000"},
                "days must be at most 36500 (a century), got 150000");
  ExpectRefused({"stats", "--days", "abc"}, "--days");
  ExpectRefused({"stats", "--format", "xml"}, "xml not in {table,json}");
  ExpectRefused({"stats", "--symbol", "BTC!"}, "invalid character '!'");
  ExpectRefused({"stats", "--source", ""}, "empty source name");
  ExpectRefused({"stats", "--last=-1"}, "last must be between 0 and 100000 trades, got -1");
  ExpectRefused({"stats", "--simulations", "-2"},
                "--simulations must be 0 .. 1000000 (0: no Monte Carlo), got -2");
}

TEST_F(StatsCliTest, Snapshots) {
  CliResult empty = cli_.Run({"stats", "snapshots", "--format", "json"});
  ASSERT_EQ(empty.exit_code, 0) << empty.err;
  EXPECT_EQ(json::parse(empty.out), json::array());

  auto insert = [&](std::int64_t at_s, const std::string& scope, const std::string& window,
                    int count) {
    Exec(R"(INSERT INTO performance_snapshots (taken_at, scope, "window", metrics) VALUES ()" +
         Nanos(at_s) + ", '" + scope + "', '" + window + R"(', '{"trades":{"count":)" +
         std::to_string(count) + R"(,"win_rate_pct":50.0},"calibration":{"count":0,"ece":null,)" +
         R"("brier":null},"returns":{"days":1,"sharpe":null,"max_drawdown":-0.01}}'))");
  };
  insert(now_ - 3 * kHour, "overall", "day", 1);
  insert(now_ - 2 * kHour, "overall", "day", 2);
  insert(now_ - 2 * kHour, "symbol:BTCUSDT", "all", 7);
  insert(now_ - 3 * kDay, "overall", "all", 9);

  // The newest of each (scope, window), scopes in name order.
  json latest = json::parse(cli_.Run({"stats", "snapshots", "--format", "json"}).out);
  ASSERT_EQ(latest.size(), 3u);
  EXPECT_EQ(latest[0]["scope"], "overall");
  EXPECT_EQ(latest[0]["window"], "all");
  EXPECT_EQ(latest[1]["window"], "day");
  EXPECT_EQ(latest[1]["metrics"]["trades"]["count"], 2);
  EXPECT_EQ(latest[1]["taken_at"], Iso(now_ - 2 * kHour));
  EXPECT_EQ(latest[2]["scope"], "symbol:BTCUSDT");

  // The snapshots in effect over the last day, oldest first: the newest of each pair taken
  // before it (overall/all, three days old), then every one taken in it.
  json history =
      json::parse(cli_.Run({"stats", "snapshots", "--days", "1", "--format", "json"}).out);
  ASSERT_EQ(history.size(), 4u);
  EXPECT_EQ(history[0]["taken_at"], Iso(now_ - 3 * kDay));
  EXPECT_EQ(history[0]["metrics"]["trades"]["count"], 9);
  EXPECT_EQ(history[1]["metrics"]["trades"]["count"], 1);
  EXPECT_EQ(history[3]["scope"], "symbol:BTCUSDT");
  // For one scope typed loosely.
  json btc = json::parse(
      cli_.Run({"stats", "snapshots", "--scope", "symbol:btc/usdt", "--format", "json"}).out);
  ASSERT_EQ(btc.size(), 1u);
  EXPECT_EQ(btc[0]["metrics"]["trades"]["count"], 7);
  json day = json::parse(
      cli_.Run({"stats", "snapshots", "--window", "day", "--days", "1", "--format", "json"}).out);
  EXPECT_EQ(day.size(), 2u);

  CliResult table = cli_.Run({"stats", "snapshots"});
  ASSERT_EQ(table.exit_code, 0) << table.err;
  EXPECT_NE(table.out.find("3 performance snapshots, the newest of each scope and window"),
            std::string::npos)
      << table.out;
  EXPECT_NE(table.out.find("symbol:BTCUSDT"), std::string::npos);
  EXPECT_NE(table.out.find("-0.0100"), std::string::npos) << table.out;

  // As at two and a half hours ago: the BTCUSDT row and the second day row were not taken yet.
  json then = json::parse(
      cli_.Run({"stats", "snapshots", "--at", Iso(now_ - 150 * 60), "--format", "json"}).out);
  ASSERT_EQ(then.size(), 2u);
  EXPECT_EQ(then[0]["metrics"]["trades"]["count"], 9);
  EXPECT_EQ(then[1]["metrics"]["trades"]["count"], 1);
  json then_history = json::parse(cli_.Run({"stats", "snapshots", "--at", Iso(now_ - 150 * 60),
                                            "--days", "1", "--format", "json"})
                                      .out);
  EXPECT_EQ(then_history, then);  // the three-day-old row, then the one taken in that day

  ExpectRefused({"stats", "snapshots", "--scope", "everything"}, "unknown scope 'everything'");
  ExpectRefused({"stats", "snapshots", "--window", "week"}, "unknown window 'week'");
  ExpectRefused({"stats", "snapshots", "--days", "0"}, "days must be positive");
  ExpectRefused({"stats", "snapshots", "--days", "100000000"}, "days must be at most 36500");
}

}  // namespace
}  // namespace pulse::testing
