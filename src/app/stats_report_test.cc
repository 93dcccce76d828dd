#include "app/stats_report.h"

#include <algorithm>
#include <cmath>
#include <regex>

#include <gtest/gtest.h>

#include "adapters/storage/migrator.h"
#include "adapters/storage/open_database.h"
#include "adapters/storage/sql_candle_store.h"
#include "analytics/light_forecast.h"
#include "app/stats_html.h"
#include "support/in_memory_controller_store.h"
#include "support/in_memory_portfolio_store.h"
#include "support/in_memory_signal_store.h"

namespace pulse::app {
namespace {

using nlohmann::ordered_json;

UnixNanos T(const char* s) { return *ParseIso8601(s); }

// "Now" is a Wednesday noon; the trades closed one, two, three and forty days before.
const UnixNanos kNow = T("2026-03-11T12:00:00Z");

class StatsReportTest : public ::testing::Test {
 protected:
  StatsReportTest() {
    // Traded: A (BTC, ensemble of rsi and xgb) +4 %, quote +4; B (ETH, manual) -2 %, quote -8;
    // C (BTC, rsi only) +0.2 % breakeven without a size; D (SOL) forty days ago.
    a_ = Add("BTCUSDT", "ensemble", {"theory:rsi", "model:xgb"}, 0.85, "2026-03-10T10:00:00Z",
             "2026-03-10T12:00:00Z", 4, 4.0, Outcome::kWin);
    b_ = Add("ETHUSDT", "manual", {}, 0.65, "2026-03-09T08:00:00Z", "2026-03-09T12:00:00Z", -2,
             -8.0, Outcome::kLoss);
    c_ = Add("BTCUSDT", "ensemble", {"theory:rsi"}, 0.75, "2026-03-08T23:00:00Z",
             "2026-03-09T00:30:00Z", 0.2, std::nullopt, Outcome::kBreakeven);
    Add("SOLUSDT", "manual", {}, 0.9, "2026-01-30T10:00:00Z", "2026-01-30T12:00:00Z", 5, 5.0,
        Outcome::kWin);
    // Shadows: one stopped by the confidence gate (+3 %), one denied by the daily-loss rule
    // (-1.5 %), one too old.
    s1_ = Add("BTCUSDT", "ensemble", {"theory:rsi"}, 0.6, "2026-03-10T09:00:00Z",
              "2026-03-10T11:00:00Z", 3, 3.0, Outcome::kWin,
              {{"confidence", 0.6, 0.7, false, "confidence 0.60 < 0.70"}});
    s2_ = Add("ETHUSDT", "ensemble", {"model:xgb"}, 0.8, "2026-03-09T09:00:00Z",
              "2026-03-09T10:00:00Z", -1.5, -3.0, Outcome::kLoss,
              {{"confidence", 0.8, 0.7, true, ""},
               {"risk:daily_loss", 0.05, 0.04, false, "daily loss 5% > 4%"}});
    Add("ETHUSDT", "ensemble", {}, 0.8, "2026-01-09T09:00:00Z", "2026-01-09T10:00:00Z", -1, -1.0,
        Outcome::kLoss, {{"volume", 1, 2, false, "volume"}});
    // Open: entered two hours ago.
    Signal open = MakeSignal("BTCUSDT", "manual", 0.7, SignalStatus::kPending);
    open_ = *signals_.AddSignal(open);
    SignalResult entry;
    entry.signal_id = open_;
    entry.entry_price = 100;
    entry.entry_time = kNow - 2 * kNanosPerHour;
    EXPECT_TRUE(signals_.SaveResult(entry).ok());
    // Controller: green long ago, red five days ago, yellow yesterday.
    for (const ControllerStatusRow& row :
         {ControllerStatusRow{0, T("2026-01-01T00:00:00Z"), RiskState::kGreen, std::nullopt, {}},
          ControllerStatusRow{0,
                              T("2026-03-06T12:00:00Z"),
                              RiskState::kRed,
                              RiskState::kGreen,
                              {{"consecutive_losses", 5, 5, "5 losses in a row"}}},
          ControllerStatusRow{0,
                              T("2026-03-10T12:00:00Z"),
                              RiskState::kYellow,
                              RiskState::kRed,
                              {{"win_rate", 0.68, 0.7, "win rate 68% < 70%"}}}}) {
      EXPECT_TRUE(controller_.AppendStatus(row).ok());
    }
  }

  static Signal MakeSignal(const std::string& symbol, const std::string& source, double confidence,
                           SignalStatus status) {
    Signal s;
    s.symbol = symbol;
    s.source = source;
    s.timeframe = symbol == "ETHUSDT" ? "1h" : "5m";
    s.entry_price = 100;
    s.stop_loss = 95;
    s.take_profit = 110;
    s.confidence = confidence;
    s.status = status;
    return s;
  }

  // A closed trade; with failed gate checks, a rejected candidate's shadow outcome.
  SignalId Add(const std::string& symbol, const std::string& source,
               const std::vector<std::string>& contributions, double confidence, const char* entry,
               const char* exit, double pnl_pct, std::optional<double> quote, Outcome outcome,
               std::vector<GateCheck> checks = {}) {
    Signal s = MakeSignal(symbol, source, confidence,
                          checks.empty() ? SignalStatus::kPending : SignalStatus::kRejected);
    s.created_at = T(entry);
    s.gate_checks = std::move(checks);
    const SignalId id = *signals_.AddSignal(s);
    std::vector<TheoryContribution> stored;
    for (const std::string& name : contributions) {
      stored.push_back({id, name, 0.5, std::nullopt, T(entry)});
    }
    EXPECT_TRUE(signals_.AddContributions(stored).ok());
    SignalResult r;
    r.signal_id = id;
    r.entry_price = 100;
    r.entry_time = T(entry);
    r.exit_price = 100 + pnl_pct;
    r.exit_time = T(exit);
    r.pnl_percent = pnl_pct;
    r.pnl_quote_total = quote;
    r.outcome = outcome;
    r.exit_reason = pnl_pct > 0 ? "take_profit" : "stop_loss";
    r.updated_at = T(exit);
    EXPECT_TRUE(signals_.SaveResult(r).ok());
    return id;
  }

  // The fixture's stores as at `at`, on a capital of 1000.
  StatsReportInputs Inputs(UnixNanos at = kNow) {
    StatsReportInputs inputs;
    inputs.signals = &signals_;
    inputs.controller = &controller_;
    inputs.now = at;
    inputs.capital = 1000;
    return inputs;
  }
  Result<ordered_json> Report(StatsQuery query = {}, UnixNanos at = kNow) {
    return BuildStatsReport(query, Inputs(at));
  }

  static std::vector<std::string> Labels(const ordered_json& groups) {
    std::vector<std::string> labels;
    for (const ordered_json& g : groups) labels.push_back(g["label"].get<std::string>());
    return labels;
  }

