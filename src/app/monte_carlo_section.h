// The Monte Carlo section of the backtest and stats reports: the account's trades in other
// orders and drawn again with replacement (analytics/trade_monte_carlo.h), judged against the
// controller's own lines (the max-drawdown breaker's depth and the consecutive-losses
// breaker's streak). As JSON (no wall-clock figure: the same trades and seed give the same
// bytes), as text and as HTML with a histogram for each method. Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <span>
#include <string>

#include <nlohmann/json.hpp>

#include "analytics/trade_monte_carlo.h"
#include "analytics/trade_record.h"
#include "core/status.h"
#include "engines/risk/risk_config.h"

namespace pulse::app {

// How many paths, from which seed, judged against which lines.
struct MonteCarloSettings {
  int simulations = 1000;  // of each method; 0 leaves the section out
  std::uint64_t seed = 1;
  double drawdown_limit = 0.15;  // a fraction in (0, 1)
  int streak_limit = 5;          // losses in a row, >= 1
};

// The settings with the controller's lines: the max-drawdown breaker's limit and the
// consecutive-losses breaker's count.
MonteCarloSettings MonteCarloSettingsFor(const risk::RiskConfig& risk, int simulations,
                                         std::uint64_t seed);

// InvalidArgument naming the flag for --simulations outside 0 ..
// analytics::kMaxMonteCarloSimulations or a negative --seed.
Status CheckMonteCarloFlags(int simulations, std::int64_t seed);

// null when the settings ask for no simulations or fewer than 2 of `trades` have a quote P&L;
// else, with every figure in percent (a drawdown <= 0):
//   {"simulations", "seed", "trades", "capital",
//    "observed": {"max_drawdown_pct", "return_pct", "longest_losing_streak"},
//    "limits": {"max_drawdown_pct", "losing_streak"},
//    "shuffle": {"max_drawdown_pct": spread, "longest_losing_streak": spread, "as_deep_pct",
//                "beyond_drawdown_limit_pct", "streak_limit_pct", "max_drawdown_histogram"},
//    "bootstrap": {"return_pct": spread, "max_drawdown_pct": spread, "longest_losing_streak":
//                  spread, "losing_money_pct", "as_deep_pct", "beyond_drawdown_limit_pct",
//                  "streak_limit_pct", "return_histogram"}}
// A spread is {"p5", "p25", "p50", "p75", "p95", "mean"}; a histogram [{"lower", "upper",
// "count"}] of equal-width bins (EqualWidthBins). The trades are taken in exit order on an
// account of `capital` (analytics::AccountTrades). InvalidArgument as AccountTrades.
Result<nlohmann::ordered_json> MonteCarloJson(std::span<const analytics::TradeRecord> trades,
                                              double capital, const MonteCarloSettings& settings);
// The same object over trades already on the account (analytics::PaperAccountTrades for the
// paper account's positions; "trades" counts them).
Result<nlohmann::ordered_json> MonteCarloJson(std::span<const analytics::AccountTrade> account,
                                              double capital, const MonteCarloSettings& settings);

// Whose trades a Monte Carlo object is of: the signals' (the tracker's quote P&L at each
// signal's size) or the paper account's closed positions.
enum class MonteCarloOf { kSignals, kPaper };

// Three lines (none for null): "Monte Carlo of the 7 trades' quote P&L on 10000.00 (the
// signals' account), 1000 paths each (seed 1): as taken, ...\n  in other orders: ...\n  drawn
// again: ...\n"; for the paper account "Monte Carlo of the paper account's 7 positions on
// 10000.00, 1000 paths each ...".
std::string MonteCarloText(const nlohmann::ordered_json& monte_carlo,
                           MonteCarloOf of = MonteCarloOf::kSignals);

// The "Monte Carlo" section ("Monte Carlo of the paper account" for kPaper): what it is, the
// figures and the two histograms (the shuffled paths' drawdowns, the bootstrap's returns), the
// bin holding the observed value in orange.
std::string MonteCarloHtml(const nlohmann::ordered_json& monte_carlo,
                           MonteCarloOf of = MonteCarloOf::kSignals);

}  // namespace pulse::app
