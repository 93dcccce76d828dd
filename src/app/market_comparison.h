// The account against the market it traded in: an equal-weight buy-and-hold of the same symbols
// over the same window (analytics/buy_and_hold.h), both as one compounded return per UTC day,
// with alpha, beta and the capture ratios of the account's daily returns against the market's,
// and both per calendar month. "Did the signals beat holding?" is the first question a backtest
// has to answer. Used by the backtest report; pure functions over values.
#pragma once

#include <span>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "analytics/buy_and_hold.h"
#include "analytics/equity_curve.h"
#include "core/status.h"

namespace pulse::app {

// The account's and the market's daily returns over the same UTC days.
struct MarketComparison {
  analytics::BuyAndHoldBenchmark market;  // of the account's starting capital
  std::vector<UnixNanos> days;            // each day's start (UTC midnight)
  std::vector<double> account;            // the account's return of that day
  std::vector<double> benchmark;          // the market's
};

// `account` starts at (start, capital); the market is bought at `start` with the same capital.
// Both curves are resampled to UTC days from the day of `start` to the day of the later of
// their last points (a curve that ends earlier stays flat). InvalidArgument as BuyAndHold and
// ResampleReturns.
Result<MarketComparison> CompareWithMarket(std::span<const analytics::EquityPoint> account,
                                           std::span<const analytics::SymbolDailyCloses> prices,
                                           double capital, UnixNanos start);

// {"method": "equal-weight buy and hold", "market_change_pct", "symbols": [{"symbol",
// "first_price", "last_price", "change_pct"}], "without_candles": the symbols asked for that
// had no bar in the window (left out of the market), "returns": the market's daily return
// figures (ReturnsJson), "alpha" (annual), "beta", "up_capture", "down_capture",
// "excess_return_pct" (the account's total return less the market's, in percent)}. 365 days a
// year.
Result<nlohmann::ordered_json> MarketJson(const MarketComparison& comparison,
                                          const std::vector<std::string>& without_candles);

// [{"month": "2021-05", "account_pct", "market_pct"}], compounded from the daily returns.
Result<nlohmann::ordered_json> MonthlyReturnsJson(const MarketComparison& comparison);

// Lines for a terminal: the market's change (each symbol's too, up to ten symbols), its
// Sharpe and drawdown, the symbols without candles, the account against it, and the months as
// a table.
std::string MarketText(const nlohmann::ordered_json& market, const nlohmann::ordered_json& monthly);

}  // namespace pulse::app
