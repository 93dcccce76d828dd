// StatsReportHtml: the live performance report (`pulse stats --report FILE.html`) as one static
// page with inline SVG charts, from the report's JSON and the series behind it.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "app/stats_report.h"

namespace pulse::app {

// The window and its filters, the trade statistics with a histogram of each trade's P&L, the
// rolling view, the trades' account (equity and drawdown from the capital, with the traffic
// light under them on the same time axis), the daily returns, the account against the market
// (chart, symbols, months), what the gates and the controller stopped (with a histogram of the
// stopped candidates' P&L), calibration with a reliability diagram, the breakdowns, the
// controller's states and forecast, the paper account against its signals, the open positions
// and the recent trades. Sections whose data the report lacks say so.
std::string StatsReportHtml(const nlohmann::ordered_json& report, const StatsChartData& charts);

}  // namespace pulse::app