  testing::InMemorySignalStore signals_;
  testing::InMemoryControllerStore controller_;
  SignalId a_ = 0, b_ = 0, c_ = 0, s1_ = 0, s2_ = 0, open_ = 0;
};

TEST_F(StatsReportTest, TradeStatisticsOfTheWindow) {
  auto r = Report();
  ASSERT_TRUE(r.ok()) << r.status();
  const ordered_json& t = (*r)["trades"];
  EXPECT_EQ(t["count"], 3);  // the 40-day-old trade and the shadows are not in it
  EXPECT_EQ(t["wins"], 1);
  EXPECT_EQ(t["losses"], 1);
  EXPECT_EQ(t["breakevens"], 1);
  EXPECT_NEAR(t["win_rate_pct"].get<double>(), 100.0 / 3, 1e-9);
  EXPECT_NEAR(t["expectancy_pct"].get<double>(), (4 - 2 + 0.2) / 3, 1e-12);
  EXPECT_NEAR(t["profit_factor"].get<double>(), 4.0 / 2.0, 1e-12);
  EXPECT_NEAR(t["total_pnl_quote"].get<double>(), 4 - 8, 1e-12);
  EXPECT_EQ(t["quote_count"], 2);  // the breakeven was not sized
  EXPECT_EQ(t["best_signal_id"], a_);
  EXPECT_EQ(t["worst_signal_id"], b_);
  // The summary kept for older scripts agrees.
  EXPECT_EQ((*r)["days"], 30);
  EXPECT_EQ((*r)["since"], "2026-02-09T12:00:00Z");
  EXPECT_EQ((*r)["total_trades"], 3);
  EXPECT_NEAR((*r)["avg_pnl_pct"].get<double>(), (4 - 2 + 0.2) / 3, 1e-12);
  ASSERT_EQ((*r)["recent_trades"].size(), 3u);  // newest exit first
  EXPECT_EQ((*r)["recent_trades"][0]["signal_id"], a_);
  EXPECT_EQ((*r)["recent_trades"][2]["signal_id"], c_);
  ASSERT_EQ((*r)["open_positions"].size(), 1u);
  EXPECT_EQ((*r)["open_positions"][0]["signal_id"], open_);
  EXPECT_DOUBLE_EQ((*r)["open_positions"][0]["age_minutes"].get<double>(), 120.0);
}

TEST_F(StatsReportTest, DailyReturnsOnTheCapital) {
  auto r = Report();
  ASSERT_TRUE(r.ok()) << r.status();
  const ordered_json& ret = (*r)["returns"];
  EXPECT_EQ(ret["capital"], 1000.0);
  EXPECT_EQ(ret["trades"], 2);  // C has no quote P&L
  // From 2026-02-09 to 2026-03-11: 31 UTC days; B on 03-09 takes 1000 to 992, A on 03-10 to 996.
  EXPECT_EQ(ret["days"], 31);
  EXPECT_NEAR(ret["total_return"].get<double>(), 996.0 / 1000 - 1, 1e-12);
  EXPECT_NEAR(ret["max_drawdown"].get<double>(), 992.0 / 1000 - 1, 1e-12);
  std::vector<double> daily(31, 0.0);
  daily[28] = 992.0 / 1000 - 1;
  daily[29] = 996.0 / 992 - 1;
  double mean = 0;
  for (double x : daily) mean += x / 31;
  double var = 0;
  for (double x : daily) var += (x - mean) * (x - mean) / 30;
  EXPECT_NEAR(ret["sharpe"].get<double>(), mean / std::sqrt(var) * std::sqrt(365.0), 1e-9);
}

TEST_F(StatsReportTest, MarketIsTheBuyAndHoldOfTheSymbolsInTheWindow) {
  Result<std::unique_ptr<storage::SqlDatabase>> db = storage::OpenDatabase("sqlite::memory:");
  ASSERT_TRUE(db.ok()) << db.status();
  SimulatedClock clock(0);
  storage::Migrator migrator(**db, clock);
  ASSERT_TRUE(migrator.Migrate().ok());
  storage::SqlCandleStore candles(**db);
  // A shadow of a symbol that has no candles.
  Add("XRPUSDT", "ensemble", {}, 0.6, "2026-03-10T01:00:00Z", "2026-03-10T02:00:00Z", 1, 1.0,
      Outcome::kWin, {{"confidence", 0.6, 0.7, false, "confidence 0.60 < 0.70"}});
  // Without a candle store, or without candles of the window's symbols: no market section.
  Result<ordered_json> r = Report();
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_TRUE((*r)["market"].is_null());
  StatsReportInputs inputs = Inputs();
  inputs.candles = &candles;
  r = BuildStatsReport({}, inputs);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_TRUE((*r)["market"].is_null());
  EXPECT_TRUE((*r)["monthly"].is_null());
  // BTC (5m, as its signals): bought at 100 on 02-10, 120 at the last bar closed by now (the
  // bar closing after now is left out). ETH (1h): bought at 50 on 02-20, 40 at the end.
  const Timeframe five = Timeframe::Minutes(5), hour = Timeframe::Hours(1);
  ASSERT_TRUE(candles
                  .UpsertBars({"binance", "BTCUSDT", five},
                              std::vector<Bar>{{T("2026-02-10T00:00:00Z"), 100, 102, 99, 101, 1},
                                               {T("2026-03-11T11:55:00Z"), 119, 121, 118, 120, 1},
                                               {T("2026-03-11T12:00:00Z"), 120, 999, 120, 999, 1}})
                  .ok());
  ASSERT_TRUE(candles
                  .UpsertBars({"binance", "ETHUSDT", hour},
                              std::vector<Bar>{{T("2026-02-20T00:00:00Z"), 50, 51, 49, 50, 1},
                                               {T("2026-03-05T00:00:00Z"), 41, 42, 39, 40, 1}})
                  .ok());
  r = BuildStatsReport({}, inputs);
  ASSERT_TRUE(r.ok()) << r.status();
  const ordered_json& m = (*r)["market"];
  ASSERT_FALSE(m.is_null());
  ASSERT_EQ(m["symbols"].size(), 2u);  // SOL traded forty days ago: not in the window
  EXPECT_EQ(m["symbols"][0]["symbol"], "BTCUSDT");
  EXPECT_EQ(m["symbols"][0]["first_price"], 100.0);
  EXPECT_EQ(m["symbols"][0]["last_price"], 120.0);
  EXPECT_EQ(m["symbols"][1]["symbol"], "ETHUSDT");
  EXPECT_NEAR(m["symbols"][1]["change_pct"].get<double>(), -20.0, 1e-9);
  EXPECT_NEAR(m["market_change_pct"].get<double>(), 0.0, 1e-9);
  // Half of 1000 in each: 600 + 400 at the end.
  EXPECT_NEAR(m["returns"]["total_return"].get<double>(), 0.0, 1e-12);
  EXPECT_NEAR(m["excess_return_pct"].get<double>(), (996.0 / 1000 - 1) * 100, 1e-9);
  EXPECT_EQ(m["without_candles"], ordered_json::array({"XRPUSDT"}));
  const ordered_json& months = (*r)["monthly"];
  ASSERT_EQ(months.size(), 2u);
  EXPECT_EQ(months[0]["month"], "2026-02");
  EXPECT_NEAR(months[0]["account_pct"].get<double>(), 0.0, 1e-12);
  EXPECT_NEAR(months[1]["account_pct"].get<double>(), (996.0 / 1000 - 1) * 100, 1e-9);
  // February: BTC's sleeve at 101 (its close on 02-28) and ETH's at 50.
  EXPECT_NEAR(months[0]["market_pct"].get<double>(), (500 * 1.01 + 500 - 1000) / 10.0, 1e-9);
  EXPECT_NE(StatsReportText(*r).find("Against the market"), std::string::npos);
  // The chart's series: the same comparison, its account ending at the trades' 996.
  StatsChartData charts;
  r = BuildStatsReport({}, inputs, &charts);
  ASSERT_TRUE(r.ok()) << r.status();
  ASSERT_TRUE(charts.market.has_value());
  EXPECT_EQ(charts.market->days.size(), charts.market->account.size());
  EXPECT_EQ(charts.market->days.size(), charts.market->benchmark.size());
  double growth = 1;
  for (double day : charts.market->account) growth *= 1 + day;
  EXPECT_NEAR(growth, 0.996, 1e-12);
  const std::string html = StatsReportHtml(*r, charts);
  EXPECT_NE(html.find("<h3>Return against buy and hold (%)</h3><svg"), std::string::npos);
  EXPECT_NE(html.find(">trades</text>"), std::string::npos);  // the account's legend
  // A symbol filter keeps its own symbol.
  StatsQuery eth;
  eth.symbols = {"ETHUSDT"};
  r = BuildStatsReport(eth, inputs);
  ASSERT_TRUE(r.ok()) << r.status();
  ASSERT_EQ((*r)["market"]["symbols"].size(), 1u);
  EXPECT_EQ((*r)["market"]["symbols"][0]["symbol"], "ETHUSDT");
}

TEST_F(StatsReportTest, CalibrationOverallAndPerAttributedSource) {
  auto r = Report();
  ASSERT_TRUE(r.ok()) << r.status();
  const ordered_json& overall = (*r)["calibration"]["overall"];
  // A (0.85, win), B (0.65, loss), C (0.75, breakeven = miss), each alone in its bin.
  EXPECT_EQ(overall["count"], 3);
  EXPECT_NEAR(overall["brier"].get<double>(), (0.15 * 0.15 + 0.65 * 0.65 + 0.75 * 0.75) / 3, 1e-12);
  EXPECT_NEAR(overall["ece"].get<double>(), (0.15 + 0.65 + 0.75) / 3, 1e-12);
  EXPECT_EQ(overall["bins"].size(), 3u);
  const ordered_json& per_source = (*r)["calibration"]["per_source"];
  ASSERT_EQ(per_source.size(), 3u);
  EXPECT_EQ(per_source["theory:rsi"]["count"], 2);  // A and C
  EXPECT_NEAR(per_source["theory:rsi"]["brier"].get<double>(), (0.15 * 0.15 + 0.75 * 0.75) / 2,
              1e-12);
  EXPECT_EQ(per_source["model:xgb"]["count"], 1);
  EXPECT_EQ(per_source["manual"]["count"], 1);
}

TEST_F(StatsReportTest, Breakdowns) {
  auto r = Report();
  ASSERT_TRUE(r.ok()) << r.status();
  const ordered_json& b = (*r)["breakdowns"];
  std::vector<std::string> keys;
  for (const auto& [key, value] : b.items()) keys.push_back(key);
  EXPECT_EQ(keys, (std::vector<std::string>{"symbol", "direction", "timeframe", "source",
                                            "confidence", "exit_reason", "weekday", "hour"}));
  EXPECT_EQ(Labels(b["direction"]), (std::vector<std::string>{"long"}));
  EXPECT_EQ(b["direction"][0]["count"], 3);
  EXPECT_EQ(Labels(b["symbol"]), (std::vector<std::string>{"BTCUSDT", "ETHUSDT"}));
  EXPECT_EQ(b["symbol"][0]["count"], 2);
  EXPECT_EQ(Labels(b["timeframe"]), (std::vector<std::string>{"1h", "5m"}));
  // A counts for both of its sources.
  EXPECT_EQ(Labels(b["source"]), (std::vector<std::string>{"manual", "model:xgb", "theory:rsi"}));
  EXPECT_EQ(b["source"][2]["count"], 2);
  EXPECT_EQ(Labels(b["confidence"]), (std::vector<std::string>{"0.6-0.7", "0.7-0.8", "0.8-0.9"}));
  EXPECT_EQ(Labels(b["exit_reason"]), (std::vector<std::string>{"stop_loss", "take_profit"}));
  // Entries: C Sunday 23:00, B Monday 08:00, A Tuesday 10:00 (ISO weekdays 7, 1, 2).
  EXPECT_EQ(Labels(b["weekday"]), (std::vector<std::string>{"1", "2", "7"}));
  EXPECT_EQ(Labels(b["hour"]), (std::vector<std::string>{"8", "10", "23"}));
}

TEST_F(StatsReportTest, ControllerHistoryInTheWindowAndTheLatestState) {
  auto r = Report();
  ASSERT_TRUE(r.ok()) << r.status();
  const ordered_json& c = (*r)["controller"];
  EXPECT_EQ(c["latest"]["state"], "yellow");
  EXPECT_EQ(c["latest"]["at"], "2026-03-10T12:00:00Z");
  ASSERT_EQ(c["history"].size(), 2u);  // the green of January is before the window
  EXPECT_EQ(c["history"][0]["state"], "red");
  EXPECT_EQ(c["history"][0]["reasons"][0], "5 losses in a row");
  // The 30 days from 9 February: green (since January) for 25, red for 4, yellow for 1.
  const ordered_json& time = c["time_pct"];
  ASSERT_EQ(time.size(), 3u);
  EXPECT_EQ(time.begin().key(), "green");
  EXPECT_NEAR(time["green"].get<double>(), 25.0 / 30 * 100, 1e-9);
  EXPECT_NEAR(time["red"].get<double>(), 4.0 / 30 * 100, 1e-9);
  EXPECT_NEAR(time["yellow"].get<double>(), 1.0 / 30 * 100, 1e-9);
  EXPECT_NE(StatsReportText(*r).find(
                "Time in each state over the window: green 83.3 %, red 13.3 %, yellow 3.3 %\n"),
            std::string::npos);
  // A window that starts on a change: the row at its start holds from there.
  StatsQuery query;
  query.days = 5;  // since 2026-03-06T12:00Z, the red row's time
  auto five = Report(query);
  ASSERT_TRUE(five.ok()) << five.status();
  EXPECT_NEAR((*five)["controller"]["time_pct"]["red"].get<double>(), 80.0, 1e-9);
  EXPECT_NEAR((*five)["controller"]["time_pct"]["yellow"].get<double>(), 20.0, 1e-9);
  EXPECT_FALSE((*five)["controller"]["time_pct"].contains("green"));
}

// The forecast the controller would make from the traded outcomes closed by then (D win, C
// breakeven, B loss, A win; shadows never count), computed here by ForecastLight directly.
TEST_F(StatsReportTest, LightForecastFromTheTradedOutcomesClosedByThen) {
  auto without = Report();
  ASSERT_TRUE(without.ok()) << without.status();
  EXPECT_TRUE((*without)["controller"]["forecast"].is_null());  // no risk settings given

  const risk::RiskConfig risk;
  analytics::LightForecastConfig direct;  // the controller's defaults
  auto expect = [&](UnixNanos at, std::vector<Outcome> outcomes, int streak) {
    StatsReportInputs inputs = Inputs(at);
    inputs.risk = &risk;
    auto r = BuildStatsReport({}, inputs);
    ASSERT_TRUE(r.ok()) << r.status();
    const ordered_json& f = (*r)["controller"]["forecast"];
    auto g = analytics::ForecastLight(outcomes, streak, direct);
    ASSERT_TRUE(g.ok());
    EXPECT_EQ(f["horizon"], 10);
    EXPECT_EQ(f["resolved"], static_cast<int>(outcomes.size()));
    EXPECT_EQ(f["losing_streak"], streak);
    EXPECT_DOUBLE_EQ(f["p_red"].get<double>(), g->p_red);
    EXPECT_DOUBLE_EQ(f["p_yellow_or_worse"].get<double>(), g->p_yellow_or_worse);
    EXPECT_DOUBLE_EQ(f["win_probability"].get<double>(), g->win_probability);
  };
  expect(kNow, {Outcome::kWin, Outcome::kBreakeven, Outcome::kLoss, Outcome::kWin}, 0);
  expect(T("2026-03-09T13:00:00Z"), {Outcome::kWin, Outcome::kBreakeven, Outcome::kLoss}, 1);

  // A red acknowledged after B starts a fresh window: only A counts afterwards.
  ASSERT_TRUE(controller_
                  .AppendStatus({0,
                                 T("2026-03-09T18:00:00Z"),
                                 RiskState::kGreen,
                                 RiskState::kRed,
                                 {{"acknowledged_red", 0, 0, "red acknowledged by cli"}}})
                  .ok());
  expect(kNow, {Outcome::kWin}, 0);
}

// The paper account's positions that closed in the window, taken apart against their signals.
TEST_F(StatsReportTest, PaperAccountAgainstItsSignals) {
  // M: a signal of 2 units at 100 -> 104 (tracker: 8 - 0.4 fees = 7.6), closed yesterday.
  Signal m = MakeSignal("BTCUSDT", "ensemble", 0.8, SignalStatus::kPending);
  m.size = 2;
  m.created_at = T("2026-03-10T08:00:00Z");
  const SignalId m_id = *signals_.AddSignal(m);
  SignalResult result;
  result.signal_id = m_id;
  result.entry_price = 100;
  result.entry_time = T("2026-03-10T08:00:00Z");
  result.exit_price = 104;
  result.exit_time = T("2026-03-10T09:00:00Z");
  result.pnl_percent = 4;
  result.pnl_quote = 4;
  result.fees_quote = 0.4;
  result.pnl_quote_total = 7.6;
  result.outcome = Outcome::kWin;
  result.updated_at = result.exit_time.value();
  ASSERT_TRUE(signals_.SaveResult(result).ok());

  testing::InMemoryPortfolioStore portfolio;
  AccountState account;
  account.name = "paper";
  account.starting_balance = 1000;
  auto fill = [&](SignalId signal, std::int64_t position, const char* symbol, OrderSide side,
                  double reference, double price, const char* reason, const char* at) {
    Fill f;
    f.signal_id = signal;
    f.position_id = position;
    f.symbol = symbol;
    f.side = side;
    f.quantity = 1;
    f.reference_price = reference;
    f.fill_price = price;
    f.fee = 0.1;
    f.reason = reason;
    f.time = T(at);
    Position p;
    p.id = position;
    p.signal_id = signal;
    p.symbol = symbol;
    ASSERT_TRUE(portfolio.RecordFill(f, p, account).ok());
  };
  // M's position: 1 unit bought at 100.5 (reference 100.4), sold at 103.9 (reference 104).
  fill(m_id, 1, "BTCUSDT", OrderSide::kBuy, 100.4, 100.5, kFillEntry, "2026-03-10T08:05:00Z");
  fill(m_id, 1, "BTCUSDT", OrderSide::kSell, 104, 103.9, "take_profit", "2026-03-10T09:00:00Z");
  // B's (no size: not taken apart), closed in the window; D's, closed before it.
  fill(b_, 2, "ETHUSDT", OrderSide::kSell, 100, 100, kFillEntry, "2026-03-09T08:00:00Z");
  fill(b_, 2, "ETHUSDT", OrderSide::kBuy, 102, 102, "stop_loss", "2026-03-09T12:00:00Z");
  fill(a_, 3, "SOLUSDT", OrderSide::kBuy, 100, 100, kFillEntry, "2026-01-30T10:00:00Z");
  fill(a_, 3, "SOLUSDT", OrderSide::kSell, 105, 105, "take_profit", "2026-01-30T12:00:00Z");

  auto report = [&](StatsQuery query) {
    StatsReportInputs inputs = Inputs();
    inputs.portfolio = &portfolio;
    return BuildStatsReport(query, inputs);
  };
  auto r = report({});
  ASSERT_TRUE(r.ok()) << r.status();
  const ordered_json& p = (*r)["paper"];
  EXPECT_EQ(p["account"], "paper");
  EXPECT_EQ(p["positions_closed"], 2);
  const double m_realized = (103.9 - 100.5) - 0.2;
  const double b_realized = -(102 - 100) - 0.2;
  EXPECT_NEAR(p["realized_pnl"].get<double>(), m_realized + b_realized, 1e-12);
  const ordered_json& v = p["vs_signals"];
  EXPECT_EQ(v["positions"], 1);
  EXPECT_EQ(v["unmatched"], 1);
  EXPECT_NEAR(v["unmatched_paper"].get<double>(), b_realized, 1e-12);
  EXPECT_NEAR(v["signals"].get<double>(), 7.6, 1e-12);
  EXPECT_NEAR(v["size"].get<double>(), 4 * (1 - 2), 1e-12);
  EXPECT_NEAR(v["timing"].get<double>(), -0.4, 1e-12);    // entry reference 100.4, not 100
  EXPECT_NEAR(v["slippage"].get<double>(), -0.2, 1e-12);  // 0.1 in, 0.1 out
  EXPECT_NEAR(v["fees"].get<double>(), 0.4 - 0.2, 1e-12);
  EXPECT_NEAR(v["paper"].get<double>(), m_realized, 1e-12);
  // Position by position: M's taken apart, B's with its fills' P&L and no signal figures.
  const ordered_json& list = p["positions"];
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0]["position"], 1);
  EXPECT_EQ(list[0]["signal_id"], m_id);
  EXPECT_EQ(list[0]["symbol"], "BTCUSDT");
  EXPECT_EQ(list[0]["direction"], "long");
  EXPECT_EQ(list[0]["closed"], "2026-03-10T09:00:00Z");
  EXPECT_EQ(list[0]["signal_size"], 2);
  EXPECT_EQ(list[0]["entry_fill"], 100.5);
  EXPECT_NEAR(list[0]["timing"].get<double>(), -0.4, 1e-12);
  EXPECT_NEAR(list[0]["paper"].get<double>(), m_realized, 1e-12);
  EXPECT_EQ(list[1]["position"], 2);
  EXPECT_EQ(list[1]["direction"], "short");
  EXPECT_EQ(list[1]["exit_reason"], "stop_loss");
  EXPECT_TRUE(list[1]["signals"].is_null());
  EXPECT_TRUE(list[1]["signal_size"].is_null());
  EXPECT_NEAR(list[1]["paper"].get<double>(), b_realized, 1e-12);
  // The account's Monte Carlo on its starting balance, in exit order: B's loss (-2.2 on 1,000)
  // closed first, then M's gain (on 997.8).
  const ordered_json& mc = p["monte_carlo"];
  ASSERT_TRUE(mc.is_object());
  EXPECT_EQ(mc["trades"], 2);
  EXPECT_EQ(mc["capital"], 1000.0);
  EXPECT_NEAR(mc["observed"]["return_pct"].get<double>(), (m_realized + b_realized) / 10, 1e-9);
  EXPECT_NEAR(mc["observed"]["max_drawdown_pct"].get<double>(), b_realized / 10, 1e-9);
  EXPECT_EQ(mc["observed"]["longest_losing_streak"], 1);

