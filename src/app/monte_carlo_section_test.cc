#include "app/monte_carlo_section.h"

#include <regex>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "analytics/paper_reconciliation.h"
#include "analytics/trade_monte_carlo.h"

namespace pulse::app {
namespace {

analytics::TradeRecord Trade(SignalId id, UnixNanos exit, std::optional<double> pnl_quote,
                             Outcome outcome) {
  analytics::TradeRecord t;
  t.signal_id = id;
  t.exit_time = exit;
  t.pnl_quote = pnl_quote;
  t.outcome = outcome;
  return t;
}

// On 1,000: +100 (win), -220 (loss), +44 (win), -73.92 (loss), one without a quote P&L.
const std::vector<analytics::TradeRecord> kTrades = {
    Trade(1, 10, 100, Outcome::kWin), Trade(2, 20, -220, Outcome::kLoss),
    Trade(3, 25, std::nullopt, Outcome::kWin), Trade(4, 30, 44, Outcome::kWin),
    Trade(5, 40, -73.92, Outcome::kLoss)};

MonteCarloSettings Settings() {
  MonteCarloSettings s;
  s.simulations = 400;
  s.seed = 9;
  s.drawdown_limit = 0.25;
  s.streak_limit = 2;
  return s;
}

TEST(MonteCarloSectionTest, JsonIsTheSimulationInPercent) {
  const auto json = MonteCarloJson(kTrades, 1000, Settings());
  ASSERT_TRUE(json.ok()) << json.status();
  const nlohmann::ordered_json& m = *json;
  // The same simulation run directly: returns 0.1, -0.2, 0.05, -0.08 on the equity before.
  const std::vector<analytics::AccountTrade> account = {
      {0.1, false}, {-0.2, true}, {0.05, false}, {-0.08, true}};
  analytics::MonteCarloOptions options;
  options.simulations = 400;
  options.seed = 9;
  options.drawdown_limits = {0.25};
  options.streak_limits = {2};
  const auto direct = analytics::RunTradeMonteCarlo(account, options);
  ASSERT_TRUE(direct.ok());
  EXPECT_EQ(m["trades"], 4);
  EXPECT_EQ(m["simulations"], 400);
  EXPECT_EQ(m["seed"], 9);
  EXPECT_EQ(m["capital"], 1000.0);
  // 1,000 -> 1,100 -> 880 -> 924 -> 850.08: the return -14.992 %, the fall from 1,100 to
  // 850.08.
  EXPECT_NEAR(m["observed"]["return_pct"].get<double>(), -14.992, 1e-9);
  EXPECT_NEAR(m["observed"]["max_drawdown_pct"].get<double>(), (850.08 / 1100 - 1) * 100, 1e-9);
  EXPECT_EQ(m["observed"]["longest_losing_streak"], 1);
  EXPECT_EQ(m["limits"]["max_drawdown_pct"], 25.0);
  EXPECT_EQ(m["limits"]["losing_streak"], 2);
  const auto& s = m["shuffle"];
  EXPECT_NEAR(s["max_drawdown_pct"]["p50"].get<double>(), direct->shuffle.max_drawdown.p50 * 100,
              1e-12);
  EXPECT_NEAR(s["max_drawdown_pct"]["p5"].get<double>(), direct->shuffle.max_drawdown.p5 * 100,
              1e-12);
  EXPECT_EQ(s["longest_losing_streak"]["p95"].get<double>(), direct->shuffle.longest_losing.p95);
  EXPECT_NEAR(s["as_deep_pct"].get<double>(), direct->shuffle.share_as_deep * 100, 1e-12);
  EXPECT_NEAR(s["streak_limit_pct"].get<double>(), direct->shuffle.share_streak[0] * 100, 1e-12);
  const auto& b = m["bootstrap"];
  EXPECT_NEAR(b["return_pct"]["mean"].get<double>(), direct->bootstrap.total_return.mean * 100,
              1e-12);
  EXPECT_NEAR(b["losing_money_pct"].get<double>(), direct->bootstrap.share_losing_money * 100,
              1e-12);
  EXPECT_NEAR(b["beyond_drawdown_limit_pct"].get<double>(), direct->bootstrap.share_beyond[0] * 100,
              1e-12);
  // Each histogram holds every path, in adjacent bins.
  for (const auto* bins : {&s["max_drawdown_histogram"], &b["return_histogram"]}) {
    std::int64_t paths = 0;
    for (std::size_t i = 0; i < bins->size(); ++i) {
      paths += (*bins)[i]["count"].get<std::int64_t>();
      if (i > 0) {
        EXPECT_EQ((*bins)[i]["lower"], (*bins)[i - 1]["upper"]);
      }
    }
    EXPECT_EQ(paths, 400);
  }
  // The same trades and seed give the same bytes.
  EXPECT_EQ(MonteCarloJson(kTrades, 1000, Settings())->dump(), m.dump());
}

TEST(MonteCarloSectionTest, NullWithoutSimulationsOrWithTooFewTrades) {
  MonteCarloSettings none = Settings();
  none.simulations = 0;
  EXPECT_TRUE(MonteCarloJson(kTrades, 1000, none)->is_null());
  const std::vector<analytics::TradeRecord> one(kTrades.begin(), kTrades.begin() + 1);
  EXPECT_TRUE(MonteCarloJson(one, 1000, Settings())->is_null());
  EXPECT_EQ(MonteCarloText(nullptr), "");
  EXPECT_NE(MonteCarloHtml(nullptr).find("fewer than 2 trades"), std::string::npos);
  // An account the trades would wipe out is refused by name.
  const auto wiped = MonteCarloJson(kTrades, 100, Settings());
  ASSERT_FALSE(wiped.ok());
  EXPECT_NE(wiped.status().message().find("signal 2"), std::string::npos);
}

TEST(MonteCarloSectionTest, SettingsComeFromTheBreakersAndSimulationsAreChecked) {
  risk::RiskConfig risk;
  risk.breakers.max_drawdown_limit = 0.2;
  risk.breakers.max_consecutive_losses = 4;
  const MonteCarloSettings s = MonteCarloSettingsFor(risk, 250, 3);
  EXPECT_EQ(s.simulations, 250);
  EXPECT_EQ(s.seed, 3u);
  EXPECT_EQ(s.drawdown_limit, 0.2);
  EXPECT_EQ(s.streak_limit, 4);
  EXPECT_TRUE(CheckMonteCarloFlags(0, 0).ok());
  EXPECT_TRUE(CheckMonteCarloFlags(analytics::kMaxMonteCarloSimulations, 7).ok());
  EXPECT_FALSE(CheckMonteCarloFlags(-1, 1).ok());
  EXPECT_NE(CheckMonteCarloFlags(analytics::kMaxMonteCarloSimulations + 1, 1)
                .message()
                .find("--simulations"),
            std::string::npos);
  EXPECT_EQ(CheckMonteCarloFlags(10, -1).message(), "--seed must be >= 0, got -1");
}

TEST(MonteCarloSectionTest, TextAndHtmlShowTheFigures) {
  const auto json = MonteCarloJson(kTrades, 1000, Settings());
  ASSERT_TRUE(json.ok());
  const std::string text = MonteCarloText(*json);
  EXPECT_NE(text.find("Monte Carlo of the 4 trades' quote P&L on 1000.00 (the signals' account), "
                      "400 paths each (seed 9): as taken, max drawdown -22.72 %, return -14.99 %, "
                      "longest losing streak 1\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("beyond 25.00 % in "), std::string::npos);
  EXPECT_NE(text.find("2 losses in a row in "), std::string::npos);
  EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 3);

  const std::string html = MonteCarloHtml(*json);
  EXPECT_NE(html.find("<h3>Max drawdown of the shuffled paths (%)</h3><svg"), std::string::npos);
  EXPECT_NE(html.find("<h3>Return of the bootstrap paths (%)</h3><svg"), std::string::npos);
  // One bin of each chart, the one holding the observed value, is orange; the bars hold every
  // path of both charts.
  const std::regex orange("<rect class=\"bar\"[^>]*fill=\"#ff7f0e\"");
  EXPECT_EQ(
      std::distance(std::sregex_iterator(html.begin(), html.end(), orange), std::sregex_iterator()),
      2);
  std::int64_t counted = 0;
  const std::regex bar("<rect class=\"bar\"[^>]*><title>[^<]*: ([0-9]+)</title>");
  for (auto it = std::sregex_iterator(html.begin(), html.end(), bar); it != std::sregex_iterator();
       ++it) {
    counted += std::stoll((*it)[1]);
  }
  EXPECT_EQ(counted, 2 * 400);
}

// The paper account's positions through the same section: the JSON of their account returns
// equals that of the same P&Ls as trades, and the text and HTML name the account.
TEST(MonteCarloSectionTest, ThePaperAccountsPositionsGetTheSameSection) {
  std::vector<analytics::PositionReconciliation> positions(4);
  const double pnls[] = {100, -220, 44, -73.92};
  for (std::size_t i = 0; i < positions.size(); ++i) {
    positions[i].position_id = static_cast<std::int64_t>(i + 1);
    positions[i].closed_at = static_cast<UnixNanos>(10 * (i + 1));
    positions[i].paper = pnls[i];
  }
  const auto booked = analytics::PaperAccountTrades(positions, 1000);
  ASSERT_TRUE(booked.ok()) << booked.status();
  const auto json = MonteCarloJson(*booked, 1000, Settings());
  ASSERT_TRUE(json.ok()) << json.status();
  EXPECT_EQ(json->dump(), MonteCarloJson(kTrades, 1000, Settings())->dump());

  const std::string text = MonteCarloText(*json, MonteCarloOf::kPaper);
  EXPECT_EQ(text.rfind("Monte Carlo of the paper account's 4 positions on 1000.00, 400 paths each "
                       "(seed 9): as taken, max drawdown -22.72 %, return -14.99 %, longest losing "
                       "streak 1\n",
                       0),
            0u)
      << text;
  // The lines after the first are those of the signals' section.
  const std::string signals_text = MonteCarloText(*json);
  EXPECT_EQ(text.substr(text.find('\n')), signals_text.substr(signals_text.find('\n')));
  const std::string html = MonteCarloHtml(*json, MonteCarloOf::kPaper);
  EXPECT_EQ(html.rfind("<h2>Monte Carlo of the paper account</h2><p>The 4 closed positions are one "
                       "draw of what the account trades.",
                       0),
            0u)
      << html.substr(0, 200);
  EXPECT_NE(html.find("<h3>Max drawdown of the shuffled paths (%)</h3><svg"), std::string::npos);
  EXPECT_EQ(MonteCarloHtml(nullptr, MonteCarloOf::kPaper),
            "<h2>Monte Carlo of the paper account</h2><p>fewer than 2 closed positions</p>");
}

}  // namespace
}  // namespace pulse::app
