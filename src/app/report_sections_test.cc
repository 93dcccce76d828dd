#include "app/report_sections.h"

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "app/json_views.h"

namespace pulse::app {
namespace {

UnixNanos T(const char* s) { return *ParseIso8601(s); }

analytics::TradeRecord Trade(SignalId id, const char* exit, std::optional<double> quote,
                             double pnl_pct = 1) {
  analytics::TradeRecord t;
  t.signal_id = id;
  t.exit_time = T(exit);
  t.entry_time = t.exit_time - kNanosPerHour;
  t.pnl_percent = pnl_pct;
  t.pnl_quote = quote;
  t.outcome =
      pnl_pct > 0.5 ? Outcome::kWin : (pnl_pct < -0.5 ? Outcome::kLoss : Outcome::kBreakeven);
  return t;
}

OutcomeResolved Shadow(SignalId id, std::vector<GateCheck> checks, double pnl_pct, double quote,
                       bool shadow = true) {
  OutcomeResolved o;
  o.shadow = shadow;
  o.signal.id = id;
  o.signal.symbol = "BTCUSDT";
  o.signal.status = SignalStatus::kRejected;
  o.signal.gate_checks = std::move(checks);
  o.result.signal_id = id;
  o.result.entry_time = T("2026-03-01T10:00:00Z");
  o.result.exit_time = T("2026-03-01T12:00:00Z");
  o.result.pnl_percent = pnl_pct;
  o.result.pnl_quote_total = quote;
  o.result.outcome = pnl_pct > 0 ? Outcome::kWin : Outcome::kLoss;
  return o;
}

TEST(ReportSectionsTest, AttributedSourcesAreTheContributionsWithoutRepeats) {
  OutcomeResolved o;
  o.signal.source = "ensemble";
  EXPECT_EQ(AttributedSources(o), (std::vector<std::string>{"ensemble"}));
  o.contributions = {{1, "theory:rsi", 0.3, true, 0},
                     {1, "model:xgb", 0.1, true, 0},
                     {1, "theory:rsi", 0.2, true, 0}};
  EXPECT_EQ(AttributedSources(o), (std::vector<std::string>{"theory:rsi", "model:xgb"}));
}

TEST(ReportSectionsTest, StoppedByIsTheFirstFailedCheck) {
  Signal s;
  EXPECT_EQ(StoppedBy(s), "unknown");
  s.gate_checks = {{"confidence", 0.8, 0.7, true, ""},
                   {"volume", 1.2, 2.0, false, "volume"},
                   {"risk:daily_loss", 0.05, 0.04, false, "daily loss"}};
  EXPECT_EQ(StoppedBy(s), "volume");
}

// A 1000 account: +10 on day 1, -20 on day 2 (and a trade without a quote P&L, left out),
// nothing on day 3.
TEST(ReportSectionsTest, DailyTradeReturnStatsBooksQuotePnlOnExitDays) {
  const std::vector<analytics::TradeRecord> trades = {
      Trade(1, "2026-03-01T10:00:00Z", 10.0), Trade(2, "2026-03-02T15:00:00Z", -20.0),
      Trade(3, "2026-03-02T16:00:00Z", std::nullopt)};
  auto stats =
      DailyTradeReturnStats(trades, 1000, T("2026-03-01T06:00:00Z"), T("2026-03-03T12:00:00Z"));
  ASSERT_TRUE(stats.ok()) << stats.status();
  const double r[] = {1010.0 / 1000 - 1, 990.0 / 1010 - 1, 0.0};
  EXPECT_EQ(stats->periods, 3);
  EXPECT_NEAR(stats->total_return, 990.0 / 1000 - 1, 1e-12);
  EXPECT_NEAR(stats->drawdown.max_drawdown, 990.0 / 1010 - 1, 1e-12);
  const double mean = (r[0] + r[1] + r[2]) / 3;
  double var = 0;
  for (double x : r) var += (x - mean) * (x - mean);
  const double sd = std::sqrt(var / 2);  // sample deviation
  EXPECT_NEAR(stats->sharpe, mean / sd * std::sqrt(365.0), 1e-9);
  // The worst day is the 5 % quantile of three returns: r1 + 0.1 * (r2 - r1) (linear).
  EXPECT_NEAR(stats->var_95, r[1] + 0.1 * (r[2] - r[1]), 1e-12);

  // No trade with a quote P&L: a flat account, every day returns 0.
  auto flat = DailyTradeReturnStats({}, 1000, T("2026-03-01T06:00:00Z"), T("2026-03-02T06:00:00Z"));
  ASSERT_TRUE(flat.ok()) << flat.status();
  EXPECT_EQ(flat->periods, 2);
  EXPECT_EQ(flat->total_return, 0);
}

TEST(ReportSectionsTest, DailyTradeReturnStatsRefusesWhatHasNoReturns) {
  const std::vector<analytics::TradeRecord> trades = {Trade(1, "2026-03-01T10:00:00Z", -1500.0)};
  const UnixNanos from = T("2026-03-01T00:00:00Z");
  const UnixNanos to = T("2026-03-02T00:00:00Z");
  EXPECT_EQ(DailyTradeReturnStats(trades, 1000, from, to).status().code(),
            StatusCode::kInvalidArgument);  // equity below zero
  EXPECT_EQ(DailyTradeReturnStats({}, 0, from, to).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(DailyTradeReturnStats(trades, 10000, T("2026-03-01T11:00:00Z"), to).status().code(),
            StatusCode::kInvalidArgument);  // the trade exits before the start
  EXPECT_EQ(DailyTradeReturnStats({}, 1000, to, from).status().code(),
            StatusCode::kInvalidArgument);
}

TEST(ReportSectionsTest, BreakdownTablesNameTheWeekdays) {
  // Entries (an hour before each exit): Monday 2026-03-09 09:00 and Sunday 2026-03-15 22:00.
  const std::vector<analytics::TradeRecord> trades = {Trade(1, "2026-03-09T10:00:00Z", 20, 2),
                                                      Trade(2, "2026-03-15T23:00:00Z", -10, -1)};
  constexpr analytics::BreakdownKey kKeys[] = {analytics::BreakdownKey::kWeekday,
                                               analytics::BreakdownKey::kTimeframe};
  const nlohmann::ordered_json j = BreakdownsJson(trades, kKeys);
  ASSERT_EQ(j["weekday"].size(), 2u);
  EXPECT_EQ(j["weekday"][0]["label"], "1");  // the JSON keeps the ISO number
  const std::string text = BreakdownsText(j);
  EXPECT_NE(text.find("\nBy weekday\n"), std::string::npos);
  EXPECT_NE(text.find("\n1 Mon         1      100.00"), std::string::npos) << text;
  EXPECT_NE(text.find("\n7 Sun         1        0.00"), std::string::npos) << text;
  EXPECT_EQ(BreakdownLabel("weekday", "3"), "3 Wed");
  EXPECT_EQ(BreakdownLabel("hour", "3"), "3");
  EXPECT_EQ(BreakdownLabel("weekday", "none"), "none");
}

TEST(ReportSectionsTest, GroupsWithoutSizedTradesHaveNoQuotePnl) {
  // A sized trade on Monday, an unsized one (no quote P&L) on Sunday.
  const std::vector<analytics::TradeRecord> trades = {
      Trade(1, "2026-03-09T10:00:00Z", 20, 2), Trade(2, "2026-03-15T23:00:00Z", std::nullopt, -1)};
  constexpr analytics::BreakdownKey kKeys[] = {analytics::BreakdownKey::kWeekday};
  const nlohmann::ordered_json j = BreakdownsJson(trades, kKeys);
  ASSERT_EQ(j["weekday"].size(), 2u);
  EXPECT_EQ(j["weekday"][0]["total_pnl_quote"].get<double>(), 20);
  EXPECT_TRUE(j["weekday"][1]["total_pnl_quote"].is_null()) << j.dump();
  const std::string text = BreakdownsText(j);
  EXPECT_NE(text.find("\n7 Sun         1        0.00        -1.000           0.00            -\n"),
            std::string::npos)
      << text;

  // Over both: the total is the sized trade's, and says how many trades it covers.
  const nlohmann::ordered_json both = TradeStatsToJson(analytics::ComputeTradeStats(trades));
  EXPECT_EQ(both["quote_count"], 1);
  EXPECT_EQ(both["total_pnl_quote"].get<double>(), 20);
  const nlohmann::ordered_json unsized =
      TradeStatsToJson(analytics::ComputeTradeStats(std::span(trades).subspan(1)));
  EXPECT_EQ(unsized["quote_count"], 0);
  EXPECT_TRUE(unsized["total_pnl_quote"].is_null());
  EXPECT_TRUE(unsized["expectancy_quote"].is_null());
  // No trades at all: nothing was left unsized, the total is 0.
  EXPECT_EQ(TradeStatsToJson(analytics::ComputeTradeStats({}))["total_pnl_quote"].get<double>(), 0);
}

TEST(ReportSectionsTest, DaysWithoutAGainSayNoWinningDay) {
  // 10,000 on 2026-03-09; -120 on the 10th, then flat to the 12th.
  const std::vector<analytics::EquityPoint> curve = {{T("2026-03-09T06:00:00Z"), 10000},
                                                     {T("2026-03-10T00:50:00Z"), 9880},
                                                     {T("2026-03-12T12:00:00Z"), 9880}};
  // One trade, held from 2026-03-09T18:00 to its exit at 2026-03-10T00:50.
  std::vector<analytics::TradeRecord> trade = {Trade(1, "2026-03-10T00:50:00Z", -120, -1.2)};
  trade[0].entry_time = T("2026-03-09T18:00:00Z");
  Result<nlohmann::ordered_json> d = DailyFiguresJson(curve, trade);
  ASSERT_TRUE(d.ok()) << d.status();
  EXPECT_EQ((*d)["days"], 4);
  EXPECT_EQ((*d)["winning_days"], 0);
  EXPECT_EQ((*d)["best_day"], "2026-03-09");  // the highest return, 0
  EXPECT_EQ((*d)["best_day_pct"], 0.0);
  EXPECT_NEAR((*d)["trades_per_day"].get<double>(), 0.25, 1e-15);
  // 6 h 50 min of the curve's 78 hours.
  EXPECT_NEAR((*d)["time_in_market_pct"].get<double>(), 100.0 * 410 / (78 * 60), 1e-12);
  EXPECT_EQ(DailyFiguresText(*d),
            "days: 4 (0 winning, 3 flat, 1 losing), 0.25 trades a day, a trade open 8.8 % of the "
            "time; no winning day, worst "
            "2026-03-10 -1.20 %\nequity: low 9,880.00 at 2026-03-10T00:50, high 10,000.00 at "
            "2026-03-09T06:00; deepest fall 120.00 (-1.20 %) from 2026-03-09T06:00 to "
            "2026-03-10T00:50\nunder water: the longest time below a high 2.5 days (since "
            "2026-03-10T00:50, not back by 2026-03-12T12:00)\n");
  EXPECT_NEAR((*d)["longest_underwater_days"].get<double>(), 2.5 - 50.0 / 60 / 24, 1e-12);
  EXPECT_EQ((*d)["longest_underwater_recovered"], false);
  const std::vector<analytics::EquityPoint> flat = {{T("2026-03-09T06:00:00Z"), 10000},
                                                    {T("2026-03-09T07:00:00Z"), 10000}};
  d = DailyFiguresJson(flat, {});
  ASSERT_TRUE(d.ok()) << d.status();
  EXPECT_EQ(DailyFiguresText(*d),
            "days: 1 (0 winning, 1 flat, 0 losing), 0.00 trades a day, a trade open 0.0 % of the "
            "time; no winning day, no losing day\nequity: low 10,000.00 at 2026-03-09T06:00, high "
            "10,000.00 at 2026-03-09T06:00; "
            "it never fell below a high\n");
  EXPECT_FALSE(DailyFiguresJson({}, {}).ok());
}

TEST(ReportSectionsTest, ShadowsAreGroupedByTheGateThatStoppedThem) {
  const GateCheck low_confidence{"confidence", 0.6, 0.7, false, "confidence"};
  const GateCheck passed{"volume", 3, 2, true, ""};
  const GateCheck daily_loss{"risk:daily_loss", 0.05, 0.04, false, "daily loss"};
  const std::vector<OutcomeResolved> outcomes = {
      Shadow(1, {low_confidence}, 2.0, 20), Shadow(2, {passed, low_confidence}, -1.0, -10),
      Shadow(3, {passed, daily_loss, low_confidence}, -3.0, -30),
      Shadow(4, {}, 5.0, 50, /*shadow=*/false)};  // traded: not a shadow
  auto j = ShadowsJson(outcomes, /*with_quote_pnl=*/true);
  ASSERT_TRUE(j.ok()) << j.status();
  EXPECT_EQ((*j)["overall"]["count"], 3);
  EXPECT_DOUBLE_EQ((*j)["overall"]["total_pnl_pct"].get<double>(), 2.0 - 1.0 - 3.0);
  const auto& gates = (*j)["by_gate"];
  ASSERT_EQ(gates.size(), 2u);
  EXPECT_EQ(gates[0]["gate"], "confidence");
  EXPECT_EQ(gates[0]["count"], 2);
  EXPECT_DOUBLE_EQ(gates[0]["win_rate_pct"].get<double>(), 50.0);
  EXPECT_DOUBLE_EQ(gates[0]["total_pnl_pct"].get<double>(), 1.0);
  EXPECT_DOUBLE_EQ(gates[0]["saved_pnl_pct"].get<double>(), -1.0);
  EXPECT_DOUBLE_EQ(gates[0]["total_pnl_quote"].get<double>(), 10.0);
  EXPECT_EQ(gates[1]["gate"], "risk:daily_loss");
  EXPECT_DOUBLE_EQ(gates[1]["saved_pnl_pct"].get<double>(), 3.0);
  auto plain = ShadowsJson(outcomes);
  ASSERT_TRUE(plain.ok());
  EXPECT_FALSE((*plain)["by_gate"][0].contains("total_pnl_quote"));
}

TEST(ReportSectionsTest, ControllerEpisodeAndFigureText) {
  const ControllerStatusRow row{7,
                                T("2026-03-01T12:00:00Z"),
                                RiskState::kRed,
                                RiskState::kGreen,
                                {{"win_rate", 0.6, 0.65, "win rate 60% < 65%"}}};
  const nlohmann::ordered_json e = ControllerEpisodeJson(row);
  EXPECT_EQ(e.dump(), R"({"at":"2026-03-01T12:00:00Z","state":"red","previous":"green",)"
                      R"("reasons":["win rate 60% < 65%"]})");
  EXPECT_EQ(ControllerEpisodeJson({1, 0, RiskState::kGreen, std::nullopt, {}})["previous"],
            nullptr);
  EXPECT_EQ(FigureText(nullptr), "-");
  EXPECT_EQ(FigureText("inf"), "inf");
  EXPECT_EQ(FigureText(12), "12");
  EXPECT_EQ(FigureText(1.23456, "{:.3f}"), "1.235");
  EXPECT_EQ(FigureText(-0.00001, "{:.4f}"), "0.0000");  // not "-0.0000"
  EXPECT_EQ(FigureText(-0.0, "{:.2f}"), "0.00");
  EXPECT_EQ(FigureText(-0.001, "{:+.2f}"), "+0.00");
  EXPECT_EQ(FigureText(-0.006, "{:+.2f}"), "-0.01");
  EXPECT_EQ(FigureText(-0.5, "{:.0f}"), "0");
  EXPECT_EQ(FigureText(-1e-300, "{:.4g}"), "-1e-300");
}

// The snapshots write the trade figures as text, the reports as a document: the same values
// (numbers, null for NaN and absent figures, "inf" for infinities) under the same keys in the
// same order.
TEST(JsonFieldsTest, TextFieldsGiveTheDocumentsValues) {
  analytics::TradeStats s;
  s.count = 7;
  s.wins = 3;
  s.losses = 4;
  s.win_rate_pct = 300.0 / 7;
  s.avg_win_pct = 2.5164063508495844;
  s.avg_loss_pct = -1.328973303964297;
  s.expectancy_pct = std::nan("");
  s.payoff_ratio = 1.0;
  s.profit_factor = std::numeric_limits<double>::infinity();
  s.sqn = std::nullopt;
  s.quote_count = 5;
  s.total_pnl_quote = -std::numeric_limits<double>::infinity();
  s.avg_hold_minutes = 1e-7;
  s.best_pnl_pct = 2.5e20;
  s.best_signal_id = 12;
  s.worst_signal_id = -1;
  std::string text = "{";
  JsonTextFields fields(text);
  WriteTradeStats(s, fields);
  text += "}";
  const nlohmann::ordered_json parsed = nlohmann::ordered_json::parse(text);
  const nlohmann::ordered_json tree = TradeStatsToJson(s);
  EXPECT_EQ(parsed, tree) << text << "\n" << tree.dump();
  std::vector<std::string> parsed_keys, tree_keys;
  for (const auto& [key, value] : parsed.items()) parsed_keys.push_back(key);
  for (const auto& [key, value] : tree.items()) tree_keys.push_back(key);
  EXPECT_EQ(parsed_keys, tree_keys);
  EXPECT_EQ(parsed["profit_factor"], "inf");
  EXPECT_EQ(parsed["total_pnl_quote"], "-inf");
  EXPECT_EQ(parsed["quote_count"], 5);
  EXPECT_TRUE(parsed["expectancy_pct"].is_null());
  EXPECT_TRUE(parsed["sqn"].is_null());
  EXPECT_EQ(parsed["avg_win_pct"].get<double>(), 2.5164063508495844);
}

}  // namespace
}  // namespace pulse::app