  StatsQuery eth;
  eth.symbols = {"ETHUSDT"};
  r = report(eth);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ((*r)["paper"]["positions_closed"], 1);
  EXPECT_NEAR((*r)["paper"]["realized_pnl"].get<double>(), b_realized, 1e-12);
  EXPECT_TRUE((*r)["paper"]["monte_carlo"].is_null());  // one position: nothing to reorder
  EXPECT_TRUE((*Report())["paper"].is_null());          // no portfolio store given
}

// The rolling view: the last N traded outcomes closed by then, whatever their age.
TEST_F(StatsReportTest, LastTradesWhateverTheirAge) {
  StatsQuery query;
  query.last = 2;
  auto r = Report(query);
  ASSERT_TRUE(r.ok()) << r.status();
  const ordered_json& l = (*r)["last_trades"];
  EXPECT_EQ(l["n"], 2);
  EXPECT_EQ(l["since"], "2026-03-09T12:00:00Z");  // B, then A
  EXPECT_EQ(l["trades"]["count"], 2);
  EXPECT_EQ(l["trades"]["wins"], 1);
  EXPECT_NEAR(l["trades"]["total_pnl_pct"].get<double>(), 4 - 2, 1e-12);

  query.last = 10;  // D, forty days old, is outside the 30-day window but among the last 10
  r = Report(query);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ((*r)["trades"]["count"], 3);
  EXPECT_EQ((*r)["last_trades"]["trades"]["count"], 4);
  EXPECT_EQ((*r)["last_trades"]["since"], "2026-01-30T12:00:00Z");

  query.sources = {"manual"};  // B and D
  r = Report(query);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ((*r)["last_trades"]["trades"]["count"], 2);

  // As at a moment before A closed: the last two are C and B.
  StatsQuery earlier;
  earlier.last = 2;
  r = Report(earlier, T("2026-03-10T11:00:00Z"));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ((*r)["last_trades"]["since"], "2026-03-09T00:30:00Z");
  EXPECT_EQ((*r)["last_trades"]["trades"]["losses"], 1);

  StatsQuery none;
  none.last = 0;
  r = Report(none);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_TRUE((*r)["last_trades"].is_null());
  none.last = -1;
  EXPECT_EQ(Report(none).status().message(), "last must be between 0 and 100000 trades, got -1");
  EXPECT_NE(StatsReportText(*Report()).find("Last 4 trades (closed since 2026-01-30T12:00:00Z)"),
            std::string::npos);
}

