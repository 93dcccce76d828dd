// `pulse backtest` through the real binary on the bundled candles: the JSON report is the same
// bytes on a second run, its figures agree with each other (every approved signal resolved,
// every stored candidate accounted for, the paper account balanced), the HTML report has its
// charts (reaching the extremes their labels name), and bad input is refused with a message.
#include <gtest/gtest.h>
#include <zlib.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

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
  // BTC and ETH over April 2021 as JSON, the HTML report to `html`, with the confidence gate at
  // 0.6 and no volume gate so that the controller sees enough trades to act, and `env` besides.
  CliResult LooseGatesBacktest(const std::string& html,
                               std::map<std::string, std::string> env = {}) {
    env["PULSE_SIGNAL__GATES__MIN_CONFIDENCE"] = "0.6";
    env["PULSE_SIGNAL__GATES__VOLUME"] = "false";
    return cli_.Run({"backtest", "--data", kBtc, "--data", kEth, "--from", "2021-04-01", "--to",
                     "2021-05-01", "--progress", "off", "--format", "json", "--report", html},
                    env);
  }
  CliRunner cli_;
};

TEST_F(BacktestCliTest, JsonReportIsDeterministicAndConsistent) {
  const CliResult first = Backtest({"--format", "json"});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  const CliResult second = Backtest({"--format", "json"});
  ASSERT_EQ(second.exit_code, 0) << second.err;
  EXPECT_EQ(first.out, second.out);  // no wall-clock figures, same rows, same ids
  // The defaults' settings that work against each other are said on stderr, not in the JSON.
  EXPECT_NE(first.err.find("warning: risk.traffic_light.red_win_rate 65 % is above"),
            std::string::npos)
      << first.err;
  EXPECT_EQ(first.out.find("warning:"), std::string::npos);

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
  // Every trade ran at least to its result in its favour and at most against it, so the
  // average excursions bracket the average result.
  if (t["count"].get<int>() > 0) {
    EXPECT_GE(t["avg_mfe_pct"].get<double>(), t["expectancy_pct"].get<double>());
    EXPECT_LE(t["avg_mae_pct"].get<double>(), t["expectancy_pct"].get<double>());
    EXPECT_GE(t["avg_mfe_pct"].get<double>(), 0.0);
    EXPECT_LE(t["avg_mae_pct"].get<double>(), 0.0);
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
  // The account against its signals: every position taken apart, the steps add up to the
  // realised P&L the paper engine booked.
  const json& v = p["vs_signals"];
  EXPECT_EQ(v["positions"].get<int>() * 2, p["fills"].get<int>());
  EXPECT_EQ(v["unmatched"], 0);
  EXPECT_NEAR(v["paper"].get<double>(), p["realized_pnl"].get<double>(), 1e-6);
  EXPECT_NEAR(v["signals"].get<double>() + v["size"].get<double>() + v["timing"].get<double>() +
                  v["slippage"].get<double>() + v["fees"].get<double>(),
              v["paper"].get<double>(), 1e-6);
  EXPECT_LT(v["slippage"].get<double>(), 0);  // slippage and impact never help
  // Position by position: each one's steps add up to its own P&L, and the totals are theirs.
  ASSERT_EQ(p["positions"].size(), v["positions"].get<std::size_t>());
  ASSERT_GT(p["positions"].size(), 0u);
  double paper_sum = 0, slippage_sum = 0;
  for (const json& position : p["positions"]) {
    const double steps = position["signals"].get<double>() + position["size"].get<double>() +
                         position["timing"].get<double>() + position["slippage"].get<double>() +
                         position["fees"].get<double>();
    EXPECT_NEAR(steps, position["paper"].get<double>(), 1e-6) << position["position"];
    EXPECT_LE(position["slippage"].get<double>(), 0) << position["position"];
    const double sign = position["direction"] == "long" ? 1 : -1;
    EXPECT_LE(position["quantity"].get<double>(), position["signal_size"].get<double>() + 1e-9);
    EXPECT_GT(sign * (position["exit_fill"].get<double>() - position["entry_fill"].get<double>()) *
                      position["quantity"].get<double>() -
                  position["paper"].get<double>(),
              0)  // the fees
        << position["position"];
    paper_sum += position["paper"].get<double>();
    slippage_sum += position["slippage"].get<double>();
  }
  EXPECT_DOUBLE_EQ(paper_sum, v["paper"].get<double>());
  EXPECT_DOUBLE_EQ(slippage_sum, v["slippage"].get<double>());
  EXPECT_NEAR(p["return_pct"].get<double>(),
              (p["final_equity"].get<double>() / p["starting_balance"].get<double>() - 1) * 100,
              1e-9);
  // Every source saw the same symbols evaluated: its votes and abstentions add up alike.
  ASSERT_EQ(r["sources"].size(), 9u);  // the default theories, no model
  const auto seen = [](const json& source) {
    return source["long"].get<int>() + source["short"].get<int>() + source["neutral"].get<int>() +
           source["abstained"].get<int>();
  };
  for (const json& source : r["sources"]) {
    EXPECT_EQ(seen(source), seen(r["sources"][0])) << source["source"];
    EXPECT_NEAR(source["voted_pct"].get<double>(),
                100.0 * (seen(source) - source["abstained"].get<int>()) / seen(source), 1e-9);
  }
  EXPECT_GT(seen(r["sources"][0]), r["period"]["bars"].get<int>() / 2);
  // The controller starts green; the return figures are daily.
  ASSERT_FALSE(r["controller"].empty());
  EXPECT_EQ(r["controller"][0]["state"], "green");
  EXPECT_EQ(r["returns"]["periods"], "daily");
  EXPECT_GT(r["returns"]["days"].get<int>(), 100);
  // The days of the same curve: every day counted once, the trades spread over them.
  const json& d = r["daily"];
  EXPECT_EQ(d["days"], r["returns"]["days"]);
  EXPECT_EQ(d["winning_days"].get<int>() + d["flat_days"].get<int>() + d["losing_days"].get<int>(),
            d["days"].get<int>());
  EXPECT_NEAR(d["trades_per_day"].get<double>(), t["count"].get<double>() / d["days"].get<double>(),
              1e-12);
  EXPECT_GE(d["best_day_pct"].get<double>(), d["worst_day_pct"].get<double>());
  EXPECT_LE(d["lowest_equity"].get<double>(), p["final_equity"].get<double>());
  EXPECT_GE(d["highest_equity"].get<double>(), p["final_equity"].get<double>());
  EXPECT_LE(d["deepest_fall_from"].get<std::string>(), d["deepest_fall_to"].get<std::string>());
  // Every real trade is listed once, in outcome order; the list adds up to the statistics.
  const json& list = r["trade_list"];
  ASSERT_EQ(list.size(), t["count"].get<std::size_t>());
  double pnl_pct = 0, pnl_quote = 0;
  int wins = 0;
  std::set<std::int64_t> ids;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const json& trade = list[i];
    pnl_pct += trade["pnl_percent"].get<double>();
    pnl_quote += trade["pnl_quote_total"].get<double>();
    wins += trade["outcome"] == "win";
    ids.insert(trade["signal_id"].get<std::int64_t>());
    EXPECT_LE(trade["entry_time"].get<std::string>(), trade["exit_time"].get<std::string>());
    if (i > 0) {
      EXPECT_LE(list[i - 1]["exit_time"].get<std::string>(), trade["exit_time"].get<std::string>());
    }
  }
  EXPECT_EQ(ids.size(), list.size());
  EXPECT_EQ(wins, t["wins"].get<int>());
  EXPECT_NEAR(pnl_pct, t["total_pnl_pct"].get<double>(), 1e-9);
  EXPECT_NEAR(pnl_quote, t["total_pnl_quote"].get<double>(), 1e-6);
  // The Monte Carlo of the same trades: the account as taken ends at the starting balance plus
  // their quote P&L; each histogram holds every path; the limits are the breakers'.
  const json& mc = r["monte_carlo"];
  ASSERT_GE(list.size(), 2u);
  ASSERT_TRUE(mc.is_object());
  EXPECT_EQ(mc["trades"].get<std::size_t>(), list.size());
  EXPECT_EQ(mc["simulations"], 1000);
  EXPECT_NEAR(mc["observed"]["return_pct"].get<double>(),
              pnl_quote / p["starting_balance"].get<double>() * 100, 1e-9);
  EXPECT_LE(mc["shuffle"]["max_drawdown_pct"]["p95"].get<double>(), 0.0);
  const auto paths = [](const json& bins) {
    int n = 0;
    for (const json& bin : bins) n += bin["count"].get<int>();
    return n;
  };
  EXPECT_EQ(paths(mc["shuffle"]["max_drawdown_histogram"]), 1000);
  EXPECT_EQ(paths(mc["bootstrap"]["return_histogram"]), 1000);
  EXPECT_EQ(mc["limits"]["max_drawdown_pct"], 15.0);  // the max-drawdown breaker's
  EXPECT_EQ(mc["limits"]["losing_streak"], 5);        // the consecutive-losses breaker's
  // The paper account's Monte Carlo: its positions as taken end at the account's return; the
  // closed-position equity falls no deeper than the equity marked at every bar; the longest
  // losing streak is the longest run of positions with a realised loss, in exit order.
  const json& paper_mc = p["monte_carlo"];
  ASSERT_TRUE(paper_mc.is_object());
  EXPECT_EQ(paper_mc["trades"].get<std::size_t>(), p["positions"].size());
  EXPECT_EQ(paper_mc["capital"], p["starting_balance"]);
  EXPECT_NEAR(paper_mc["observed"]["return_pct"].get<double>(), p["return_pct"].get<double>(),
              1e-9);
  EXPECT_GE(paper_mc["observed"]["max_drawdown_pct"].get<double>(),
            d["deepest_fall_pct"].get<double>() - 1e-9);
  std::vector<json> by_exit(p["positions"].begin(), p["positions"].end());
  std::stable_sort(by_exit.begin(), by_exit.end(), [](const json& a, const json& b) {
    return a["closed"].get<std::string>() < b["closed"].get<std::string>();
  });
  int run = 0, longest = 0;
  for (const json& position : by_exit) {
    run = position["paper"].get<double>() < 0 ? run + 1 : 0;
    longest = std::max(longest, run);
  }
  EXPECT_EQ(paper_mc["observed"]["longest_losing_streak"], longest);
  EXPECT_EQ(paths(paper_mc["shuffle"]["max_drawdown_histogram"]), 1000);
  EXPECT_EQ(paper_mc["limits"], mc["limits"]);
}

