// The stored performance snapshots as people look at them: the columns of `pulse stats
// snapshots`' table (text and HTML), and its --report page, each figure of one window over time
// as a chart with a line per scope. Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/time.h"

namespace pulse::app {

// metrics[section][key] of a snapshot's metrics, or null when it does not have it.
nlohmann::ordered_json SnapshotFigure(const nlohmann::ordered_json& metrics, const char* section,
                                      const char* key);

// The headers of SnapshotCells, in its order (the first three are text, the others figures).
std::vector<std::string> SnapshotHeaders();

// The cells of one snapshot row ({"taken_at", "scope", "window", "metrics"}, as `pulse stats
// snapshots --format json` prints it) under their headers: taken at, scope, window, trades, win
// rate %, profit factor, expectancy %, P&L (quote), ECE, Brier, Sharpe, max drawdown; a figure
// the snapshot lacks is "-".
std::vector<std::pair<std::string, std::string>> SnapshotCells(const nlohmann::ordered_json& row);

// The --report page of `pulse stats snapshots` over `rows` (as above, oldest first) up to `at`:
// for `window`, a chart per figure (trades, win rate, expectancy, P&L, profit factor, Sharpe,
// max drawdown, ECE) with a line per scope (overall first, then by name). At each time a row
// of the window was taken, a scope's value is its newest row's at or before that time (the
// figures stand until a row changes them); there is a gap before its first row and where the
// figure is none. Then the newest row of each scope as a table. Rows of other windows are left
// out; without rows of `window` the page says so.
std::string SnapshotsReportHtml(const nlohmann::ordered_json& rows, std::string_view window,
                                UnixNanos at);

}  // namespace pulse::app