TEST_F(StatsReportTest, ShadowsByTheGateThatStoppedThem) {
  auto r = Report();
  ASSERT_TRUE(r.ok()) << r.status();
  const ordered_json& s = (*r)["shadows"];
  EXPECT_EQ(s["overall"]["count"], 2);
  EXPECT_NEAR(s["overall"]["win_rate_pct"].get<double>(), 50.0, 1e-12);
  const ordered_json& gates = s["by_gate"];
  ASSERT_EQ(gates.size(), 2u);
  EXPECT_EQ(gates[0]["gate"], "confidence");
  EXPECT_NEAR(gates[0]["saved_pnl_pct"].get<double>(), -3.0, 1e-12);  // it cost 3 %
  EXPECT_NEAR(gates[0]["total_pnl_quote"].get<double>(), 3.0, 1e-12);
  EXPECT_EQ(gates[1]["gate"], "risk:daily_loss");
  EXPECT_NEAR(gates[1]["saved_pnl_pct"].get<double>(), 1.5, 1e-12);
  EXPECT_EQ(gates[1]["count"], 1);
}

TEST_F(StatsReportTest, SymbolFilter) {
  StatsQuery query;
  query.symbols = {"btc/usdt", "BTCUSDT"};
  auto r = Report(query);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ((*r)["filters"]["symbols"], ordered_json::array({"BTCUSDT"}));
  EXPECT_EQ((*r)["trades"]["count"], 2);  // A and C
  EXPECT_NEAR((*r)["trades"]["total_pnl_pct"].get<double>(), 4.2, 1e-12);
  EXPECT_EQ((*r)["shadows"]["overall"]["count"], 1);  // S1
  EXPECT_EQ((*r)["open_positions"].size(), 1u);
  EXPECT_EQ(Labels((*r)["breakdowns"]["symbol"]), (std::vector<std::string>{"BTCUSDT"}));
  // The controller is not per symbol.
  EXPECT_EQ((*r)["controller"]["history"].size(), 2u);
}

