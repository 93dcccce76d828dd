// The pieces both HTML reports (the backtest's and `pulse stats --report`'s) are made of: the
// page, tables of JSON rows and figures, and the charts drawn from the reports' series (equity
// and drawdown, the traffic light over time, P&L histograms, the account against the market,
// the reliability diagram). Pure functions; thread-safe.
#pragma once

#include <span>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "analytics/breakdowns.h"
#include "analytics/equity_curve.h"
#include "app/market_comparison.h"
#include "core/time.h"
#include "ports/controller_store.h"

namespace pulse::app {

// "<!doctype html>...<body>" with the reports' style and `title`, and the closing tags.
std::string HtmlPageStart(const std::string& title);
std::string HtmlPageEnd();

// How a headline figure reads: good (green), bad (red) or neither.
enum class HeadlineTone { kPlain, kGood, kBad };

// One figure of a report's headline: its name, its value as text and a line under it.
struct HeadlineFigure {
  std::string label;
  std::string value;
  std::string detail;
  HeadlineTone tone = HeadlineTone::kPlain;
};

// kGood when `value` is a number above `line`, kBad below it, kPlain at it or when not a number.
HeadlineTone ToneAgainst(const nlohmann::json& value, double line = 0);

// A number as headline text: "-" when not a number, else `decimals` decimals with thousands
// grouped, a "+" before a positive value when `signed_plus`, then `suffix` ("2.31", "+1.12 %").
std::string HeadlineNumber(const nlohmann::json& value, int decimals,
                           const std::string& suffix = "", bool signed_plus = false);

// The figures as a row of boxes (label, value coloured by its tone, detail), for the top of a
// page; labels and details are escaped.
std::string HeadlineHtml(std::span<const HeadlineFigure> figures);

// The headline figures of a trade statistics object (WriteTradeStats): the trades, the win rate
// with its interval, the profit factor and the expectancy.
std::vector<HeadlineFigure> TradeHeadline(const nlohmann::ordered_json& trades);
// The headline figures of return statistics (ReturnFigures): the maximum drawdown and the Sharpe
// ratio with the Sortino; none when `returns` is not an object.
std::vector<HeadlineFigure> ReturnsHeadline(const nlohmann::ordered_json& returns);

// The page with an index of its sections: each "<h2>" gets an id made from its title (a
// repeated title gets "-2", "-3", ...) and a link in a list put before the first of them.
std::string WithSectionIndex(const std::string& html);

// One JSON value in a table cell: "-" for null, money-sized numbers (|v| >= 1000) in fixed
// notation with thousands separators, tiny ones (|v| < 0.0001) to 4 decimals, other numbers to
// 4 significant digits (no exponent either way), text escaped.
std::string HtmlCell(const nlohmann::json& value);
// An array of objects as a table (the first object's keys as the header); "none" when empty.
std::string HtmlTable(const nlohmann::ordered_json& rows);
// An object's scalar members as a two-column table (nested objects and arrays left out).
std::string HtmlFigures(const nlohmann::ordered_json& object);

// ControllerEpisodeJson rows as a table of at, state and the reasons joined by "; ".
std::string ControllerEpisodesTable(const nlohmann::ordered_json& episodes);

// "-1.37%" for a value in percent.
std::string PercentLabel(double value);

// Line charts of an account's equity (quote currency) and its drawdown from the running peak
// (%) over `curve` (at least two points), with `drawdown_note` under the second.
std::string EquityAndDrawdownCharts(std::span<const analytics::EquityPoint> curve,
                                    const std::string& drawdown_note);

// The controller's states over [from, to] (`rows` in time order: the state the period starts
// in, then its changes) as a band on the time axis of the charts above it.
std::string ControllerBand(std::span<const ControllerStatusRow> rows, UnixNanos from, UnixNanos to);

// A histogram of P&L values in percent, losing bins red and the others green (0 is always a bin
// edge), SuggestedBinCount bins; with `tail` > 0 the outer bars also hold that fraction of the
// most extreme values at each end (EqualWidthBins).
std::string PnlHistogram(const std::vector<double>& pnl_pct, double tail, const std::string& title,
                         const std::string& note);

// The histogram of each trade's P&L % (PnlHistogram without tails, with its note).
std::string TradePnlHistogram(const std::vector<double>& pnl_pct);
// The histogram of the stopped (rejected or denied) candidates' P&L % followed as shadows, the
// outer bars also holding the 1 % most extreme at each end.
std::string StoppedPnlHistogram(const std::vector<double>& pnl_pct);

// The "Days" section: the figures of DailyFiguresJson (`days`; "none" when null) and the
// histogram of the daily returns of `curve` in percent (the flat days left out, as the note
// says; no chart when every day is flat or the curve is too short).
std::string DaysHtml(const nlohmann::ordered_json& days,
                     std::span<const analytics::EquityPoint> curve);

// The "Calibration" section of a report's calibration JSON ({"overall": {..., "bins"}}): the
// figures, the bins and the reliability diagram.
std::string CalibrationHtml(const nlohmann::ordered_json& calibration);
// A "By <key>" section with its table for each breakdown.
std::string BreakdownsHtml(const nlohmann::ordered_json& breakdowns);

// The trades by the weekday (rows, Monday first) and hour (columns) of their entry in UTC, each
// cell coloured by its summed P&L % (BreakDownByWeekdayAndHour), with count, win rate and P&L in
// its tooltip.
std::string WeekdayHourHeatmap(std::span<const analytics::WeekdayHourCell> cells);

// The "Months" of a report (MonthlyReturnsJson rows {"month": "2021-05", "account_pct",
// "market_pct"}): a heatmap of the account's return by year (rows) and month (columns), each
// cell's return written in it and set against the market's in its tooltip, then the table.
std::string MonthsHtml(const nlohmann::ordered_json& monthly);

// The account's and the market's returns compounded from the same UTC days, from `start` (0 %)
// to `end`, as two lines (the account's named `account_name` in the legend).
std::string MarketChart(const MarketComparison& market, UnixNanos start, UnixNanos end,
                        const std::string& account_name);

// The reliability diagram of a calibration section's bins ({"mean_confidence", "hit_rate",
// "count"} each).
std::string ReliabilityFromBins(const nlohmann::ordered_json& bins);

}  // namespace pulse::app
