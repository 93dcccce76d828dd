// Monte Carlo of a trade sequence: how the account could have gone with the same trades.
// Seven trades, or seventy, are one draw of what the signals give; the drawdown a backtest
// shows is the one its order happened to give. Two methods, each over the same simulations:
//   - shuffle: every trade once, in a random order. The final return stays (up to rounding),
//     only the path changes: how deep the drawdown and how long the losing streak could have
//     been with these very trades, and how unlucky the observed order was;
//   - bootstrap: as many trades as there were, drawn with replacement: the trades as a sample
//     of the signals, so the final return varies too (the chance of ending at a loss).
// A path starts at 1 and compounds each trade's return on the account (its quote P&L over the
// equity before it, AccountTrades), trade by trade: drawdowns are those of the closed-trade
// equity, not of the bars in between.
// Deterministic: the same trades, simulations and seed give the same figures on every platform
// (std::mt19937_64, whose sequence the standard fixes, and an unbiased bounded draw of its own,
// as std::uniform_int_distribution is implementation-defined).
// Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <random>
#include <span>
#include <string_view>
#include <vector>

#include "analytics/trade_record.h"
#include "core/status.h"
#include "core/time.h"

namespace pulse::analytics {

// One trade as the account took it.
struct AccountTrade {
  double account_return = 0;  // pnl_quote / the equity before it (> -1)
  bool loss = false;          // its outcome is a loss (breakevens are not)
};

// One P&L as an account booked it: when, the quote amount, whether it counts as a loss, and the
// id of what made it (named in an error).
struct BookedPnl {
  UnixNanos at = 0;
  double pnl = 0;
  bool loss = false;
  std::int64_t id = 0;
};

// The P&Ls in time order (ties in the given order), compounded on an account that starts with
// `capital`: each one over the equity before it. InvalidArgument for a capital that is not
// positive, or when the equity would not stay positive (naming `what` and the id of the P&L
// that takes it to zero or below: "signal 12: its P&L ...").
Result<std::vector<AccountTrade>> CompoundOnAccount(std::vector<BookedPnl> booked, double capital,
                                                    std::string_view what);

// The trades with a quote P&L, booked at their exits (BuildEquityCurve's account):
// CompoundOnAccount of "signal"s.
Result<std::vector<AccountTrade>> AccountTrades(std::span<const TradeRecord> trades,
                                                double capital);

// What to simulate.
struct MonteCarloOptions {
  int simulations = 1000;  // of each method, 1 .. kMaxMonteCarloSimulations
  std::uint64_t seed = 1;
  // Depths (fractions > 0, 0.15 = 15 %): the share of paths whose maximum drawdown goes
  // beyond each.
  std::vector<double> drawdown_limits;
  // Lengths (>= 1): the share of paths with a losing streak at least this long.
  std::vector<int> streak_limits;
};
inline constexpr int kMaxMonteCarloSimulations = 1000000;

// A figure over the simulated paths: quantiles (linear interpolation, as Percentile) and mean.
struct MonteCarloSpread {
  double p5 = 0;
  double p25 = 0;
  double p50 = 0;
  double p75 = 0;
  double p95 = 0;
  double mean = 0;
};

// One method's paths.
struct MonteCarloPaths {
  MonteCarloSpread max_drawdown;      // fractions <= 0 (-0.1 = 10 % below the peak)
  MonteCarloSpread total_return;      // final equity - 1
  MonteCarloSpread longest_losing;    // the longest run of losses, in trades
  double share_as_deep = 0;           // paths whose drawdown is at least the observed depth
  double share_losing_money = 0;      // paths ending below the start
  std::vector<double> share_beyond;   // per drawdown limit: drawdown deeper than it
  std::vector<double> share_streak;   // per streak limit: a losing streak at least that long
  std::vector<double> max_drawdowns;  // each path's, in simulation order
  std::vector<double> total_returns;  // each path's, in simulation order
};

// The observed sequence and both methods' paths.
struct TradeMonteCarlo {
  std::int64_t trades = 0;
  int simulations = 0;
  std::uint64_t seed = 0;
  double observed_max_drawdown = 0;
  double observed_total_return = 0;
  int observed_longest_losing = 0;
  MonteCarloPaths shuffle;
  MonteCarloPaths bootstrap;
};

// The simulations over `trades` (in the account's order). InvalidArgument for fewer than 2
// trades, a return that is not finite or not above -1, simulations outside
// 1..kMaxMonteCarloSimulations, a drawdown limit outside (0, 1) or a streak limit below 1.
Result<TradeMonteCarlo> RunTradeMonteCarlo(std::span<const AccountTrade> trades,
                                           const MonteCarloOptions& options);

// The figures of one path, as RunTradeMonteCarlo measures every path.
struct PathFigures {
  double max_drawdown = 0;
  double total_return = 0;
  int longest_losing = 0;
};
PathFigures MeasurePath(std::span<const AccountTrade> path);

// A draw in [0, n) from `rng`'s 64-bit output, every value equally likely: the high half of
// output * n, drawing again for the few low halves that would favour some values. n > 0.
std::uint64_t UniformBelow(std::mt19937_64& rng, std::uint64_t n);

}  // namespace pulse::analytics