TEST_F(StatsReportTest, SourceFilterMatchesContributionsAndTheSourceColumn) {
  StatsQuery xgb;
  xgb.sources = {"model:xgb"};
  auto r = Report(xgb);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ((*r)["trades"]["count"], 1);
  EXPECT_EQ((*r)["trades"]["best_signal_id"], a_);
  EXPECT_EQ((*r)["shadows"]["overall"]["count"], 1);  // S2
  EXPECT_EQ((*r)["shadows"]["by_gate"][0]["gate"], "risk:daily_loss");
  EXPECT_TRUE((*r)["open_positions"].empty());

  StatsQuery manual;
  manual.sources = {"manual", "theory:rsi"};
  r = Report(manual);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ((*r)["trades"]["count"], 3);  // B by its source column; A and C by rsi
  EXPECT_EQ((*r)["open_positions"].size(), 1u);

  StatsQuery ensemble;
  ensemble.sources = {"ensemble"};
  r = Report(ensemble);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ((*r)["trades"]["count"], 2);
}

TEST_F(StatsReportTest, UnknownSymbolGivesAnEmptyReport) {
  StatsQuery query;
  query.symbols = {"XRPUSDT"};
  auto r = Report(query);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ((*r)["trades"]["count"], 0);
  EXPECT_EQ((*r)["returns"]["trades"], 0);
  EXPECT_EQ((*r)["returns"]["total_return"], 0.0);
  EXPECT_TRUE((*r)["returns"]["sharpe"].is_null());
  EXPECT_EQ((*r)["calibration"]["overall"]["count"], 0);
  EXPECT_TRUE((*r)["breakdowns"]["symbol"].empty());
  EXPECT_TRUE((*r)["shadows"]["by_gate"].empty());
}

TEST_F(StatsReportTest, ShorterWindow) {
  StatsQuery query;
  query.days = 2;  // since 2026-03-09T12:00Z: B (exit at exactly that time) and A
  auto r = Report(query);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ((*r)["trades"]["count"], 2);
  EXPECT_EQ((*r)["shadows"]["overall"]["count"], 1);
  EXPECT_EQ((*r)["controller"]["history"].size(), 1u);
}

