// The live performance report (`pulse stats`): everything the store knows about the trades that
// closed in the N days up to a moment (now, or a past time such as the simulated time a replayed
// run reached), optionally for some symbols or sources only. Built from the same
// section builders as the backtest report (report_sections.h), as one JSON object, and as text
// for a terminal.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "analytics/breakdowns.h"
#include "analytics/equity_curve.h"
#include "app/market_comparison.h"
#include "app/monte_carlo_section.h"
#include "core/status.h"
#include "core/time.h"
#include "engines/risk/risk_config.h"
#include "ports/candle_store.h"
#include "ports/controller_store.h"
#include "ports/portfolio_store.h"
#include "ports/signal_store.h"

namespace pulse::app {

// What the report covers. Empty lists do not filter.
struct StatsQuery {
  int days = 30;  // trades that closed from at - days to at, both inclusive (> 0)
  // The rolling view: the last N trades closed by `at`, whatever their age (0 = none).
  int last = 20;
  // Symbols in any spelling NormalizeSymbol accepts ("btc/usdt").
  std::vector<std::string> symbols;
  // A signal's `source` ("manual", "ensemble") or a contributing source as stored in
  // theory_performance ("theory:rsi_reversal", "model:xgb"): a trade counts when any matches.
  std::vector<std::string> sources;
};

// Where the report reads and what it needs besides the query.
struct StatsReportInputs {
  SignalStore* signals = nullptr;         // required
  ControllerStore* controller = nullptr;  // null: the controller section is empty
  // With `controller`: the controller's settings, for its light forecast (null: no forecast).
  const risk::RiskConfig* risk = nullptr;
  // The paper account (null: no paper section) and its name (paper.account).
  PortfolioStore* portfolio = nullptr;
  std::string paper_account = "paper";
  // The candles (table ohlcv) of the market section (null: no market section).
  CandleStore* candles = nullptr;
  // The moment the report is as at ("at"): now from the caller's Clock, or a past time. Nothing
  // that happened after it counts: trades and shadows that closed later are left out, positions
  // open at it are listed, the controller section stops at it.
  UnixNanos now = 0;
  double capital = 10000;  // the account the daily returns are measured against (> 0)
  int recent_trades = 10;  // how many closed trades the recent list shows
  // The Monte Carlo of the trades' account (simulations 0: none).
  MonteCarloSettings monte_carlo;
};

// The longest look-back of `--days` (a century; longer would leave the 64-bit time range).
inline constexpr int kMaxStatsDays = 36500;
// InvalidArgument unless 1 <= days <= kMaxStatsDays.
Status CheckStatsDays(int days);
// The most trades the rolling view takes.
inline constexpr int kMaxStatsLastTrades = 100000;
// The query with its symbols normalised and duplicates dropped. InvalidArgument for days
// outside 1..kMaxStatsDays, last outside 0..kMaxStatsLastTrades, a bad symbol or an empty
// source (check before opening anything).
Result<StatsQuery> CheckStatsQuery(const StatsQuery& query);

// The report. Keys, in order:
//   the recorder's summary (ReportToJson: days, since, total_trades, wins, losses, breakevens,
//   win_rate_pct, avg_win_pct, avg_loss_pct, avg_pnl_pct, profit_factor, open_positions,
//   recent_trades; kept for scripts written against earlier versions; open_positions are those
//   open at `now`), then
//   at           `now`, ISO-8601
//   filters      {"symbols", "sources"} as applied (symbols normalised); when a filter is
//                given and no trade or shadow matches, also "in_window": {"symbols",
//                "sources"} of every trade and shadow closed in the window (a misspelt name
//                shows itself); when no trade or shadow of the filters closed in the window,
//                also "newest_close": the exit time of the newest that closed by `now`,
//                whatever its age (ISO-8601), or null when none ever did
//   trades       TradeStatsToJson of the trades in the window
//   last_trades  {"n": query.last, "since": exit time of the oldest of them or null, "trades":
//                TradeStatsToJson of the last `last` trades (symbols and sources filtered)
//                that closed by `now`, whatever their age}; null when last is 0
//   returns      {"capital", "trades" (those with a quote P&L), then ReturnsJson of
//                DailyTradeReturnStats from `since` to `now`}; null when the equity would not
//                stay positive
//   daily        DailyFiguresJson of the same account (the trades with a quote P&L spread over
//                its days); null with returns
//   monte_carlo  MonteCarloJson of the same trades on `capital` (inputs.monte_carlo); null with
//                returns, without simulations or with fewer than 2 trades with a quote P&L
//   calibration  {"overall", "per_source"} (per source = per attributed source)
//   breakdowns   symbol, timeframe, source (attributed sources), confidence, exit_reason,
//                weekday, hour
//   controller   {"latest": the newest controller_status row at or before `now` or null,
//                "history": the rows changed from `since` to `now`, "forecast":
//                LightForecastJson as at `now` (LightForecastAt; null without `risk`),
//                "time_pct": StateTimeJson of the window (from the state it starts in; time
//                before the first row is not covered)} (not filtered by symbol or source; the
//                keys other than history null without a controller store)
//   shadows      ShadowsJson of the rejected and denied candidates that closed in the window,
//                with each gate's quote P&L
//   market       MarketJson: the trades' account (returns) against the equal-weight buy and
//                hold, from `since` to `now`, of the symbols of the trades and shadows in the
//                window (each signal's exchange and timeframe; bars closed by `now` from the
//                candle store), with "without_candles": the symbols that have no bar there;
//                null without a candle store, without such symbols or candles, or when the
//                returns are null
//   monthly      MonthlyReturnsJson of the same (null with market)
//   paper        {"account", "positions_closed" (exit fill in the window, of the symbols
//                filtered; sources do not filter the account), "realized_pnl", "vs_signals":
//                PaperVsSignalsJson of those positions, "positions": PaperPositionsJson of
//                each, in position order, "monte_carlo": MonteCarloJson of their realised
//                P&L in exit order on the account's starting balance (`capital` when the
//                account stores none), with inputs.monte_carlo}; null without a portfolio
//                store
// The series behind the HTML report's charts (stats_html.h), as BuildStatsReport saw them.
struct StatsChartData {
  UnixNanos since = 0;  // the window
  UnixNanos at = 0;
  // The trades' account: `capital` at `since`, each trade's quote P&L booked at its exit, flat
  // to `at` (TradeEquityCurve; empty when it cannot be built).
  std::vector<analytics::EquityPoint> equity;
  std::vector<double> trade_pnl_pct;  // each trade's P&L % (before fees), by exit
  std::vector<analytics::WeekdayHourCell> weekday_hour;  // the trades by entry weekday and hour
  std::vector<double> shadow_pnl_pct;                    // each closed shadow's
  // The controller's state at `since` (when one was stored by then), then its changes to `at`.
  std::vector<ControllerStatusRow> controller;
  std::optional<MarketComparison> market;  // as the market section (none when it is null)
};

// InvalidArgument as CheckStatsQuery, and for a missing signal store or a capital that is not
// positive. With `charts`, also the series of the HTML report's charts.
Result<nlohmann::ordered_json> BuildStatsReport(const StatsQuery& query,
                                                const StatsReportInputs& inputs,
                                                StatsChartData* charts = nullptr);

// The lines saying that the window holds no trade or candidate of the filters: what it holds
// instead ("filters.in_window") and when the newest matching one closed ("newest_close"), each
// ending in a newline; empty when the window holds some.
std::string EmptyWindowNote(const nlohmann::ordered_json& report);

// The same report for a terminal: the summary, the last-trades line, returns, calibration,
// breakdown, controller (with the forecast line), shadow, paper, open-position and recent-trade
// tables.
std::string StatsReportText(const nlohmann::ordered_json& report);

}  // namespace pulse::app
