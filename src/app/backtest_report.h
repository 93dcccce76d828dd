// The backtest report: trade and return statistics, what the quality gates and the controller
// cost or saved (shadow outcomes), calibration, breakdowns, the controller's episodes and the
// paper account; as one JSON object (no wall-clock figures: two runs of the same backtest give
// the same bytes), as text, and as a static HTML page with inline SVG charts.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "app/backtest.h"
#include "core/status.h"

namespace pulse::app {

// Keys: period, signals, sources (SourcesJson: each theory's and model's votes, accuracy and
// weight at the end), trades, returns, paper, shadows, calibration, breakdowns, controller,
// breaker_trips, forecast_warnings (the controller's LightForecastWarned: at, light, p_red,
// p_yellow_or_worse, win_probability, text). Daily returns of the paper equity (UTC days, 365
// periods a year) feed the return statistics.
Result<nlohmann::ordered_json> BacktestReportJson(const BacktestRun& run);

// The same report for a terminal.
std::string BacktestReportText(const nlohmann::ordered_json& report);

// A self-contained HTML page: the key figures, an equity curve and a drawdown chart (SVG), the
// breakdown tables and the controller's episodes.
std::string BacktestReportHtml(const nlohmann::ordered_json& report, const BacktestRun& run);

}  // namespace pulse::app