// A window that holds nothing of the filters says when the newest matching trade or candidate
// closed (over old or replayed data, the trades are elsewhere in time).
TEST_F(StatsReportTest, EmptyWindowNamesTheNewestClose) {
  // A window with trades: no note.
  auto full = Report();
  ASSERT_TRUE(full.ok()) << full.status();
  EXPECT_FALSE((*full)["filters"].contains("newest_close"));
  EXPECT_EQ(EmptyWindowNote(*full), "");

  // Months later: the newest of everything is A's exit (the shadow S1 closed an hour before).
  const UnixNanos later = T("2026-06-01T00:00:00Z");
  auto empty = Report({}, later);
  ASSERT_TRUE(empty.ok()) << empty.status();
  EXPECT_EQ((*empty)["trades"]["count"], 0);
  EXPECT_EQ((*empty)["filters"]["newest_close"], "2026-03-10T12:00:00Z");
  EXPECT_EQ(EmptyWindowNote(*empty),
            "No trade or candidate closed in these days; the newest closed at "
            "2026-03-10T12:00:00Z. To report as at another time: --at, or --run NAME for the "
            "time a replayed run reached.\n");
  EXPECT_NE(StatsReportText(*empty).find(EmptyWindowNote(*empty)), std::string::npos);

  // Filtered: the newest of the filters (the SOL trade; the ETH shadow of 2026-01-09 is older
  // than B but B is ETH too: ETH's newest is B's exit).
  StatsQuery sol;
  sol.symbols = {"SOLUSDT"};
  auto sol_report = Report(sol, later);
  ASSERT_TRUE(sol_report.ok()) << sol_report.status();
  EXPECT_EQ((*sol_report)["filters"]["newest_close"], "2026-01-30T12:00:00Z");
  EXPECT_NE(EmptyWindowNote(*sol_report)
                .find("No trade or candidate matching the filters closed in these days; the "
                      "newest closed at 2026-01-30T12:00:00Z."),
            std::string::npos);
  StatsQuery manual;
  manual.sources = {"manual"};
  auto manual_report = Report(manual, later);
  ASSERT_TRUE(manual_report.ok()) << manual_report.status();
  EXPECT_EQ((*manual_report)["filters"]["newest_close"], "2026-03-09T12:00:00Z");  // B

  // The window holds other symbols: both lines (the sources are those the trades are
  // attributed to). The day to 13:00 on the 10th holds A and the shadow S1 (BTC); B closed an
  // hour before it.
  StatsQuery eth;
  eth.days = 1;
  eth.symbols = {"ETHUSDT"};
  auto eth_report = Report(eth, T("2026-03-10T13:00:00Z"));
  ASSERT_TRUE(eth_report.ok()) << eth_report.status();
  const ordered_json& eth_filters = (*eth_report)["filters"];
  EXPECT_EQ(eth_filters.at("in_window").at("symbols"), ordered_json::array({"BTCUSDT"}));
  EXPECT_EQ(eth_filters.at("newest_close"), "2026-03-09T12:00:00Z");
  EXPECT_EQ(EmptyWindowNote(*eth_report),
            "No trade or candidate of these days matches the filters. Their symbols: BTCUSDT; "
            "their sources: model:xgb, theory:rsi.\nThe newest matching the filters "
            "closed at 2026-03-09T12:00:00Z.\n");

  // Before anything closed.
  auto before = Report({}, T("2025-06-01T00:00:00Z"));
  ASSERT_TRUE(before.ok()) << before.status();
  EXPECT_TRUE((*before)["filters"]["newest_close"].is_null());
  EXPECT_EQ(EmptyWindowNote(*before), "No trade or candidate has closed by then.\n");
}

// The newest close is searched back from the moment in windows that grow fourfold from a day:
// one on the second window's start is found in it, one a nanosecond before in the third; one
// older than all the bounded windows (about 15 years) in the last, unbounded one.
TEST_F(StatsReportTest, TheNewestCloseIsFoundAcrossTheSearchWindows) {
  StatsQuery doge;
  doge.symbols = {"DOGEUSDT"};
  doge.days = 1;
  const UnixNanos later = T("2026-06-01T00:00:00Z");
  auto newest = [&]() -> ordered_json {
    auto r = Report(doge, later);
    EXPECT_TRUE(r.ok()) << r.status();
    return r.ok() ? (*r)["filters"]["newest_close"] : ordered_json("error");
  };
  EXPECT_TRUE(newest().is_null());

  Add("DOGEUSDT", "manual", {}, 0.7, "1990-01-01T00:00:00Z", "1990-01-02T00:00:00Z", 1, 1.0,
      Outcome::kWin);
  EXPECT_EQ(newest(), "1990-01-02T00:00:00Z");
  // The second window is the four days before the first (the day to `later`).
  Add("DOGEUSDT", "manual", {}, 0.7, "2026-05-26T00:00:00Z", "2026-05-26T23:59:59.999999999Z", 1,
      1.0, Outcome::kWin);
  EXPECT_EQ(newest(), "2026-05-26T23:59:59.999Z");  // printed to the millisecond
  Add("DOGEUSDT", "manual", {}, 0.7, "2026-05-26T00:00:00Z", "2026-05-27T00:00:00Z", 1, 1.0,
      Outcome::kWin);
  EXPECT_EQ(newest(), "2026-05-27T00:00:00Z");
}

// As at a past moment (a replayed run's simulated time): what closed later is left out, a trade
// entered before it and closed after it is an open position, the controller stops at it.
TEST_F(StatsReportTest, AsAtAPastMoment) {
  const UnixNanos at = T("2026-03-10T11:00:00Z");  // A entered an hour before, exits at noon
  auto r = Report({}, at);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ((*r)["at"], "2026-03-10T11:00:00Z");
  EXPECT_EQ((*r)["since"], "2026-02-08T11:00:00Z");
  EXPECT_EQ((*r)["trades"]["count"], 2);  // B and C; A closes after the moment
  EXPECT_EQ((*r)["trades"]["best_signal_id"], c_);
  ASSERT_EQ((*r)["recent_trades"].size(), 2u);
  EXPECT_EQ((*r)["recent_trades"][0]["signal_id"], b_);
  // A was open then, an hour old; the position opened at 10:00 on the 11th was not yet.
  ASSERT_EQ((*r)["open_positions"].size(), 1u);
  EXPECT_EQ((*r)["open_positions"][0]["signal_id"], a_);
  EXPECT_DOUBLE_EQ((*r)["open_positions"][0]["age_minutes"].get<double>(), 60.0);
  // S1 closed at exactly the moment (inclusive), S2 the day before.
  EXPECT_EQ((*r)["shadows"]["overall"]["count"], 2);
  // B's loss alone: 1000 -> 992 on the 9th, over the 31 days from 02-08 to 03-10.
  EXPECT_EQ((*r)["returns"]["trades"], 1);
  EXPECT_EQ((*r)["returns"]["days"], 31);
  EXPECT_NEAR((*r)["returns"]["total_return"].get<double>(), 992.0 / 1000 - 1, 1e-12);
  // Red since the 6th; yesterday's yellow is after the moment.
  const ordered_json& c = (*r)["controller"];
  EXPECT_EQ(c["latest"]["state"], "red");
  ASSERT_EQ(c["history"].size(), 1u);
  EXPECT_EQ(c["history"][0]["state"], "red");

  // A moment before any trade: nothing closed, nothing open, the green of January.
  r = Report({}, T("2026-01-02T00:00:00Z"));
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ((*r)["trades"]["count"], 0);
  EXPECT_TRUE((*r)["open_positions"].empty());
  EXPECT_EQ((*r)["controller"]["latest"]["state"], "green");
  const std::string text = StatsReportText(*r);
  EXPECT_NE(text.find("\nOpen positions: none\n\nRecent trades: none\n"), std::string::npos)
      << text;
}

