// JSON views of model objects for `--format json` output. Keys are stable: scripts rely on
// them. Times are ISO-8601 UTC strings; missing values are null.
#pragma once

#include <nlohmann/json.hpp>

#include "control/trade_recorder.h"
#include "model/signal.h"

namespace pulse::app {

nlohmann::json SignalToJson(const Signal& signal, const SignalResult* result);
nlohmann::json ResultToJson(const SignalResult& result);
// `pulse stats --format json`: total_trades, wins, losses, breakevens, win_rate_pct,
// avg_win_pct, avg_loss_pct, avg_pnl_pct, profit_factor (number, "inf" or null),
// open_positions[], recent_trades[], plus days and since.
nlohmann::json ReportToJson(const control::RecorderReport& report);

}  // namespace pulse::app
