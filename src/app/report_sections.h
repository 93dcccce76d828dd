// Report sections shared by the backtest report (`pulse backtest`), the live report
// (`pulse stats`) and the performance snapshots: one builder per JSON section, so the same
// figure has the same key, rounding rule and shape wherever it appears. Keys are stable.
// Pure functions over values; thread-safe.
#pragma once

#include <span>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "analytics/breakdowns.h"
#include "analytics/calibration.h"
#include "analytics/daily_figures.h"
#include "analytics/equity_curve.h"
#include "analytics/paper_reconciliation.h"
#include "analytics/return_stats.h"
#include "analytics/trade_record.h"
#include "core/status.h"
#include "engines/signal/signal_engine.h"
#include "model/outcome_events.h"
#include "ports/controller_store.h"

namespace pulse::app {

// Days per year of the daily return figures: crypto trades every day.
inline constexpr double kCryptoDaysPerYear = 365;

// The trade record of every outcome, in the given order. InvalidArgument (naming the signal)
// for an outcome that is not closed.
Result<std::vector<analytics::TradeRecord>> TradeRecordsOf(
    std::span<const OutcomeResolved> outcomes);

// The sources an outcome counts for: the names of its signal's contributions (theory_performance:
// "theory:<name>", "model:<name>") in order without repeats, or the signal's own `source` when it
// has none ("manual", ...).
std::vector<std::string> AttributedSources(const OutcomeResolved& outcome);

// The first failed check of a rejected candidate: the gate (or "risk:<rule>" for a controller
// denial) that stopped it; "unknown" when no check failed.
std::string StoppedBy(const Signal& signal);

// {"count", "ece", "brier", "bins": [{"lower", "upper", "count", "mean_confidence",
// "hit_rate"}]} with the empty bins left out.
nlohmann::ordered_json CalibrationJson(const analytics::CalibrationReport& report);

// {"overall": calibration of `trades`, "per_source": {source: calibration}} with the sources
// taken from the `source` field of `per_source_trades` (pass the same trades for the signal's
// source, or one record per attributed source).
Result<nlohmann::ordered_json> CalibrationSectionJson(
    std::span<const analytics::TradeRecord> trades,
    std::span<const analytics::TradeRecord> per_source_trades);

// One array per key, under the key's name: [{"label", "count", "win_rate_pct",
// "expectancy_pct", "profit_factor", "total_pnl_quote"}] in label order.
nlohmann::ordered_json BreakdownsJson(std::span<const analytics::TradeRecord> trades,
                                      std::span<const analytics::BreakdownKey> keys);
// A group's label for people: a weekday with its name ("1 Mon"), any other as it is.
std::string BreakdownLabel(std::string_view key, const std::string& label);
// The same as a "By <key>" table for each key with groups, each table after an empty line,
// labels by BreakdownLabel.
std::string BreakdownsText(const nlohmann::ordered_json& breakdowns);

// What the gates and the controller cost or saved, over the shadow outcomes among `outcomes`
// (the others are ignored): {"overall": trade statistics, "by_gate": [{"gate", "count",
// "win_rate_pct", "total_pnl_pct", "saved_pnl_pct"}]} grouped by StoppedBy, in gate order.
// saved_pnl_pct = -total_pnl_pct: positive when the stopped candidates would have lost.
// `with_quote_pnl` adds "total_pnl_quote" (the quote P&L after fees) to each gate's row.
Result<nlohmann::ordered_json> ShadowsJson(std::span<const OutcomeResolved> outcomes,
                                           bool with_quote_pnl = false);

// The signal engine's sources, one object each in ensemble order: {"source", "long", "short",
// "neutral", "abstained", "voted_pct" (votes of every symbol evaluated, null before any),
// "accuracy", "weight"}. A source that never votes shows 0.
nlohmann::ordered_json SourcesJson(std::span<const signal::SourceActivity> sources);
// The same as a table: source, votes, voted %, long, short, accuracy, weight.
std::string SourcesText(const nlohmann::ordered_json& sources);

// The paper account against the signals it traded (analytics/paper_reconciliation.h):
// {"positions", "signals", "size", "timing", "slippage", "fees", "paper", "unmatched",
// "unmatched_paper"}.
nlohmann::ordered_json PaperVsSignalsJson(const analytics::PaperReconciliation& reconciled);
// One line: "paper vs its signals (N positions): signals +297.18, size -222.94, timing -40.12,
// slippage -20.05, fees -14.11 = paper -0.04".
std::string PaperVsSignalsText(const nlohmann::ordered_json& vs_signals);

// One controller state: {"at", "state", "previous" (null for the first), "reasons": [text]}.
nlohmann::ordered_json ControllerEpisodeJson(const ControllerStatusRow& row);

// {"periods": "daily", "days", then every figure of ReturnFigures} (NaN as null).
nlohmann::ordered_json ReturnsJson(const analytics::ReturnStats& stats);

// The statistics of one compounded return per UTC day of an equity curve (ResampleReturns;
// the first day against the curve's first point), 365 days a year. InvalidArgument as
// ResampleReturns.
Result<analytics::ReturnStats> DailyReturnStats(std::span<const analytics::EquityPoint> curve);

// What `curve` did day by day (analytics/daily_figures.h), with `trades` (those booked on it)
// spread over its days: {"days", "winning_days", "flat_days", "losing_days", "trades_per_day",
// "time_in_market_pct" (TimeInMarket over the curve's span, in %, with the positions still open
// at its end entered at `open_since`), "best_day" (the UTC
// date), "best_day_pct", "worst_day", "worst_day_pct", "lowest_equity", "lowest_equity_at",
// "highest_equity", "highest_equity_at", "deepest_fall" (quote, >= 0), "deepest_fall_pct"
// (<= 0), "deepest_fall_from", "deepest_fall_to", "longest_underwater_days" (the longest time
// below a high), "longest_underwater_from", "longest_underwater_to" (when it got back, or the
// curve's end), "longest_underwater_recovered"}. InvalidArgument as ComputeDailyFigures.
Result<nlohmann::ordered_json> DailyFiguresJson(std::span<const analytics::EquityPoint> curve,
                                                std::span<const analytics::TradeRecord> trades,
                                                std::span<const UnixNanos> open_since = {});
// The same in two or three lines: "days: 78 (12 winning, 60 flat, 6 losing), 0.26 trades a day,
// a trade open 4.1 % of the time; best 2021-05-02 +1.23 %, worst 2021-05-06 -0.95 %\nequity: low
// 9,797.10 at ..., high ... at
// ...; deepest fall 412.90 (-4.04 %) from ... to ...\nunder water: the longest time below a high
// 3.5 days (from ..., back at ...)\n" ("since ..., not back by ..." when it never got back; the
// third line only when the equity fell); "no winning day" / "no losing day" instead of a best or
// worst day that did not gain or lose.
std::string DailyFiguresText(const nlohmann::ordered_json& days);

// The equity of an account that starts with `capital` at `from` and books each trade's quote
// P&L (after fees) at its exit, held flat to `to`. Trades without a quote P&L are left out.
// InvalidArgument as BuildEquityCurve.
Result<std::vector<analytics::EquityPoint>> TradeEquityCurve(
    std::span<const analytics::TradeRecord> trades, double capital, UnixNanos from, UnixNanos to);

// The daily return statistics of an account that starts with `capital` at `from` and books
// each trade's quote P&L (after fees) at its exit: one compounded return per UTC day from the
// day of `from` to the day of `to` (quiet days return 0), 365 days a year. Trades without a
// quote P&L are left out. InvalidArgument for a capital that is not positive, a trade exiting
// before `from` or `to` before `from`.
Result<analytics::ReturnStats> DailyTradeReturnStats(std::span<const analytics::TradeRecord> trades,
                                                     double capital, UnixNanos from, UnixNanos to);

// The strings of a JSON array joined by ", " ("" for none).
std::string JoinedNames(const nlohmann::ordered_json& names);

// "low to high" of two JSON figures (FigureText with `spec`), or "-" when either is null.
std::string IntervalText(const nlohmann::json& low, const nlohmann::json& high,
                         const char* spec = "{:.2f}");

// A JSON figure as table text: "-" for null, strings as they are, integers in full, other
// numbers with `spec` ("{:.2f}" by default).
std::string FigureText(const nlohmann::json& figure, const char* spec = "{:.2f}");

// A JSON count with its noun: "1 trade", "3 trades" (`noun` singular, "s" added otherwise).
std::string CountText(const nlohmann::json& count, std::string_view noun);

// A CalibrationJson in a line: "ECE 0.3609, Brier 0.3708 (skill -0.530 against always the base
// rate) over 7 signals with a confidence" (`noun` as CountText's).
std::string CalibrationSummaryText(const nlohmann::ordered_json& calibration,
                                   std::string_view noun);

}  // namespace pulse::app