TEST_F(StatsReportTest, BadInputIsRefused) {
  StatsQuery days;
  days.days = 0;
  EXPECT_EQ(Report(days).status().code(), StatusCode::kInvalidArgument);
  days.days = -3;
  EXPECT_NE(Report(days).status().message().find("days must be positive, got -3"),
            std::string::npos);
  StatsQuery symbol;
  symbol.symbols = {"BTC!"};
  EXPECT_EQ(Report(symbol).status().code(), StatusCode::kInvalidArgument);
  StatsQuery source;
  source.sources = {""};
  EXPECT_EQ(Report(source).status().code(), StatusCode::kInvalidArgument);
  StatsReportInputs no_capital;
  no_capital.signals = &signals_;
  no_capital.capital = 0;
  EXPECT_EQ(BuildStatsReport({}, no_capital).status().code(), StatusCode::kInvalidArgument);
}

// The line of `text` that starts with `label`, or "".
std::string LineOf(const std::string& text, const std::string& label) {
  std::size_t pos = text.find("\n" + label);
  if (pos == std::string::npos) return "";
  ++pos;
  return text.substr(pos, text.find('\n', pos) - pos);
}

// The time in the market counts a sized position still open at the moment from its entry on;
// an unsized one (the fixture's) is left out, as unsized trades are.
TEST_F(StatsReportTest, TimeInMarketCountsSizedPositionsStillOpen) {
  Signal sized = MakeSignal("SOLUSDT", "manual", 0.7, SignalStatus::kPending);
  sized.size = 2;
  const SignalId id = *signals_.AddSignal(sized);
  SignalResult entry;
  entry.signal_id = id;
  entry.entry_price = 100;
  entry.entry_time = kNow - 5 * kNanosPerHour;
  ASSERT_TRUE(signals_.SaveResult(entry).ok());
  auto r = Report();
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ((*r)["open_positions"].size(), 2u);
  // A (2 h) and B (4 h) closed, the SOL position open for the last 5 h, of 30 days.
  EXPECT_NEAR((*r)["daily"]["time_in_market_pct"].get<double>(), 100.0 * 11 / (30 * 24), 1e-12);
}

// The series behind the HTML charts, and the page drawn from them: the trades' account steps
// from the capital at each quote P&L (C has none), the histograms count every trade and shadow
// of the window, the band starts in the state held at the window's start.
TEST_F(StatsReportTest, ChartSeriesAndTheHtmlPage) {
  StatsChartData charts;
  auto r = BuildStatsReport({}, Inputs(), &charts);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(charts.since, T("2026-02-09T12:00:00Z"));
  EXPECT_EQ(charts.at, kNow);
  ASSERT_EQ(charts.equity.size(), 4u);
  EXPECT_EQ(charts.equity[0].time, charts.since);
  EXPECT_DOUBLE_EQ(charts.equity[0].equity, 1000);
  EXPECT_EQ(charts.equity[1].time, T("2026-03-09T12:00:00Z"));  // B
  EXPECT_DOUBLE_EQ(charts.equity[1].equity, 992);
  EXPECT_EQ(charts.equity[2].time, T("2026-03-10T12:00:00Z"));  // A
  EXPECT_DOUBLE_EQ(charts.equity[2].equity, 996);
  EXPECT_EQ(charts.equity[3].time, kNow);
  EXPECT_DOUBLE_EQ(charts.equity[3].equity, 996);
  // The same account day by day: 31 UTC days from 2026-02-09 to 2026-03-11, B's day -0.8 %,
  // A's +4 / 992; the two trades with a quote P&L over them.
  const nlohmann::ordered_json& d = (*r)["daily"];
  EXPECT_EQ(d["days"], 31);
  EXPECT_EQ(d["winning_days"], 1);
  EXPECT_EQ(d["flat_days"], 29);
  EXPECT_EQ(d["losing_days"], 1);
  EXPECT_NEAR(d["trades_per_day"].get<double>(), 2.0 / 31, 1e-15);
  EXPECT_EQ(d["best_day"], "2026-03-10");
  EXPECT_NEAR(d["best_day_pct"].get<double>(), 400.0 / 992, 1e-12);
  EXPECT_EQ(d["worst_day"], "2026-03-09");
  EXPECT_NEAR(d["worst_day_pct"].get<double>(), -0.8, 1e-12);
  EXPECT_EQ(d["lowest_equity"], 992.0);
  EXPECT_EQ(d["lowest_equity_at"], "2026-03-09T12:00:00Z");
  EXPECT_EQ(d["highest_equity"], 1000.0);
  EXPECT_EQ(d["highest_equity_at"], "2026-02-09T12:00:00Z");
  EXPECT_EQ(d["deepest_fall"], 8.0);
  EXPECT_NEAR(d["deepest_fall_pct"].get<double>(), -0.8, 1e-12);
  EXPECT_EQ(d["deepest_fall_from"], "2026-02-09T12:00:00Z");
  EXPECT_EQ(d["deepest_fall_to"], "2026-03-09T12:00:00Z");
  const std::string text = StatsReportText(*r);
  EXPECT_EQ(LineOf(text, "days: "),
            "days: 31 (1 winning, 29 flat, 1 losing), 0.06 trades a day, a trade open 0.8 % of "
            "the time; best 2026-03-10 +0.40 %, worst 2026-03-09 -0.80 %");
  // The sized trades A (2 h) and B (4 h) of the window's 30 days.
  EXPECT_NEAR(d["time_in_market_pct"].get<double>(), 100.0 * 6 / (30 * 24), 1e-12);
  EXPECT_EQ(LineOf(text, "equity: "),
            "equity: low 992.00 at 2026-03-09T12:00, high 1,000.00 at 2026-02-09T12:00; deepest "
            "fall 8.00 (-0.80 %) from 2026-02-09T12:00 to 2026-03-09T12:00");
  // Below the start's 1,000 from B's loss on 03-09 to the report's moment (A's +4 leaves 996).
  EXPECT_EQ(LineOf(text, "under water: "),
            "under water: the longest time below a high 2.0 days (since 2026-03-09T12:00, not "
            "back by 2026-03-11T12:00)");
  EXPECT_EQ(d["longest_underwater_days"], 2.0);
  EXPECT_EQ(d["longest_underwater_from"], "2026-03-09T12:00:00Z");
  EXPECT_EQ(d["longest_underwater_to"], "2026-03-11T12:00:00Z");
  EXPECT_EQ(d["longest_underwater_recovered"], false);
  std::vector<double> trades = charts.trade_pnl_pct;
  std::sort(trades.begin(), trades.end());
  EXPECT_EQ(trades, (std::vector<double>{-2, 0.2, 4}));
  std::vector<double> shadows = charts.shadow_pnl_pct;
  std::sort(shadows.begin(), shadows.end());
  EXPECT_EQ(shadows, (std::vector<double>{-1.5, 3}));
  ASSERT_EQ(charts.controller.size(), 3u);
  EXPECT_EQ(charts.controller[0].state, RiskState::kGreen);  // held since January
  EXPECT_EQ(charts.controller[2].state, RiskState::kYellow);
  EXPECT_FALSE(charts.market.has_value());  // no candle store given
  // Entries: C Sunday 23:00, B Monday 08:00, A Tuesday 10:00.
  ASSERT_EQ(charts.weekday_hour.size(), 3u);
  EXPECT_EQ(charts.weekday_hour[0].weekday, 1);
  EXPECT_EQ(charts.weekday_hour[0].hour, 8);
  EXPECT_EQ(charts.weekday_hour[2].weekday, 7);
  EXPECT_EQ(charts.weekday_hour[2].hour, 23);

  const std::string html = StatsReportHtml(*r, charts);
  EXPECT_NE(html.find("<h1>Performance over the 30 days to 2026-03-11T12:00:00Z</h1>"),
            std::string::npos);
  EXPECT_NE(html.find("<h3>Equity (quote currency)</h3><svg"), std::string::npos);
  EXPECT_NE(html.find("<text class=\"y-max\" x=\"86.0\" y=\"14.0\" font-size=\"11\" "
                      "text-anchor=\"end\">1,000.00</text>"),
            std::string::npos);
  EXPECT_NE(html.find(">992.00</text>"), std::string::npos);  // the lowest equity
  // The band: green 25 of the 30 days, red 4, yellow 1.
  EXPECT_NE(html.find(">green 83.3 %</text>"), std::string::npos);
  EXPECT_NE(html.find(">red 13.3 %</text>"), std::string::npos);
  std::size_t bands = 0;
  for (std::size_t at = html.find("class=\"band\""); at != std::string::npos;
       at = html.find("class=\"band\"", at + 1)) {
    ++bands;
  }
  EXPECT_EQ(bands, 3u);
  // Every trade and shadow in a bar: the counts in the bars' tooltips add up.
  std::int64_t counted = 0;
  const std::regex bar("<rect class=\"bar\"[^>]*><title>[^<]*: ([0-9]+)</title>");
  for (auto it = std::sregex_iterator(html.begin(), html.end(), bar); it != std::sregex_iterator();
       ++it) {
    counted += std::stoll((*it)[1]);
  }
  // Trades, shadows, the days that moved, and both Monte Carlo histograms' paths.
  EXPECT_EQ(counted, 3 + 2 + 2 + 2 * MonteCarloSettings{}.simulations);
  EXPECT_NE(html.find("the 29 flat days left out"), std::string::npos);
  EXPECT_NE(html.find("<circle class=\"bin\""), std::string::npos);
  EXPECT_NE(html.find("<title>Mon 08:00 UTC: 1 trade, win rate 0.0 %, P&amp;L -2.00 %</title>"),
            std::string::npos);
  EXPECT_NE(html.find("No market to compare with"), std::string::npos);
  EXPECT_NE(html.find("Time in each state over the window: green 83.3 %, red 13.3 %, yellow 3.3 %"),
            std::string::npos);
}

