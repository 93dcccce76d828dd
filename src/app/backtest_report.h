// The backtest report: trade and return statistics, what the quality gates and the controller
// cost or saved (shadow outcomes), calibration, breakdowns, the controller's episodes and the
// paper account; as one JSON object (no wall-clock figures: two runs of the same backtest give
// the same bytes), as text, and as a static HTML page with inline SVG charts.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "analytics/equity_curve.h"
#include "analytics/trade_record.h"
#include "app/backtest.h"
#include "app/market_comparison.h"
#include "app/monte_carlo_section.h"
#include "core/status.h"
#include "ports/controller_store.h"

namespace pulse::app {

// The paper account's equity as a curve starting at the starting balance.
std::vector<analytics::EquityPoint> EquityCurve(const BacktestRun& run);

// The paper account against the equal-weight buy-and-hold of the symbols traded, bought with
// the starting balance at the first bar (market_comparison.h).
Result<MarketComparison> CompareWithMarket(const BacktestRun& run);

// The records of the real trades (shadows left out), in outcome order. InvalidArgument as
// MakeTradeRecord.
Result<std::vector<analytics::TradeRecord>> RealTradeRecords(const BacktestRun& run);

// The controller's state changes as controller_status rows, in time order.
std::vector<ControllerStatusRow> ControllerRows(const BacktestRun& run);

// Keys: period, signals, sources (SourcesJson: each theory's and model's votes, accuracy and
// weight at the end), trades, returns, daily (DailyFiguresJson of the paper equity at every bar,
// the real trades spread over its days), market (MarketJson: the buy-and-hold benchmark and the
// account against it), monthly (MonthlyReturnsJson), monte_carlo (MonteCarloJson of the real
// trades on the starting balance: null without simulations or with fewer than 2 sized trades),
// paper (the account, vs_signals: PaperVsSignalsJson, positions: PaperPositionsJson of every
// closed position, monte_carlo: MonteCarloJson of those positions' realised P&L on the starting
// balance, analytics::PaperAccountTrades), shadows, calibration, breakdowns,
// controller (ControllerEpisodeJson of each state change), controller_time_pct (StateTimeJson:
// each state's share of the period), breaker_trips, forecast_warnings (the controller's
// LightForecastWarned: at, light, p_red, p_yellow_or_worse, win_probability, text), trade_list
// (TradeRowJson of every real trade, in outcome order). Daily returns of the paper equity (UTC
// days, 365 periods a year) feed the return statistics.
Result<nlohmann::ordered_json> BacktestReportJson(const BacktestRun& run,
                                                  const MonteCarloSettings& monte_carlo);

// The same report for a terminal.
std::string BacktestReportText(const nlohmann::ordered_json& report);

// A self-contained HTML page: the key figures and tables, with SVG charts of the equity, the
// drawdown and the traffic light over time, the trades' and the shadows' P&L distributions, the
// account against the market and the reliability diagram.
std::string BacktestReportHtml(const nlohmann::ordered_json& report, const BacktestRun& run);

}  // namespace pulse::app
