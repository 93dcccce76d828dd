#include "analytics/trade_monte_carlo.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <utility>

#include "analytics/return_stats.h"

namespace pulse::analytics {

namespace {

// The bootstrap's generator starts from the seed plus this (the golden ratio's 64-bit
// fraction), so its draws do not repeat the shuffle's.
constexpr std::uint64_t kBootstrapStream = 0x9E3779B97F4A7C15ULL;
// A path's drawdown "as deep as" the observed one within this (the same trades in another
// order round differently).
constexpr double kDepthTolerance = 1e-12;

MonteCarloSpread Spread(const std::vector<double>& values) {
  constexpr double kQuantiles[] = {0.05, 0.25, 0.50, 0.75, 0.95};
  const std::vector<double> q = Percentiles(values, kQuantiles);
  MonteCarloSpread s;
  s.p5 = q[0];
  s.p25 = q[1];
  s.p50 = q[2];
  s.p75 = q[3];
  s.p95 = q[4];
  double sum = 0;
  for (double v : values) sum += v;
  s.mean = sum / static_cast<double>(values.size());
  return s;
}

// Collects every path's figures of one method, then summarises them.
class PathTally {
 public:
  PathTally(const PathFigures& observed, const MonteCarloOptions& options, int simulations)
      : observed_(observed), options_(options) {
    paths_.max_drawdowns.reserve(simulations);
    paths_.total_returns.reserve(simulations);
    streaks_.reserve(simulations);
    paths_.share_beyond.assign(options.drawdown_limits.size(), 0);
    paths_.share_streak.assign(options.streak_limits.size(), 0);
  }

  void Add(const PathFigures& path) {
    paths_.max_drawdowns.push_back(path.max_drawdown);
    paths_.total_returns.push_back(path.total_return);
    streaks_.push_back(path.longest_losing);
    if (path.max_drawdown <= observed_.max_drawdown + kDepthTolerance) ++as_deep_;
    if (path.total_return < 0) ++losing_money_;
    for (std::size_t k = 0; k < options_.drawdown_limits.size(); ++k) {
      if (path.max_drawdown < -options_.drawdown_limits[k]) ++paths_.share_beyond[k];
    }
    for (std::size_t k = 0; k < options_.streak_limits.size(); ++k) {
      if (path.longest_losing >= options_.streak_limits[k]) ++paths_.share_streak[k];
    }
  }

  MonteCarloPaths Finish() && {
    const auto n = static_cast<double>(paths_.max_drawdowns.size());
    paths_.max_drawdown = Spread(paths_.max_drawdowns);
    paths_.total_return = Spread(paths_.total_returns);
    paths_.longest_losing = Spread(streaks_);
    paths_.share_as_deep = static_cast<double>(as_deep_) / n;
    paths_.share_losing_money = static_cast<double>(losing_money_) / n;
    for (double& share : paths_.share_beyond) share /= n;
    for (double& share : paths_.share_streak) share /= n;
    return std::move(paths_);
  }