TEST_F(StatsReportTest, TextShowsEverySection) {
  auto r = Report();
  ASSERT_TRUE(r.ok()) << r.status();
  const std::string text = StatsReportText(*r);
  EXPECT_TRUE(LineOf(text, "win rate %").ends_with(" 33.33")) << text;
  EXPECT_TRUE(LineOf(text, "profit factor").ends_with(" 2.00")) << text;
  EXPECT_TRUE(LineOf(text, "total P&L (quote").ends_with(" -4.00 (2 of 3 trades sized)")) << text;
  EXPECT_TRUE(LineOf(text, "theory:rsi").starts_with("theory:rsi ")) << text;
  EXPECT_NE(LineOf(text, "risk:daily_loss").find(" 1.50 "), std::string::npos) << text;
  for (const char* expected :
       {"Performance over the 30 days to 2026-03-11T12:00:00Z (closed since "
        "2026-02-09T12:00:00Z)\n",
        "Daily returns on a capital of 1000.00 (2 trades with a quote P&L, 31 days)\n",
        // A 0.85 win, B 0.65 loss, C 0.75 breakeven, each alone in its bin: the base rate 1/3,
        // uncertainty 2/9, skill 1 - (1.0075 / 3) / (2 / 9) = -0.511, resolution
        // ((2/3)^2 + 2 (1/3)^2) / 3 = 2/9, reliability the Brier score itself.
        "Calibration: ECE 0.5167, Brier 0.3358 (skill -0.511 against always the base rate) over "
        "3 trades with a confidence\n",
        "the Brier score decomposed: reliability 0.3358 (lower is better), resolution 0.2222 "
        "(higher is better), uncertainty 0.2222\n",
        "\nBy source\n", "Controller: yellow since 2026-03-10T12:00:00Z (win rate 68% < 70%)\n",
        "Shadow outcomes: 2 rejected or denied candidates closed, win rate 50.00 %, P&L 1.50 %\n",
        "\nOpen positions (1)\n", "\nRecent trades (3)\n"}) {
    EXPECT_NE(text.find(expected), std::string::npos) << expected << "\n" << text;
  }
}

// An average over no trades of its kind is shown as "-", not as the JSON's 0.
TEST_F(StatsReportTest, TextShowsADashForAnAverageOverNoTrades) {
  auto r = Report();
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_FALSE(LineOf(StatsReportText(*r), "average loss %").ends_with(" -"));
  nlohmann::ordered_json no_losses = *r;
  no_losses["trades"]["losses"] = 0;
  no_losses["trades"]["avg_loss_pct"] = 0;
  const std::string text = StatsReportText(no_losses);
  EXPECT_TRUE(LineOf(text, "average loss %").ends_with(" -")) << text;
  EXPECT_TRUE(LineOf(text, "average hold min, losers").ends_with(" -")) << text;
  EXPECT_FALSE(LineOf(text, "average win %").ends_with(" -")) << text;
}

// Counts read as words ("1 trade", "2 trades"), and a quote P&L says how many trades it covers.
TEST_F(StatsReportTest, TextCountsTradesInWords) {
  auto r = Report();
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_NE(StatsReportText(*r).find("P&L (quote) 1.00 (3 of 4 trades sized), losing streak"),
            std::string::npos)
      << StatsReportText(*r);
  nlohmann::ordered_json one = *r;
  one["returns"]["trades"] = 1;
  one["calibration"]["overall"]["count"] = 1;
  const std::string text = StatsReportText(one);
  EXPECT_NE(text.find("Daily returns on a capital of 1000.00 (1 trade with a quote P&L, 31 days)"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find(" over 1 trade with a confidence\n"), std::string::npos) << text;
}

}  // namespace
}  // namespace pulse::app