// With looser gates the controller sees enough trades to warn: each warning came while the
// light was not red, at or above the threshold, in time order, and the HTML lists them.
TEST_F(BacktestCliTest, ForecastWarningsOfTheController) {
  const std::string html = cli_.dir() + "/report.html";
  const CliResult run =
      LooseGatesBacktest(html, {{"PULSE_RISK__FORECAST__WARN_PROBABILITY", "0.3"}});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const json r = json::parse(run.out);
  const json& warnings = r["forecast_warnings"];
  ASSERT_FALSE(warnings.empty()) << r["trades"].dump();
  std::string previous;
  for (const json& w : warnings) {
    EXPECT_GE(w["p_red"].get<double>(), 0.3);
    EXPECT_GE(w["p_yellow_or_worse"].get<double>(), w["p_red"].get<double>());
    EXPECT_NE(w["light"], "red");
    EXPECT_GT(w["at"].get<std::string>(), previous);
    previous = w["at"].get<std::string>();
    EXPECT_NE(w["text"].get<std::string>().find("P(red within the next 10 trades)"),
              std::string::npos);
  }
  std::ifstream in(html);
  std::stringstream page;
  page << in.rdbuf();
  EXPECT_NE(
      page.str().find("<h2 id=\"light-forecast-warnings\">Light forecast warnings</h2><table>"),
      std::string::npos);
}