 private:
  const PathFigures& observed_;
  const MonteCarloOptions& options_;
  MonteCarloPaths paths_;
  std::vector<double> streaks_;
  std::int64_t as_deep_ = 0;
  std::int64_t losing_money_ = 0;
};

Status CheckInput(std::span<const AccountTrade> trades, const MonteCarloOptions& options) {
  if (trades.size() < 2) {
    return InvalidArgumentError("a Monte Carlo needs at least 2 trades, got {}", trades.size());
  }
  for (std::size_t i = 0; i < trades.size(); ++i) {
    const double r = trades[i].account_return;
    if (!std::isfinite(r) || r <= -1) {
      return InvalidArgumentError(
          "trade {}: its return on the account must be finite and above -1 (all of it lost), "
          "got {}",
          i + 1, r);
    }
  }
  if (options.simulations < 1 || options.simulations > kMaxMonteCarloSimulations) {
    return InvalidArgumentError("Monte Carlo simulations must be 1 .. {}, got {}",
                                kMaxMonteCarloSimulations, options.simulations);
  }
  for (double limit : options.drawdown_limits) {
    if (!(limit > 0 && limit < 1)) {
      return InvalidArgumentError("a drawdown limit must be a fraction in (0, 1), got {}", limit);
    }
  }
  for (int limit : options.streak_limits) {
    if (limit < 1) return InvalidArgumentError("a losing-streak limit must be >= 1, got {}", limit);
  }
  return Status::Ok();
}

}  // namespace

Result<std::vector<AccountTrade>> CompoundOnAccount(std::vector<BookedPnl> booked, double capital,
                                                    std::string_view what) {
  if (!(capital > 0)) return InvalidArgumentError("capital must be positive, got {}", capital);
  std::stable_sort(booked.begin(), booked.end(),
                   [](const BookedPnl& a, const BookedPnl& b) { return a.at < b.at; });
  std::vector<AccountTrade> out;
  out.reserve(booked.size());
  double equity = capital;
  for (const BookedPnl& b : booked) {
    if (!(equity + b.pnl > 0)) {
      return InvalidArgumentError(
          "{} {}: its P&L {} takes the account's equity from {} to zero or below", what, b.id,
          b.pnl, equity);
    }
    out.push_back({b.pnl / equity, b.loss});
    equity += b.pnl;
  }
  return out;
}

Result<std::vector<AccountTrade>> AccountTrades(std::span<const TradeRecord> trades,
                                                double capital) {
  std::vector<BookedPnl> booked;
  for (const TradeRecord& t : trades) {
    if (t.pnl_quote)
      booked.push_back({t.exit_time, *t.pnl_quote, t.outcome == Outcome::kLoss, t.signal_id});
  }
  return CompoundOnAccount(std::move(booked), capital, "signal");
}

PathFigures MeasurePath(std::span<const AccountTrade> path) {
  PathFigures f;
  double equity = 1;
  double peak = 1;
  int streak = 0;
  for (const AccountTrade& t : path) {
    equity *= 1 + t.account_return;
    peak = std::max(peak, equity);
    f.max_drawdown = std::min(f.max_drawdown, equity / peak - 1);
    streak = t.loss ? streak + 1 : 0;
    f.longest_losing = std::max(f.longest_losing, streak);
  }
  f.total_return = equity - 1;
  return f;
}

std::uint64_t UniformBelow(std::mt19937_64& rng, std::uint64_t n) {
  // output * n spans [0, n 2^64): its high half is the draw. Of each of the n stretches of 2^64
  // products, the first (2^64 mod n) low halves would make some draws more likely than others;
  // a product whose low half falls there is drawn again.
  unsigned __int128 product = static_cast<unsigned __int128>(rng()) * n;
  auto low = static_cast<std::uint64_t>(product);
  if (low < n) {
    const std::uint64_t threshold = (0 - n) % n;  // 2^64 mod n
    while (low < threshold) {
      product = static_cast<unsigned __int128>(rng()) * n;
      low = static_cast<std::uint64_t>(product);
    }
  }
  return static_cast<std::uint64_t>(product >> 64);
}

Result<TradeMonteCarlo> RunTradeMonteCarlo(std::span<const AccountTrade> trades,
                                           const MonteCarloOptions& options) {
  RETURN_IF_ERROR(CheckInput(trades, options));
  TradeMonteCarlo out;
  out.trades = static_cast<std::int64_t>(trades.size());
  out.simulations = options.simulations;
  out.seed = options.seed;
  const PathFigures observed = MeasurePath(trades);
  out.observed_max_drawdown = observed.max_drawdown;
  out.observed_total_return = observed.total_return;
  out.observed_longest_losing = observed.longest_losing;

  const std::size_t n = trades.size();
  std::vector<AccountTrade> path(trades.begin(), trades.end());
  {
    // Fisher-Yates from the observed order each time.
    std::mt19937_64 rng(options.seed);
    PathTally tally(observed, options, options.simulations);
    for (int s = 0; s < options.simulations; ++s) {
      std::copy(trades.begin(), trades.end(), path.begin());
      for (std::size_t i = n - 1; i > 0; --i) std::swap(path[i], path[UniformBelow(rng, i + 1)]);
      tally.Add(MeasurePath(path));
    }
    out.shuffle = std::move(tally).Finish();
  }
  {
    std::mt19937_64 rng(options.seed + kBootstrapStream);
    PathTally tally(observed, options, options.simulations);
    for (int s = 0; s < options.simulations; ++s) {
      for (std::size_t i = 0; i < n; ++i) path[i] = trades[UniformBelow(rng, n)];
      tally.Add(MeasurePath(path));
    }
    out.bootstrap = std::move(tally).Finish();
  }
  return out;
}

}  // namespace pulse::analytics
