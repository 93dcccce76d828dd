#include "app/market_comparison.h"

#include <algorithm>
#include <sstream>

#include <fmt/format.h>

#include "analytics/return_stats.h"
#include "app/json_views.h"
#include "app/report_sections.h"
#include "app/table_printer.h"

namespace pulse::app {

namespace {

// Above this many symbols the text names none of them (the JSON has every one).
constexpr std::size_t kSymbolsNamedInText = 10;

// The daily returns of `curve` once it is held flat to `end`.
Result<std::vector<analytics::PeriodReturn>> DailyUntil(std::vector<analytics::EquityPoint> curve,
                                                        UnixNanos end) {
  if (!curve.empty() && curve.back().time < end) curve.push_back({end, curve.back().equity});
  return analytics::ResampleReturns(curve, kNanosPerDay, 0);
}

}  // namespace

Result<MarketComparison> CompareWithMarket(std::span<const analytics::EquityPoint> account,
                                           std::span<const analytics::SymbolDailyCloses> prices,
                                           double capital, UnixNanos start) {
  if (account.empty()) return InvalidArgumentError("the account has no equity to compare");
  MarketComparison out;
  ASSIGN_OR_RETURN(out.market, analytics::BuyAndHold(prices, capital, start));
  const UnixNanos end = std::max(account.back().time, out.market.curve.back().time);
  ASSIGN_OR_RETURN(std::vector<analytics::PeriodReturn> mine,
                   DailyUntil({account.begin(), account.end()}, end));
  ASSIGN_OR_RETURN(std::vector<analytics::PeriodReturn> market, DailyUntil(out.market.curve, end));
  if (mine.size() != market.size() || mine.front().period_start != market.front().period_start) {
    return InvalidArgumentError(
        "the account's days ({} from {}) and the market's ({} from {}) differ: the account's "
        "curve must start at the market's start",
        mine.size(), FormatIso8601(mine.front().period_start), market.size(),
        FormatIso8601(market.front().period_start));
  }
  for (std::size_t i = 0; i < mine.size(); ++i) {
    out.days.push_back(mine[i].period_start);
    out.account.push_back(mine[i].value);
    out.benchmark.push_back(market[i].value);
  }
  return out;
}

Result<nlohmann::ordered_json> MarketJson(const MarketComparison& c,
                                          const std::vector<std::string>& without_candles) {
  nlohmann::ordered_json j;
  j["method"] = "equal-weight buy and hold";
  j["market_change_pct"] = FigureToJson(c.market.market_change * 100);
  nlohmann::ordered_json symbols = nlohmann::ordered_json::array();
  for (const analytics::SymbolChange& s : c.market.symbols) {
    symbols.push_back({{"symbol", s.symbol},
                       {"first_price", FigureToJson(s.first.price)},
                       {"last_price", FigureToJson(s.last.price)},
                       {"change_pct", FigureToJson(s.change * 100)}});
  }
  j["symbols"] = std::move(symbols);
  j["without_candles"] = without_candles;
  analytics::ReturnStatsOptions options;
  options.periods_per_year = kCryptoDaysPerYear;
  ASSIGN_OR_RETURN(const analytics::ReturnStats market,
                   analytics::ComputeReturnStats(c.benchmark, options));
  j["returns"] = ReturnsJson(market);
  const analytics::AlphaBeta ab =
      analytics::ComputeAlphaBeta(c.account, c.benchmark, 0, kCryptoDaysPerYear);
  j["alpha"] = FigureToJson(ab.alpha);
  j["beta"] = FigureToJson(ab.beta);
  j["up_capture"] =
      FigureToJson(analytics::UpCaptureRatio(c.account, c.benchmark, kCryptoDaysPerYear));
  j["down_capture"] =
      FigureToJson(analytics::DownCaptureRatio(c.account, c.benchmark, kCryptoDaysPerYear));
  j["excess_return_pct"] =
      FigureToJson((analytics::CumReturnsFinal(c.account) - market.total_return) * 100);
  return j;
}

Result<nlohmann::ordered_json> MonthlyReturnsJson(const MarketComparison& c) {
  ASSIGN_OR_RETURN(
      const std::vector<analytics::PeriodReturn> mine,
      analytics::AggregateReturns(c.account, c.days, analytics::CalendarPeriod::kMonthly));
  ASSIGN_OR_RETURN(
      const std::vector<analytics::PeriodReturn> market,
      analytics::AggregateReturns(c.benchmark, c.days, analytics::CalendarPeriod::kMonthly));
  nlohmann::ordered_json months = nlohmann::ordered_json::array();
  for (std::size_t i = 0; i < mine.size(); ++i) {
    months.push_back({{"month", FormatIso8601(mine[i].period_start).substr(0, 7)},
                      {"account_pct", FigureToJson(mine[i].value * 100)},
                      {"market_pct", FigureToJson(market[i].value * 100)}});
  }
  return months;
}

std::string MarketText(const nlohmann::ordered_json& m, const nlohmann::ordered_json& monthly) {
  std::string named;
  if (m["symbols"].size() <= kSymbolsNamedInText) {
    for (const auto& s : m["symbols"]) {
      named += fmt::format("{}{} {} %", named.empty() ? " (" : ", ", s["symbol"].get<std::string>(),
                           FigureText(s["change_pct"], "{:+.2f}"));
    }
    if (!named.empty()) named += ")";
  }
  std::string without;
  for (const auto& symbol : m["without_candles"]) {
    without += (without.empty() ? "; no bars of " : ", ") + symbol.get<std::string>();
  }
  std::string out = fmt::format(
      "market ({} of {} symbols): change {} %{}; daily Sharpe {}, max drawdown {}{}\n"
      "account against the market: excess return {} %, alpha {}, beta {}, up capture {}, "
      "down capture {}\n",
      m["method"].get<std::string>(), m["symbols"].size(),
      FigureText(m["market_change_pct"], "{:+.2f}"), named, FigureText(m["returns"]["sharpe"]),
      FigureText(m["returns"]["max_drawdown"], "{:.4f}"), without,
      FigureText(m["excess_return_pct"], "{:+.2f}"), FigureText(m["alpha"], "{:.4f}"),
      FigureText(m["beta"], "{:.4f}"), FigureText(m["up_capture"], "{:.4f}"),
      FigureText(m["down_capture"], "{:.4f}"));
  TablePrinter table({"month", ">account %", ">market %"});
  for (const auto& row : monthly) {
    table.AddRow({row["month"].get<std::string>(), FigureText(row["account_pct"], "{:+.2f}"),
                  FigureText(row["market_pct"], "{:+.2f}")});
  }
  std::ostringstream printed;
  table.Print(printed);
  return out + "monthly returns:\n" + printed.str();
}

}  // namespace pulse::app