// The lean settings the README gives for long backtests (no shadows of rejected candidates, no
// snapshots) trade the same: the same trades, account, light, breakers and Monte Carlo. Only
// the rejected candidates' shadows go, and with them the ids they took, so signal ids move.
TEST_F(BacktestCliTest, WithoutShadowsAndSnapshotsTheSameIsTraded) {
  const CliResult full = LooseGatesBacktest(cli_.dir() + "/full.html");
  ASSERT_EQ(full.exit_code, 0) << full.err;
  const CliResult lean = LooseGatesBacktest(
      cli_.dir() + "/lean.html",
      {{"PULSE_SIGNAL__SHADOWS", "none"}, {"PULSE_SNAPSHOTS__ENABLED", "false"}});
  ASSERT_EQ(lean.exit_code, 0) << lean.err;
  const auto without_ids = [](json j) {
    const auto strip = [](const auto& self, json& node) -> void {
      if (node.is_object()) {
        for (const char* key : {"signal_id", "best_signal_id", "worst_signal_id"}) {
          node.erase(key);
        }
      }
      if (node.is_structured()) {
        for (json& child : node) self(self, child);
      }
    };
    strip(strip, j);
    return j;
  };
  const json f = without_ids(json::parse(full.out));
  const json l = without_ids(json::parse(lean.out));
  ASSERT_GT(f["trades"]["count"].get<int>(), 10) << f["trades"].dump();
  for (const auto& [key, value] : f.items()) {
    if (key == "signals" || key == "shadows") continue;
    EXPECT_EQ(l[key], value) << key;
  }
  // The same candidates; only the gates' rejections stop being followed. The controller's
  // denials still are (its probation judges them).
  const json& fs = f["signals"];
  const json& ls = l["signals"];
  for (const char* key : {"emitted", "approved", "denied_by_controller", "rejected_by_gates"}) {
    EXPECT_EQ(ls[key], fs[key]) << key;
  }
  ASSERT_GT(fs["shadows_recorded"].get<int>(), 0);
  ASSERT_GT(fs["denied_by_controller"].get<int>(), 0);
  EXPECT_EQ(fs["shadows_resolved"].get<int>(),
            fs["denied_by_controller"].get<int>() + fs["shadows_recorded"].get<int>());
  EXPECT_EQ(ls["shadows_recorded"], 0);
  EXPECT_EQ(ls["shadows_resolved"], fs["denied_by_controller"]);
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
  EXPECT_NE(html.find("<h2 id=\"traffic-light\">Traffic light</h2>"), std::string::npos);
  EXPECT_NE(html.find("<h2 id=\"sources\">Sources</h2>"), std::string::npos);
  EXPECT_NE(html.find("theory:ema_trend_stack"), std::string::npos);
  EXPECT_NE(html.find("<h2 id=\"against-the-market\">Against the market</h2>"), std::string::npos);
  EXPECT_NE(html.find("<h3>Return against buy and hold (%)</h3><svg"), std::string::npos);
  EXPECT_NE(html.find(">buy and hold</text>"), std::string::npos);  // the legend
  // The paper account's Monte Carlo follows the signals', with its own histograms.
  const std::size_t signals_mc = html.find("<h2 id=\"monte-carlo\">Monte Carlo</h2>");
  const std::size_t paper_mc = html.find(
      "<h2 id=\"monte-carlo-of-the-paper-account\">Monte Carlo of the paper account</h2><p>The ");
  ASSERT_NE(signals_mc, std::string::npos);
  ASSERT_NE(paper_mc, std::string::npos);
  EXPECT_LT(signals_mc, paper_mc);
  EXPECT_NE(html.find("closed positions are one draw of what the account trades", paper_mc),
            std::string::npos);
  EXPECT_NE(html.find("<h3>Max drawdown of the shuffled paths (%)</h3><svg", paper_mc),
            std::string::npos);
}

// Seconds since 1970 of "2021-04-01T00:00:00Z", read here with strptime and timegm.
long long EpochSeconds(const std::string& iso) {
  std::tm tm{};
  EXPECT_NE(strptime(iso.c_str(), "%Y-%m-%dT%H:%M:%SZ", &tm), nullptr) << iso;
  return static_cast<long long>(timegm(&tm));
}

// The counts in the tooltips of a histogram's bars ("<title>-1.00% to 0.00%: 12</title>").
std::int64_t HistogramTotal(const std::string& html, const std::string& title) {
  const std::size_t at = html.find("<h3>" + title + "</h3><svg");
  EXPECT_NE(at, std::string::npos) << title;
  if (at == std::string::npos) return -1;
  const std::string svg = html.substr(at, html.find("</svg>", at) - at);
  const std::regex bar("<rect class=\"bar\"[^>]*><title>[^<]*: ([0-9]+)</title>");
  std::int64_t total = 0;
  for (auto it = std::sregex_iterator(svg.begin(), svg.end(), bar); it != std::sregex_iterator();
       ++it) {
    total += std::stoll((*it)[1]);
  }
  return total;
}

// With looser gates the light changes: the time in each state adds up to the period, each
// state's share is the time from its change to the next (computed here from the episodes), the
// band draws one rectangle per episode, the histograms count every trade and every shadow, and
// the reliability diagram has a circle per calibration bin.
TEST_F(BacktestCliTest, HtmlChartsOfTheLightTheTradesAndTheCalibration) {
  const std::string path = cli_.dir() + "/report.html";
  const CliResult run = LooseGatesBacktest(path);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const json r = json::parse(run.out);
  const json& episodes = r["controller"];
  ASSERT_GE(episodes.size(), 2u) << episodes.dump();  // the light changed at least once
  const long long from = EpochSeconds(r["period"]["from"]);
  const long long to = EpochSeconds(r["period"]["to"]);
  std::map<std::string, double> expected;
  for (std::size_t i = 0; i < episodes.size(); ++i) {
    const long long begin = std::max(from, EpochSeconds(episodes[i]["at"]));
    const long long end = i + 1 < episodes.size() ? EpochSeconds(episodes[i + 1]["at"]) : to;
    expected[episodes[i]["state"]] += static_cast<double>(end - begin) / (to - from) * 100;
  }
  const json& time = r["controller_time_pct"];
  ASSERT_EQ(time.size(), expected.size()) << time.dump();
  double sum = 0;
  for (const auto& [state, pct] : expected) {
    EXPECT_NEAR(time[state].get<double>(), pct, 1e-9) << state;
    sum += time[state].get<double>();
  }
  EXPECT_NEAR(sum, 100, 1e-9);

  const std::string html = ReadTextFile(path);
  const std::size_t band = html.find("<h3>Traffic light</h3><svg");
  ASSERT_NE(band, std::string::npos);
  const std::string band_svg = html.substr(band, html.find("</svg>", band) - band);
  std::size_t rects = 0;
  for (std::size_t at = band_svg.find("class=\"band\""); at != std::string::npos;
       at = band_svg.find("class=\"band\"", at + 1)) {
    ++rects;
  }
  EXPECT_EQ(rects, episodes.size());  // each episode lasted some time
  EXPECT_NE(html.find("<p>Time in each state: "), std::string::npos);

  EXPECT_EQ(HistogramTotal(html, "P&amp;L per trade (%)"), r["trades"]["count"].get<int>());
  EXPECT_EQ(HistogramTotal(html, "P&amp;L per stopped candidate (%)"),
            r["shadows"]["overall"]["count"].get<int>());
  std::size_t circles = 0;
  for (std::size_t at = html.find("<circle class=\"bin\""); at != std::string::npos;
       at = html.find("<circle class=\"bin\"", at + 1)) {
    ++circles;
  }
  EXPECT_EQ(circles, r["calibration"]["overall"]["bins"].size());
  EXPECT_GT(circles, 0u);
  // The heatmap's cells hold every trade: their counts add up, and each weekday's to the
  // weekday breakdown's.
  const std::regex cell("<rect class=\"cell\"[^>]*><title>(\\w+) \\d\\d:00 UTC: (\\d+) trade");
  std::map<std::string, int> by_day;
  int cells = 0;
  for (auto it = std::sregex_iterator(html.begin(), html.end(), cell); it != std::sregex_iterator();
       ++it) {
    by_day[(*it)[1]] += std::stoi((*it)[2]);
    ++cells;
  }
  EXPECT_GT(cells, 0);
  const std::vector<std::string> days = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
  int total = 0;
  for (const json& group : r["breakdowns"]["weekday"]) {
    const std::string day = days[std::stoi(group["label"].get<std::string>()) - 1];
    EXPECT_EQ(by_day[day], group["count"].get<int>()) << day;
    total += by_day[day];
  }
  EXPECT_EQ(total, r["trades"]["count"].get<int>());
}

