#include "analytics/trade_monte_carlo.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include <gtest/gtest.h>

#include "analytics/drawdown.h"

namespace pulse::analytics {
namespace {

// The figures of a path worked out independently of MeasurePath: the drawdown by the
// empyrical-conformant MaxDrawdown over its returns, the streak by counting.
PathFigures Reference(const std::vector<AccountTrade>& path) {
  std::vector<double> returns;
  double equity = 1;
  int streak = 0;
  PathFigures f;
  for (const AccountTrade& t : path) {
    returns.push_back(t.account_return);
    equity *= 1 + t.account_return;
    streak = t.loss ? streak + 1 : 0;
    f.longest_losing = std::max(f.longest_losing, streak);
  }
  f.max_drawdown = std::min(0.0, MaxDrawdown(returns));
  f.total_return = equity - 1;
  return f;
}

// Exact shares over equally likely paths, to compare with the simulated ones.
struct ExactShares {
  double as_deep = 0;
  double losing_money = 0;
  double beyond = 0;  // drawdown deeper than the limit
  double streak = 0;  // a losing streak at least the limit
  double mean_return = 0;
  double mean_drawdown = 0;
};

void Count(const PathFigures& f, const PathFigures& observed, double limit, int streak_limit,
           ExactShares& s) {
  s.as_deep += f.max_drawdown <= observed.max_drawdown + 1e-12;
  s.losing_money += f.total_return < 0;
  s.beyond += f.max_drawdown < -limit;
  s.streak += f.longest_losing >= streak_limit;
  s.mean_return += f.total_return;
  s.mean_drawdown += f.max_drawdown;
}

void Divide(ExactShares& s, double paths) {
  for (double* v :
       {&s.as_deep, &s.losing_money, &s.beyond, &s.streak, &s.mean_return, &s.mean_drawdown}) {
    *v /= paths;
  }
}

// A simulated share within 5 standard errors of the exact probability.
void ExpectShare(double simulated, double exact, int simulations, const char* what) {
  const double se = std::sqrt(std::max(exact * (1 - exact), 1e-9) / simulations);
  EXPECT_NEAR(simulated, exact, 5 * se + 1e-12) << what;
}

const std::vector<AccountTrade> kTrades = {{0.10, false}, {-0.20, true}, {0.05, false},
                                           {-0.08, true}, {-0.03, true}, {0.12, false}};

TEST(TradeMonteCarloTest, MeasuresAPathByHand) {
  // Equity 1.1, 0.88, 0.924: the peak 1.1, the trough 0.88 (-20 %), one loss at a time.
  const std::vector<AccountTrade> path = {{0.10, false}, {-0.20, true}, {0.05, false}};
  const PathFigures f = MeasurePath(path);
  EXPECT_DOUBLE_EQ(f.max_drawdown, 0.88 / 1.1 - 1);
  EXPECT_DOUBLE_EQ(f.total_return, 1.1 * 0.8 * 1.05 - 1);
  EXPECT_EQ(f.longest_losing, 1);
  // A path that only rises has no drawdown.
  const PathFigures up = MeasurePath(std::vector<AccountTrade>{{0.1, false}, {0.2, false}});
  EXPECT_EQ(up.max_drawdown, 0);
  EXPECT_EQ(up.longest_losing, 0);
  const PathFigures ref = Reference(kTrades);
  const PathFigures got = MeasurePath(kTrades);
  EXPECT_NEAR(got.max_drawdown, ref.max_drawdown, 1e-15);
  EXPECT_NEAR(got.total_return, ref.total_return, 1e-15);
  EXPECT_EQ(got.longest_losing, 2);
}

TEST(TradeMonteCarloTest, ShuffleMatchesEveryOrderEnumerated) {
  // The six trades have 720 orders, equally likely under the shuffle.
  MonteCarloOptions options;
  options.simulations = 40000;
  options.seed = 7;
  options.drawdown_limits = {0.25};
  options.streak_limits = {3};
  const auto mc_result = RunTradeMonteCarlo(kTrades, options);
  ASSERT_TRUE(mc_result.ok()) << mc_result.status().message();
  const TradeMonteCarlo& mc = *mc_result;
  const PathFigures observed = Reference(kTrades);
  EXPECT_EQ(mc.trades, 6);
  EXPECT_DOUBLE_EQ(mc.observed_max_drawdown, observed.max_drawdown);
  EXPECT_EQ(mc.observed_longest_losing, 2);

  std::vector<AccountTrade> order = kTrades;
  std::vector<int> index = {0, 1, 2, 3, 4, 5};
  ExactShares exact;
  int orders = 0;
  do {
    for (int i = 0; i < 6; ++i) order[i] = kTrades[index[i]];
    Count(Reference(order), observed, 0.25, 3, exact);
    ++orders;
  } while (std::next_permutation(index.begin(), index.end()));
  ASSERT_EQ(orders, 720);
  Divide(exact, orders);

  const MonteCarloPaths& s = mc.shuffle;
  ExpectShare(s.share_as_deep, exact.as_deep, options.simulations, "as deep as observed");
  ExpectShare(s.share_beyond[0], exact.beyond, options.simulations, "beyond 25 %");
  ExpectShare(s.share_streak[0], exact.streak, options.simulations, "3 losses in a row");
  // Every order ends where the observed one did.
  EXPECT_EQ(s.share_losing_money, observed.total_return < 0 ? 1.0 : 0.0);
  for (double r : s.total_returns) EXPECT_NEAR(r, observed.total_return, 1e-14);
  EXPECT_NEAR(s.total_return.p5, observed.total_return, 1e-14);
  EXPECT_NEAR(s.total_return.p95, observed.total_return, 1e-14);
  // The mean drawdown, against the exact mean over the orders (its spread bounds the error).
  double spread = 0;
  for (double d : s.max_drawdowns) spread = std::max(spread, std::fabs(d - exact.mean_drawdown));
  EXPECT_NEAR(s.max_drawdown.mean, exact.mean_drawdown,
              5 * spread / std::sqrt(options.simulations));
  // Quantiles are ordered and within the paths' range.
  EXPECT_LE(s.max_drawdown.p5, s.max_drawdown.p25);
  EXPECT_LE(s.max_drawdown.p25, s.max_drawdown.p50);
  EXPECT_LE(s.max_drawdown.p50, s.max_drawdown.p75);
  EXPECT_LE(s.max_drawdown.p75, s.max_drawdown.p95);
  EXPECT_EQ(s.max_drawdown.p5 >= *std::min_element(s.max_drawdowns.begin(), s.max_drawdowns.end()),
            true);
}

TEST(TradeMonteCarloTest, BootstrapMatchesEverySequenceEnumerated) {
  // Three trades drawn three times with replacement: 27 equally likely sequences.
  const std::vector<AccountTrade> trades = {{0.15, false}, {-0.10, true}, {-0.06, true}};
  MonteCarloOptions options;
  options.simulations = 40000;
  options.seed = 11;
  options.drawdown_limits = {0.12};
  options.streak_limits = {2};
  const auto mc_result = RunTradeMonteCarlo(trades, options);
  ASSERT_TRUE(mc_result.ok()) << mc_result.status().message();
  const TradeMonteCarlo& mc = *mc_result;
  const PathFigures observed = Reference(trades);
  ExactShares exact;
  for (int a = 0; a < 3; ++a) {
    for (int b = 0; b < 3; ++b) {
      for (int c = 0; c < 3; ++c) {
        Count(Reference({trades[a], trades[b], trades[c]}), observed, 0.12, 2, exact);
      }
    }
  }
  Divide(exact, 27);
  const MonteCarloPaths& b = mc.bootstrap;
  ExpectShare(b.share_losing_money, exact.losing_money, options.simulations, "ends at a loss");
  ExpectShare(b.share_beyond[0], exact.beyond, options.simulations, "beyond 12 %");
  ExpectShare(b.share_streak[0], exact.streak, options.simulations, "2 losses in a row");
  ExpectShare(b.share_as_deep, exact.as_deep, options.simulations, "as deep as observed");
  // E[prod(1 + r)] = (mean of 1 + r)^3 for independent draws.
  const double exact_mean = std::pow(1 + (0.15 - 0.10 - 0.06) / 3, 3) - 1;
  EXPECT_NEAR(exact.mean_return, exact_mean, 1e-15);
  double sd = 0;
  for (double r : b.total_returns) sd += (r - exact_mean) * (r - exact_mean);
  sd = std::sqrt(sd / options.simulations);
  EXPECT_NEAR(b.total_return.mean, exact_mean, 5 * sd / std::sqrt(options.simulations));
}

TEST(TradeMonteCarloTest, TheSameSeedGivesTheSameFigures) {
  MonteCarloOptions options;
  options.simulations = 500;
  options.seed = 3;
  const auto a_result = RunTradeMonteCarlo(kTrades, options);
  ASSERT_TRUE(a_result.ok()) << a_result.status().message();
  const TradeMonteCarlo& a = *a_result;
  const auto b_result = RunTradeMonteCarlo(kTrades, options);
  ASSERT_TRUE(b_result.ok()) << b_result.status().message();
  const TradeMonteCarlo& b = *b_result;
  EXPECT_EQ(a.shuffle.max_drawdowns, b.shuffle.max_drawdowns);
  EXPECT_EQ(a.bootstrap.total_returns, b.bootstrap.total_returns);
  options.seed = 4;
  const auto c_result = RunTradeMonteCarlo(kTrades, options);
  ASSERT_TRUE(c_result.ok()) << c_result.status().message();
  const TradeMonteCarlo& c = *c_result;
  EXPECT_NE(a.bootstrap.total_returns, c.bootstrap.total_returns);
  // The generator's first output is the standard's (mt19937_64 seeded with 5489 gives
  // 14514284786278117030 first), so the draws are the same on every platform.
  std::mt19937_64 rng(5489);
  EXPECT_EQ(rng(), 14514284786278117030ULL);
}

TEST(TradeMonteCarloTest, UniformBelowIsUnbiased) {
  std::mt19937_64 rng(42);
  EXPECT_EQ(UniformBelow(rng, 1), 0u);
  // Six values, 60,000 draws: Pearson's chi-square with 5 degrees of freedom stays below
  // 20.52 (its 0.999 quantile) for a fair die.
  std::vector<int> counts(6, 0);
  constexpr int kDraws = 60000;
  for (int i = 0; i < kDraws; ++i) {
    const std::uint64_t v = UniformBelow(rng, 6);
    ASSERT_LT(v, 6u);
    ++counts[v];
  }
  double chi2 = 0;
  for (int c : counts) chi2 += (c - kDraws / 6.0) * (c - kDraws / 6.0) / (kDraws / 6.0);
  EXPECT_LT(chi2, 20.52);
  // A bound of 3/4 of 2^64: the high half of output * n is floor(3 output / 4), so keeping
  // every low half would give each multiple of 3 two outputs and the other values one, and
  // half the draws would be multiples of 3 instead of a third.
  const std::uint64_t big = 3ULL << 62;
  int thirds = 0;
  constexpr int kBigDraws = 40000;
  for (int i = 0; i < kBigDraws; ++i) {
    const std::uint64_t v = UniformBelow(rng, big);
    ASSERT_LT(v, big);
    thirds += static_cast<int>(v % 3 == 0);
  }
  EXPECT_NEAR(thirds / static_cast<double>(kBigDraws), 1.0 / 3, 5 * std::sqrt(2.0 / 9 / kBigDraws));
}

TEST(TradeMonteCarloTest, AccountTradesAreReturnsOnTheEquityBeforeEach) {
  std::vector<TradeRecord> trades(4);
  trades[0].signal_id = 1;
  trades[0].exit_time = 300;
  trades[0].pnl_quote = -50;  // on 1,100
  trades[0].outcome = Outcome::kLoss;
  trades[1].signal_id = 2;
  trades[1].exit_time = 100;
  trades[1].pnl_quote = 100;  // on 1,000
  trades[1].outcome = Outcome::kWin;
  trades[2].signal_id = 3;
  trades[2].exit_time = 200;  // no quote P&L: not the account's
  trades[3].signal_id = 4;
  trades[3].exit_time = 300;  // ties keep the given order: after signal 1, on 1,050
  trades[3].pnl_quote = 0;
  trades[3].outcome = Outcome::kBreakeven;
  const auto account_result = AccountTrades(trades, 1000);
  ASSERT_TRUE(account_result.ok()) << account_result.status().message();
  const std::vector<AccountTrade>& account = *account_result;
  ASSERT_EQ(account.size(), 3u);
  EXPECT_DOUBLE_EQ(account[0].account_return, 0.1);
  EXPECT_FALSE(account[0].loss);
  EXPECT_DOUBLE_EQ(account[1].account_return, -50.0 / 1100);
  EXPECT_TRUE(account[1].loss);
  EXPECT_EQ(account[2].account_return, 0);
  EXPECT_FALSE(account[2].loss);

  trades[0].pnl_quote = -1100;
  const auto wiped = AccountTrades(trades, 1000);
  ASSERT_FALSE(wiped.ok());
  EXPECT_NE(wiped.status().message().find("signal 1"), std::string::npos);
  EXPECT_FALSE(AccountTrades(trades, 0).ok());
}

TEST(TradeMonteCarloTest, RefusesBadInputByName) {
  MonteCarloOptions options;
  auto message = [&](const std::vector<AccountTrade>& trades) {
    const auto r = RunTradeMonteCarlo(trades, options);
    EXPECT_FALSE(r.ok());
    return r.ok() ? std::string() : r.status().message();
  };
  EXPECT_NE(message({{0.1, false}}).find("at least 2 trades"), std::string::npos);
  EXPECT_NE(message({{0.1, false}, {-1.0, true}}).find("trade 2"), std::string::npos);
  EXPECT_NE(message({{NAN, false}, {0.1, false}}).find("trade 1"), std::string::npos);
  options.simulations = 0;
  EXPECT_NE(message(kTrades).find("simulations"), std::string::npos);
  options.simulations = 10;
  options.drawdown_limits = {1.5};
  EXPECT_NE(message(kTrades).find("drawdown limit"), std::string::npos);
  options.drawdown_limits = {};
  options.streak_limits = {0};
  EXPECT_NE(message(kTrades).find("losing-streak limit"), std::string::npos);
}

}  // namespace
}  // namespace pulse::analytics