// The first open and the last close of a candle file (timestamp_ms,open,high,low,close,...)
// among the bars opening at or after `from_ms`, read here with zlib and strtod.
struct FirstAndLast {
  double first_open = 0;
  double last_close = 0;
};
FirstAndLast ReadFirstAndLast(const std::string& path, long long from_ms) {
  FirstAndLast out;
  gzFile file = gzopen(path.c_str(), "rb");
  EXPECT_NE(file, nullptr) << path;
  if (file == nullptr) return out;
  char line[512];
  bool any = false;
  while (gzgets(file, line, sizeof line) != nullptr) {
    char* end = nullptr;
    const long long ms = std::strtoll(line, &end, 10);
    if (end == line || *end != ',') continue;  // the header
    if (ms < from_ms) continue;
    const double open = std::strtod(end + 1, &end);
    std::strtod(end + 1, &end);  // high
    std::strtod(end + 1, &end);  // low
    const double close = std::strtod(end + 1, &end);
    if (!any) out.first_open = open;
    any = true;
    out.last_close = close;
  }
  gzclose(file);
  EXPECT_TRUE(any) << path;
  return out;
}

TEST_F(BacktestCliTest, TheMarketIsTheBuyAndHoldOfTheCandles) {
  const CliResult run = Backtest({"--format", "json"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const json r = json::parse(run.out);
  const json& m = r["market"];
  EXPECT_EQ(m["method"], "equal-weight buy and hold");
  const long long from_ms = 1617235200000;  // 2021-04-01
  const std::vector<std::pair<std::string, std::string>> files = {
      {"BTCUSDT", kBtc}, {"ETHUSDT", kEth}, {"SOLUSDT", kSol}};
  ASSERT_EQ(m["symbols"].size(), files.size());
  double change_sum = 0;
  for (std::size_t i = 0; i < files.size(); ++i) {
    const json& s = m["symbols"][i];
    const FirstAndLast expected = ReadFirstAndLast(files[i].second, from_ms);
    EXPECT_EQ(s["symbol"], files[i].first);
    EXPECT_DOUBLE_EQ(s["first_price"].get<double>(), expected.first_open);
    EXPECT_DOUBLE_EQ(s["last_price"].get<double>(), expected.last_close);
    const double change = (expected.last_close / expected.first_open - 1) * 100;
    EXPECT_NEAR(s["change_pct"].get<double>(), change, 1e-9);
    change_sum += change;
  }
  EXPECT_NEAR(m["market_change_pct"].get<double>(), change_sum / 3, 1e-9);
  // Held without rebalancing, the benchmark's daily returns compound to the market change.
  const double market_total = m["returns"]["total_return"].get<double>();
  EXPECT_NEAR(market_total * 100, change_sum / 3, 1e-8);
  const double account_total = r["returns"]["total_return"].get<double>();
  EXPECT_NEAR(m["excess_return_pct"].get<double>(), (account_total - market_total) * 100, 1e-8);
  // The months (April to July 2021) compound to the same totals.
  const json& months = r["monthly"];
  ASSERT_EQ(months.size(), 4u);
  EXPECT_EQ(months[0]["month"], "2021-04");
  EXPECT_EQ(months[3]["month"], "2021-07");
  double account_growth = 1, market_growth = 1;
  for (const json& month : months) {
    account_growth *= 1 + month["account_pct"].get<double>() / 100;
    market_growth *= 1 + month["market_pct"].get<double>() / 100;
  }
  EXPECT_NEAR(account_growth - 1, account_total, 1e-9);
  EXPECT_NEAR(market_growth - 1, market_total, 1e-9);
  // The text report says the same.
  const CliResult text = Backtest({});
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_NE(text.out.find("market (equal-weight buy and hold of 3 symbols): change"),
            std::string::npos)
      << text.out;
  EXPECT_NE(text.out.find("2021-04"), std::string::npos);
  EXPECT_EQ(m["without_candles"], json::array());
}

TEST_F(BacktestCliTest, ASymbolWithoutBarsInTheRangeIsLeftOutOfTheMarketAndNamed) {
  const std::string old = cli_.dir() + "/XRPUSDT-5m.csv";  // the symbol from the name
  {
    std::ofstream out(old);
    out << "timestamp_ms,open,high,low,close,volume\n"
        << "1606780800000,0.5,0.6,0.4,0.55,1000\n"
        << "1606781100000,0.55,0.6,0.5,0.52,1000\n";
  }
  const CliResult run = cli_.Run({"backtest", "--data", kBtc, "--data", old, "--from", "2021-04-01",
                                  "--progress", "off", "--format", "json"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const json m = json::parse(run.out)["market"];
  ASSERT_EQ(m["symbols"].size(), 1u);
  EXPECT_EQ(m["symbols"][0]["symbol"], "BTCUSDT");
  EXPECT_EQ(m["without_candles"], json::array({"XRPUSDT"}));
  EXPECT_DOUBLE_EQ(m["market_change_pct"].get<double>(),
                   m["symbols"][0]["change_pct"].get<double>());
}

TEST_F(BacktestCliTest, BadInputIsRefusedWithAMessage) {
  CliResult r = Backtest({"--to", "2021-03-01"});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_EQ(r.err, "error: --from 2021-04-01T00:00:00Z is not before --to 2021-03-01T00:00:00Z\n");
  // Refused before any file is read: a missing file is not reached.
  r = cli_.Run({"backtest", "--data", cli_.dir() + "/missing.csv", "--from", "2021-03-01", "--to",
                "2021-03-01"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "error: --from 2021-03-01T00:00:00Z is not before --to 2021-03-01T00:00:00Z\n");
  r = cli_.Run({"backtest", "--data", cli_.dir() + "/missing.csv", "--progress", "off"});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("missing.csv"), std::string::npos) << r.err;
  r = cli_.Run({"backtest", "--data", kBtc, "--from", "yesterday", "--progress", "off"});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("--from 'yesterday'"), std::string::npos) << r.err;
  r = cli_.Run({"backtest", "--data", kBtc, "--simulations", "-5", "--progress", "off"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "error: --simulations must be 0 .. 1000000 (0: no Monte Carlo), got -5\n");
  r = cli_.Run({"backtest", "--data", kBtc, "--seed", "-1", "--progress", "off"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "error: --seed must be >= 0, got -1\n");
}

// The drawn pieces of one SVG chart of the HTML report.
struct Chart {
  std::string y_max, y_min;  // the labels at the top and the bottom of the y axis
  std::vector<std::string> x_labels;
  double min_y = 1e9, max_y = -1e9;  // of the polyline's points (SVG y grows downwards)
  std::size_t points = 0;
};

// The text of the element that starts at the first `marker` at or after `from`.
std::string TextAfter(const std::string& svg, const std::string& marker, std::size_t from = 0) {
  std::size_t at = svg.find(marker, from);
  if (at == std::string::npos) return "";
  at = svg.find('>', at) + 1;
  return svg.substr(at, svg.find('<', at) - at);
}

Chart ParseChart(const std::string& html, const std::string& title) {
  Chart chart;
  const std::size_t at = html.find("<h3>" + title + "</h3><svg");
  if (at == std::string::npos) return chart;
  const std::string svg = html.substr(at, html.find("</svg>", at) - at);
  chart.y_max = TextAfter(svg, "class=\"y-max\"");
  chart.y_min = TextAfter(svg, "class=\"y-min\"");
  for (std::size_t pos = svg.find("class=\"x-label\""); pos != std::string::npos;
       pos = svg.find("class=\"x-label\"", pos + 1)) {
    chart.x_labels.push_back(TextAfter(svg, "class=\"x-label\"", pos));
  }
  const std::size_t points = svg.find("points=\"") + 8;
  std::istringstream in(svg.substr(points, svg.find('"', points) - points));
  std::string point;
  while (in >> point) {
    const double y = std::stod(point.substr(point.find(',') + 1));
    chart.min_y = std::min(chart.min_y, y);
    chart.max_y = std::max(chart.max_y, y);
    ++chart.points;
  }
  return chart;
}

// "10,030.12" -> 10030.12
double Money(std::string text) {
  text.erase(std::remove(text.begin(), text.end(), ','), text.end());
  return std::stod(text);
}

TEST_F(BacktestCliTest, HtmlChartsReachTheirLabelledExtremesAndNameTheirDates) {
  const std::string path = cli_.dir() + "/report.html";
  const CliResult run = Backtest({"--report", path, "--format", "json"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const json r = json::parse(run.out);
  const std::string html = ReadTextFile(path);
  EXPECT_EQ(html.find("e+0"), std::string::npos);  // no "1e+04" labels or cells
  EXPECT_EQ(html.find("e-0"), std::string::npos);  // nor "5.9e-09"

  const std::regex money(R"(-?\d{1,3}(,\d{3})*\.\d\d)");
  const std::regex percent(R"(-?\d+\.\d\d%)");
  const std::regex date(R"(\d{4}-\d\d-\d\d)");
  const Chart equity = ParseChart(html, "Equity (quote currency)");
  ASSERT_TRUE(std::regex_match(equity.y_max, money)) << equity.y_max;
  ASSERT_TRUE(std::regex_match(equity.y_min, money)) << equity.y_min;
  const json& p = r["paper"];
  EXPECT_GE(Money(equity.y_max) + 0.005, p["starting_balance"].get<double>());
  EXPECT_GE(Money(equity.y_max) + 0.005, p["final_equity"].get<double>());
  EXPECT_LE(Money(equity.y_min) - 0.005, p["starting_balance"].get<double>());
  EXPECT_LE(Money(equity.y_min) - 0.005, p["final_equity"].get<double>());
  EXPECT_LT(Money(equity.y_min), Money(equity.y_max));
  // Thinned (a bar-close curve of months), but the line reaches the top and the bottom of the
  // plot, where the labelled maximum and minimum are.
  EXPECT_GT(equity.points, 1000u);
  EXPECT_LE(equity.points, 1200u);
  EXPECT_DOUBLE_EQ(equity.min_y, 10.0);
  EXPECT_DOUBLE_EQ(equity.max_y, 200.0);
  ASSERT_EQ(equity.x_labels.size(), 3u);
  for (const std::string& label : equity.x_labels) EXPECT_TRUE(std::regex_match(label, date));
  EXPECT_EQ(equity.x_labels.front(), "2021-04-01");
  EXPECT_EQ(equity.x_labels.back(), r["period"]["to"].get<std::string>().substr(0, 10));

  const Chart drawdown = ParseChart(html, "Drawdown (%)");
  EXPECT_EQ(drawdown.y_max, "0.00%");
  ASSERT_TRUE(std::regex_match(drawdown.y_min, percent)) << drawdown.y_min;
  EXPECT_EQ(drawdown.y_min.front(), '-');
  EXPECT_DOUBLE_EQ(drawdown.min_y, 10.0);
  EXPECT_DOUBLE_EQ(drawdown.max_y, 200.0);
  EXPECT_EQ(drawdown.x_labels, equity.x_labels);
  // The bar-level chart is at least as deep as the daily max drawdown, and says which is which.
  EXPECT_LE(std::stod(drawdown.y_min), r["returns"]["max_drawdown"].get<double>() * 100 + 0.005);
  // The day figures name the extremes the charts reach.
  const json& d = r["daily"];
  EXPECT_NEAR(Money(equity.y_max), d["highest_equity"].get<double>(), 0.005);
  EXPECT_NEAR(Money(equity.y_min), d["lowest_equity"].get<double>(), 0.005);
  EXPECT_LE(std::stod(drawdown.y_min), d["deepest_fall_pct"].get<double>() + 0.005);
  EXPECT_NE(html.find("<h2 id=\"days\">Days</h2>"), std::string::npos);
  EXPECT_NE(html.find("<h3>Return per day (%)</h3><svg"), std::string::npos);
  // The list of every trade, one row each, its header in the order of the JSON rows.
  const std::size_t list = html.find("<h2 id=\"every-trade\">Every trade</h2>");
  ASSERT_NE(list, std::string::npos);
  EXPECT_EQ(html.find("<table><tr><th>signal_id</th><th>symbol</th><th>direction</th>", list),
            list + std::string("<h2 id=\"every-trade\">Every trade</h2>").size());
  const std::string table = html.substr(list, html.find("</table>", list) - list);
  std::size_t rows = 0;
  for (std::size_t at = table.find("<tr><td>"); at != std::string::npos;
       at = table.find("<tr><td>", at + 1)) {
    ++rows;
  }
  EXPECT_EQ(rows, r["trade_list"].size());
  EXPECT_NE(html.find("<p class=\"note\">Drawn from the equity at every bar close"),
            std::string::npos);
}

// The value and the class of the headline figure labelled `label` ("" when there is none).
std::pair<std::string, std::string> HeadlineFigure(const std::string& html,
                                                   const std::string& label) {
  std::smatch m;
  const std::regex figure("<div class=\"label\">" + label +
                          "</div><div class=\"value ?([a-z]*)\">([^<]*)</div>");
  if (!std::regex_search(html, m, figure)) return {"", ""};
  return {m[2].str(), m[1].str()};
}

// The page opens with the figures a reader looks for first, each the JSON's value rounded and
// coloured by its sign, then an index linking every section.
TEST_F(BacktestCliTest, HtmlReportOpensWithTheHeadlineFiguresAndAnIndex) {
  const std::string path = cli_.dir() + "/report.html";
  const CliResult run = LooseGatesBacktest(path);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const json r = json::parse(run.out);
  const std::string html = ReadTextFile(path);
  ASSERT_GE(r["trades"]["count"].get<int>(), 20);
  ASSERT_GT(r["trades"]["losses"].get<int>(), 0);

  const auto [paper, paper_tone] = HeadlineFigure(html, "Paper account");
  const double paper_pct = r["paper"]["return_pct"].get<double>();
  ASSERT_NE(paper, "");
  EXPECT_NEAR(std::stod(paper), paper_pct, 0.005) << paper;
  EXPECT_EQ(paper_tone, paper_pct > 0 ? "good" : "bad");
  EXPECT_EQ(HeadlineFigure(html, "Trades").first, std::to_string(r["trades"]["count"].get<int>()));
  const auto [win_rate, win_tone] = HeadlineFigure(html, "Win rate");
  EXPECT_NEAR(std::stod(win_rate), r["trades"]["win_rate_pct"].get<double>(), 0.05) << win_rate;
  EXPECT_EQ(win_tone, "");
  const auto [pf, pf_tone] = HeadlineFigure(html, "Profit factor");
  const double profit_factor = r["trades"]["profit_factor"].get<double>();
  EXPECT_NEAR(std::stod(pf), profit_factor, 0.005) << pf;
  EXPECT_EQ(pf_tone, profit_factor > 1 ? "good" : "bad");
  EXPECT_NEAR(std::stod(HeadlineFigure(html, "Max drawdown").first),
              r["returns"]["max_drawdown"].get<double>() * 100, 0.005);
  EXPECT_NEAR(std::stod(HeadlineFigure(html, "Sharpe").first), r["returns"]["sharpe"].get<double>(),
              0.005);
  const double red = r["controller_time_pct"].value("red", 0.0);
  const auto [light, light_tone] = HeadlineFigure(html, "Light red");
  EXPECT_NEAR(std::stod(light), red, 0.05) << light;
  EXPECT_EQ(light_tone, red > 0 ? "bad" : "good");

  // Headline, then the index, then the sections; every section is linked once, in page order,
  // and every link has its section.
  const std::size_t index = html.find("<nav class=\"index\"><ol>");
  ASSERT_NE(index, std::string::npos);
  EXPECT_LT(html.find("<div class=\"headline\">"), index);
  EXPECT_EQ(html.find("<h2"), html.find("</nav>") + 7);
  std::vector<std::string> links, ids;
  const std::string nav = html.substr(index, html.find("</nav>") - index);
  const std::regex link("<a href=\"#([a-z0-9-]+)\">");
  for (auto it = std::sregex_iterator(nav.begin(), nav.end(), link); it != std::sregex_iterator();
       ++it) {
    links.push_back((*it)[1].str());
  }
  const std::regex heading("<h2 id=\"([a-z0-9-]+)\">");
  for (auto it = std::sregex_iterator(html.begin(), html.end(), heading);
       it != std::sregex_iterator(); ++it) {
    ids.push_back((*it)[1].str());
  }
  EXPECT_GT(ids.size(), 20u);
  EXPECT_EQ(links, ids);
  EXPECT_EQ(html.find("<h2>"), std::string::npos);  // no section without an id
  EXPECT_EQ(ids.front(), "equity");
}

// The JSON value a CSV cell was written from, read back: empty for null, the shortest exact
// text of a number (so it parses back to the same double), a string as it is.
void ExpectCellIs(const std::string& cell, const nlohmann::ordered_json& value,
                  const std::string& what) {
  if (value.is_null()) {
    EXPECT_EQ(cell, "") << what;
  } else if (value.is_number()) {
    ASSERT_NE(cell, "") << what;
    EXPECT_EQ(std::stod(cell), value.get<double>()) << what << ": " << cell;
  } else {
    EXPECT_EQ(cell, value.get<std::string>()) << what;
  }
}

// --trades writes the report's trade list as CSV, and `signals list --format csv` over the kept
// store gives every stored signal with its result, cell for cell what the store holds.
TEST_F(BacktestCliTest, TradeListAndStoredSignalsAsCsv) {
  const std::string trades = cli_.dir() + "/trades.csv";
  const CliResult run = cli_.Run(
      {"backtest", "--data", kBtc, "--data", kEth, "--from", "2021-04-01", "--to", "2021-05-01",
       "--progress", "off", "--format", "json", "--trades", trades, "--store", cli_.db_path()},
      {{"PULSE_SIGNAL__GATES__MIN_CONFIDENCE", "0.6"}, {"PULSE_SIGNAL__GATES__VOLUME", "false"}});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const nlohmann::ordered_json r = nlohmann::ordered_json::parse(run.out);  // in the report's order
  const nlohmann::ordered_json& list = r["trade_list"];
  ASSERT_GE(list.size(), 20u);
  EXPECT_NE(
      run.err.find("backtest: " + std::to_string(list.size()) + " trades written to " + trades),
      std::string::npos)
      << run.err;
  const std::vector<std::vector<std::string>> rows = ParseCsv(ReadTextFile(trades));
  ASSERT_EQ(rows.size(), list.size() + 1);
  std::vector<std::string> keys;
  for (const auto& [key, value] : list[0].items()) keys.push_back(key);
  EXPECT_EQ(rows[0], keys);
  for (std::size_t i = 0; i < list.size(); ++i) {
    ASSERT_EQ(rows[i + 1].size(), keys.size());
    for (std::size_t c = 0; c < keys.size(); ++c) {
      ExpectCellIs(rows[i + 1][c], list[i][keys[c]], "trade " + std::to_string(i) + " " + keys[c]);
    }
  }

  const CliResult listed = cli_.Run({"signals", "list", "--format", "csv"});
  ASSERT_EQ(listed.exit_code, 0) << listed.err;
  const std::vector<std::vector<std::string>> csv = ParseCsv(listed.out);
  const std::vector<std::vector<std::string>> stored = cli_.Query(
      "SELECT s.id, s.symbol, s.status, s.entry_price, s.rejection_reasons, r.outcome, "
      "r.exit_reason, r.pnl_percent FROM signals s LEFT JOIN signal_results r ON r.signal_id = "
      "s.id ORDER BY s.id DESC");
  ASSERT_GT(stored.size(), list.size());  // the shadows too
  ASSERT_EQ(csv.size(), stored.size() + 1);
  std::map<std::string, std::size_t> column;
  for (std::size_t c = 0; c < csv[0].size(); ++c) column[csv[0][c]] = c;
  for (const char* name : {"id", "symbol", "status", "entry_price", "rejection_reasons",
                           "result.outcome", "result.exit_reason", "result.pnl_percent"}) {
    ASSERT_TRUE(column.count(name)) << name;
  }
  std::map<std::string, const std::vector<std::string>*> by_id;
  for (std::size_t i = 1; i < csv.size(); ++i) by_id[csv[i][column["id"]]] = &csv[i];
  ASSERT_EQ(by_id.size(), stored.size());
  std::size_t rejected = 0, with_result = 0;
  for (const std::vector<std::string>& db : stored) {
    ASSERT_TRUE(by_id.count(db[0])) << db[0];
    const std::vector<std::string>& row = *by_id[db[0]];
    ASSERT_EQ(row.size(), csv[0].size());
    EXPECT_EQ(row[column["symbol"]], db[1]);
    EXPECT_EQ(row[column["status"]], db[2]);
    EXPECT_EQ(std::stod(row[column["entry_price"]]), std::stod(db[3]));
    EXPECT_EQ(row[column["rejection_reasons"]], db[4] == "NULL" ? "" : db[4]) << db[0];
    rejected += db[4] != "NULL";
    EXPECT_EQ(row[column["result.outcome"]], db[5] == "NULL" ? "" : db[5]) << db[0];
    EXPECT_EQ(row[column["result.exit_reason"]], db[6] == "NULL" ? "" : db[6]) << db[0];
    if (db[7] == "NULL") {
      EXPECT_EQ(row[column["result.pnl_percent"]], "") << db[0];
    } else {
      ++with_result;
      EXPECT_NEAR(std::stod(row[column["result.pnl_percent"]]), std::stod(db[7]), 1e-9) << db[0];
    }
  }
  EXPECT_GT(rejected, 0u);
  EXPECT_GT(with_result, list.size());

  // The table names the check that stopped a rejected signal and how many more it failed.
  const std::vector<std::vector<std::string>> newest = cli_.Query(
      "SELECT id, gate_checks FROM signals WHERE status = 'rejected' ORDER BY id DESC LIMIT 1");
  ASSERT_EQ(newest.size(), 1u);
  std::string first;
  int failed = 0;
  for (const json& check : json::parse(newest[0][1])) {
    if (check["passed"].get<bool>()) continue;
    if (failed++ == 0) first = check["gate"].get<std::string>();
  }
  ASSERT_GT(failed, 0);
  const std::string stopped_by = first + (failed > 1 ? " +" + std::to_string(failed - 1) : "");
  const CliResult table = cli_.Run({"signals", "list", "--status", "rejected", "--limit", "1"});
  ASSERT_EQ(table.exit_code, 0) << table.err;
  EXPECT_NE(table.out.find("stopped by"), std::string::npos) << table.out;
  EXPECT_TRUE(std::regex_search(
      table.out, std::regex("\\n *" + newest[0][0] + " .* rejected  " +
                            std::regex_replace(stopped_by, std::regex("\\+"), "\\+") + " ")))
      << table.out;

  // Bad input is refused before any work, with what was wrong.
  CliResult same =
      Backtest({"--report", cli_.dir() + "/x.html", "--trades", cli_.dir() + "/x.html"});
  EXPECT_EQ(same.exit_code, 2);
  EXPECT_NE(same.err.find("--trades names the same file as --report"), std::string::npos)
      << same.err;
  CliResult nowhere = Backtest({"--trades", cli_.dir() + "/no/such/dir/t.csv"});
  EXPECT_EQ(nowhere.exit_code, 2);
  EXPECT_NE(nowhere.err.find("cannot write the trade list to"), std::string::npos) << nowhere.err;
  EXPECT_EQ(nowhere.out, "");
}

TEST_F(BacktestCliTest, ElapsedTimeGoesToStderrOnly) {
  const CliResult run = cli_.Run({"backtest", "--data", kBtc, "--from", "2021-06-01", "--progress",
                                  "off", "--format", "json"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_TRUE(std::regex_search(
      run.err, std::regex(R"(backtest: \d{1,3}(,\d{3})* bars in \d+\.\d\d s( \(.* bars/s\))?\n)")))
      << run.err;
  EXPECT_EQ(run.out.find("bars in"), std::string::npos);
  const json r = json::parse(run.out);  // stdout is the JSON alone
  EXPECT_EQ(r["period"]["from"], "2021-06-01T00:00:00Z");
}

TEST_F(BacktestCliTest, AFromNearTheEarliestTimeDoesNotWrapTheWarmUpAround) {
  // 3650 warm-up days before 1678-01-01 lie before the earliest time a UnixNanos can hold:
  // the warm-up starts at the earliest time instead, and every bar up to --to is traded.
  const CliResult run = cli_.Run({"backtest", "--data", kBtc, "--from", "1678-01-01", "--to",
                                  "2020-12-03", "--progress", "off", "--format", "json"},
                                 {{"PULSE_FEATURES__WARM_UP_DAYS", "3650"}});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const json r = json::parse(run.out);
  EXPECT_EQ(r["period"]["from"], "2020-12-01T00:00:00Z");
  EXPECT_EQ(r["period"]["to"], "2020-12-03T00:00:00Z");
  EXPECT_EQ(r["period"]["bar_closes"], 2 * 288);
}

TEST_F(BacktestCliTest, AnEmptyRangeNamesTheBoundsGivenAndTheDataSpan) {
  const std::string span = "(the data spans 2020-12-01T00:00:00Z .. 2021-07-17T21:05:00Z)";
  CliResult r = cli_.Run({"backtest", "--data", kBtc, "--from", "2022-01-01", "--progress", "off"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "error: no bars from 2022-01-01T00:00:00Z on " + span + "\n");
  r = cli_.Run({"backtest", "--data", kBtc, "--to", "2019-01-01", "--progress", "off"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "error: no bars before 2019-01-01T00:00:00Z " + span + "\n");
  r = cli_.Run({"backtest", "--data", kBtc, "--from", "2019-01-01", "--to", "2019-02-01",
                "--progress", "off"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "error: no bars between 2019-01-01T00:00:00Z and 2019-02-01T00:00:00Z " + span + "\n");
}

TEST_F(BacktestCliTest, AReportThatCannotBeWrittenIsRefusedBeforeTheRun) {
  CliResult r = cli_.Run({"backtest", "--data", kBtc, "--format", "json", "--report",
                          "/nonexistent/dir/r.html", "--progress", "off"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err,
            "error: cannot write the report to '/nonexistent/dir/r.html': No such file or "
            "directory\n");
  r = cli_.Run({"backtest", "--data", kBtc, "--report", cli_.dir(), "--progress", "off"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, "error: cannot write the report to '" + cli_.dir() + "': Is a directory\n");
  // A run that fails leaves no report file behind, and an existing one untouched.
  const std::string fresh = cli_.dir() + "/fresh.html";
  r = cli_.Run(
      {"backtest", "--data", kBtc, "--from", "2022-01-01", "--report", fresh, "--progress", "off"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_FALSE(std::filesystem::exists(fresh));
  const std::string old = cli_.WriteFile("old.html", "<p>old</p>");
  r = cli_.Run(
      {"backtest", "--data", kBtc, "--from", "2022-01-01", "--report", old, "--progress", "off"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(ReadTextFile(old), "<p>old</p>");
}

// --store keeps the backtest's store: `pulse stats` over it says what the report said, the
// snapshots of the run are in it, and a file that exists already is never replaced.
TEST_F(BacktestCliTest, TheKeptStoreGivesTheSameFiguresToPulseStats) {
  const std::string store = cli_.dir() + "/backtest.db";
  const std::vector<std::string> args = {
      "backtest", "--data",     kBtc,         "--data", kEth,       "--from", "2021-04-01",
      "--to",     "2021-05-01", "--progress", "off",    "--format", "json"};
  const std::map<std::string, std::string> loose = {{"PULSE_SIGNAL__GATES__MIN_CONFIDENCE", "0.6"},
                                                    {"PULSE_SIGNAL__GATES__VOLUME", "false"}};
  std::vector<std::string> keep = args;
  keep.insert(keep.end(), {"--store", store});
  const CliResult run = cli_.Run(keep, loose);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  // The report is the one without --store, byte for byte.
  const CliResult plain = cli_.Run(args, loose);
  ASSERT_EQ(plain.exit_code, 0) << plain.err;
  EXPECT_EQ(run.out, plain.out);
  EXPECT_NE(run.err.find("backtest: store written to " + store + " (pulse stats --db sqlite://" +
                         store + " --at 2021-05-01T00:00:00Z --days 30)"),
            std::string::npos)
      << run.err;
  const json report = json::parse(run.out);
  ASSERT_GE(report["trades"]["count"].get<int>(), 5);

  const std::string url = "sqlite://" + store;
  const CliResult stats = cli_.Run(
      {"stats", "--db", url, "--at", "2021-05-01T00:00:00Z", "--days", "30", "--format", "json"},
      loose);
  ASSERT_EQ(stats.exit_code, 0) << stats.err;
  const json s = json::parse(stats.out);
  for (const char* key : {"count", "wins", "losses", "breakevens", "max_consecutive_losses"}) {
    EXPECT_EQ(s["trades"][key], report["trades"][key]) << key;
  }
  for (const char* key : {"total_pnl_quote", "profit_factor", "expectancy_pct", "sqn"}) {
    EXPECT_NEAR(s["trades"][key].get<double>(), report["trades"][key].get<double>(), 1e-9) << key;
  }
  EXPECT_EQ(s["shadows"]["overall"]["count"], report["shadows"]["overall"]["count"]);
  EXPECT_EQ(s["shadows"]["overall"]["wins"], report["shadows"]["overall"]["wins"]);

  const CliResult listed =
      cli_.Run({"signals", "list", "--db", url, "--status", "all", "--format", "json"});
  ASSERT_EQ(listed.exit_code, 0) << listed.err;
  EXPECT_EQ(json::parse(listed.out).size(), report["signals"]["stored"].get<std::size_t>());

  // The run's snapshots: the last day end's `all` of every trade.
  const CliResult snapshots =
      cli_.Run({"stats", "snapshots", "--db", url, "--at", "2021-05-01T00:00:00Z", "--scope",
                "overall", "--window", "all", "--format", "json"});
  ASSERT_EQ(snapshots.exit_code, 0) << snapshots.err;
  const json rows = json::parse(snapshots.out);
  ASSERT_EQ(rows.size(), 1u) << snapshots.out;
  EXPECT_EQ(rows[0]["taken_at"], "2021-05-01T00:00:00Z");
  EXPECT_EQ(rows[0]["metrics"]["trades"]["count"], report["trades"]["count"]);
  // And as charts: every snapshot of the 30d window up to the moment, a line per scope.
  const std::string page = cli_.dir() + "/snapshots.html";
  const CliResult charted = cli_.Run(
      {"stats", "snapshots", "--db", url, "--at", "2021-05-01T00:00:00Z", "--report", page});
  ASSERT_EQ(charted.exit_code, 0) << charted.err;
  EXPECT_NE(charted.err.find("stats snapshots: report written to " + page), std::string::npos);
  const std::string html = ReadTextFile(page);
  EXPECT_NE(html.find("Window <b>30d</b>"), std::string::npos);
  EXPECT_NE(html.find("<h3>Win rate (%)</h3><svg"), std::string::npos);
  EXPECT_NE(html.find("<h3>P&amp;L (quote, after fees)</h3><svg"), std::string::npos);
  EXPECT_NE(html.find(">overall</text>"), std::string::npos);
  EXPECT_NE(html.find(">symbol:ETHUSDT</text>"), std::string::npos);

  // Never over a file that exists: the store is left as it was, before any work.
  const std::string before = ReadTextFile(store);
  const CliResult again = cli_.Run(keep, loose);
  EXPECT_EQ(again.exit_code, 2);
  EXPECT_EQ(again.out, "");
  EXPECT_EQ(again.err, "error: '" + store +
                           "' already exists: the backtest's store goes to a new file (remove it "
                           "or name another)\n");
  EXPECT_EQ(ReadTextFile(store), before);
  // A run that fails leaves no store behind; a directory that does not exist is named first.
  const std::string fresh = cli_.dir() + "/fresh.db";
  CliResult failed = cli_.Run(
      {"backtest", "--data", kBtc, "--from", "2022-01-01", "--store", fresh, "--progress", "off"});
  EXPECT_EQ(failed.exit_code, 2);
  EXPECT_FALSE(std::filesystem::exists(fresh));
  failed = cli_.Run(
      {"backtest", "--data", kBtc, "--store", "/nonexistent/dir/b.db", "--progress", "off"});
  EXPECT_EQ(failed.exit_code, 2);
  EXPECT_EQ(failed.err,
            "error: cannot write the backtest's store to '/nonexistent/dir/b.db': No such file "
            "or directory\n");
}

TEST_F(BacktestCliTest, AConfigPathThatIsADirectoryIsRefused) {
  const CliResult r = cli_.Run({"--config", cli_.dir(), "backtest", "--data", kBtc, "--progress",
                                "off", "--format", "json"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_NE(r.err.find(cli_.dir() + ": cannot read the config file: Is a directory"),
            std::string::npos)
      << r.err;
}

}  // namespace
}  // namespace pulse::testing
