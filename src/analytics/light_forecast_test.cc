#include "analytics/light_forecast.h"

#include <algorithm>
#include <vector>

#include <gtest/gtest.h>

namespace pulse::analytics {
namespace {

constexpr Outcome W = Outcome::kWin;
constexpr Outcome L = Outcome::kLoss;

// The hand-computed cases below use window 4 and min_sample 4 on the known outcomes W W W L.
LightForecastConfig SmallWindow() {
  LightForecastConfig c;
  c.window = 4;
  c.min_sample = 4;
  c.red_win_rate = 0.5;
  c.yellow_win_rate = 0.7;
  c.red_consecutive_losses = 0;
  c.horizon = 2;
  c.estimate_window = 4;
  return c;
}

TEST(LightForecastTest, BetaBinomialHandComputed) {
  const std::vector<Outcome> wins = {W, W, W, L};
  auto f = ForecastLight({}, 0, SmallWindow());
  // Empty history first: the prior alone, and a window that never reaches min_sample 4 within
  // two trades, so nothing can turn.
  ASSERT_TRUE(f.ok()) << f.status();
  EXPECT_DOUBLE_EQ(f->win_probability, 0.5);
  EXPECT_DOUBLE_EQ(f->p_red, 0.0);
  EXPECT_DOUBLE_EQ(f->p_yellow_or_worse, 0.0);

  f = ForecastLight(wins, 0, SmallWindow());
  ASSERT_TRUE(f.ok()) << f.status();
  // Posterior Beta(1 + 3, 1 + 1): mean 4/6.
  EXPECT_DOUBLE_EQ(f->alpha, 4.0);
  EXPECT_DOUBLE_EQ(f->beta, 2.0);
  EXPECT_DOUBLE_EQ(f->win_probability, 4.0 / 6.0);
  // After trade 1 the window is W W L x1, after trade 2 it is W L x1 x2.
  // Yellow (< 0.7, i.e. at most 2 wins of 4): x1 = L (p 2/6), or x1 = W then x2 = L (4/6 * 2/7).
  // 1/3 + 8/42 = 22/42 = 11/21.
  EXPECT_NEAR(f->p_yellow_or_worse, 11.0 / 21.0, 1e-15);
  // Red (< 0.5, at most 1 win of 4): only L L: 2/6 * 3/7 = 1/7.
  EXPECT_NEAR(f->p_red, 1.0 / 7.0, 1e-15);
}

TEST(LightForecastTest, PlainBinomialAtThePosteriorMean) {
  const std::vector<Outcome> wins = {W, W, W, L};
  LightForecastConfig c = SmallWindow();
  c.use_uncertainty = false;
  auto f = ForecastLight(wins, 0, c);
  ASSERT_TRUE(f.ok()) << f.status();
  // p = 2/3 fixed: yellow 1/3 + 2/3 * 1/3 = 5/9; red (1/3)^2 = 1/9.
  EXPECT_NEAR(f->p_yellow_or_worse, 5.0 / 9.0, 1e-15);
  EXPECT_NEAR(f->p_red, 1.0 / 9.0, 1e-15);
}

TEST(LightForecastTest, LosingStreakRule) {
  // 5 wins then 3 losses; streak rule at 5; a win-rate rule that cannot fire (min sample 100).
  const std::vector<Outcome> wins = {W, W, W, W, W, L, L, L};
  LightForecastConfig c;
  c.window = 50;
  c.min_sample = 100;
  c.red_consecutive_losses = 5;
  c.horizon = 2;
  auto f = ForecastLight(wins, 3, c);
  ASSERT_TRUE(f.ok()) << f.status();
  // Beta(6, 4): red only on two more losses: 4/10 * 5/11 = 2/11.
  EXPECT_NEAR(f->p_red, 2.0 / 11.0, 1e-15);
  EXPECT_NEAR(f->p_yellow_or_worse, 2.0 / 11.0, 1e-15);
  // A streak already at the limit: one more loss (4/10) keeps it red after trade 1; after a
  // win the streak restarts at 0 and one loss cannot reach 5 again. P = 0.4.
  f = ForecastLight(wins, 5, c);
  ASSERT_TRUE(f.ok()) << f.status();
  EXPECT_NEAR(f->p_red, 0.4, 1e-15);
}

TEST(LightForecastTest, HalfLifeWeighsRecentOutcomesMore) {
  const std::vector<Outcome> wins = {L, W};
  LightForecastConfig c;
  c.window = 10;
  c.horizon = 1;
  c.half_life = 1;
  auto f = ForecastLight(wins, 0, c);
  ASSERT_TRUE(f.ok()) << f.status();
  // Newest (win) weighs 1, the loss before it 0.5: Beta(2, 1.5).
  EXPECT_DOUBLE_EQ(f->alpha, 2.0);
  EXPECT_DOUBLE_EQ(f->beta, 1.5);
  EXPECT_DOUBLE_EQ(f->win_probability, 2.0 / 3.5);
}

TEST(LightForecastTest, ProbabilitiesGrowWithTheHorizon) {
  std::vector<Outcome> wins;
  for (int i = 0; i < 40; ++i) wins.push_back(i % 3 != 0 ? W : L);  // 26 of 40 wins: 65%
  LightForecastConfig c;
  c.window = 40;
  c.min_sample = 20;
  double last_red = 0;
  for (int k = 1; k <= 20; ++k) {
    c.horizon = k;
    auto f = ForecastLight(wins, 0, c);
    ASSERT_TRUE(f.ok()) << f.status();
    EXPECT_GE(f->p_red, last_red - 1e-15) << "horizon " << k;
    EXPECT_GE(f->p_yellow_or_worse, f->p_red - 1e-15) << "horizon " << k;
    EXPECT_LE(f->p_yellow_or_worse, 1.0 + 1e-12);
    last_red = f->p_red;
  }
  EXPECT_GT(last_red, 0.3);
}

// The one-sided normal quantiles of the levels the tests use (tables, 10 decimals).
double TabulatedZ(double level) {
  if (level == 0.9) return 1.2815515655;
  if (level == 0.95) return 1.6448536270;
  return 0;
}

// The textbook upper Wilson bound: (p + z^2/2n + z sqrt(p(1-p)/n + z^2/4n^2)) / (1 + z^2/n).
double TextbookWilsonUpper(int wins, int n, double z) {
  const double p = static_cast<double>(wins) / n;
  return (p + z * z / (2.0 * n) + z * std::sqrt(p * (1 - p) / n + z * z / (4.0 * n * n))) /
         (1 + z * z / n);
}

// Independent reference: enumerate every win/loss sequence of the next K trades, weigh it by the
// Polya-urn probability of its path, and re-count the window and the streak after each trade.
double BruteForce(const std::vector<Outcome>& known, int streak, const LightForecastConfig& c,
                  double alpha, double beta, bool red_only) {
  double total = 0;
  for (int mask = 0; mask < (1 << c.horizon); ++mask) {
    std::vector<Outcome> seq = known;
    double p = 1;
    int s = 0;
    int st = streak;
    bool hit = false;
    for (int j = 0; j < c.horizon; ++j) {
      const bool win = (mask >> j) & 1;
      const double q = (alpha + s) / (alpha + beta + j);
      p *= win ? q : 1 - q;
      s += win ? 1 : 0;
      st = win ? 0 : st + 1;
      seq.push_back(win ? W : L);
      const int n = std::min<int>(c.window, static_cast<int>(seq.size()));
      int wins = 0;
      for (int i = static_cast<int>(seq.size()) - n; i < static_cast<int>(seq.size()); ++i) {
        wins += seq[i] == W ? 1 : 0;
      }
      const double rate = c.win_rate_confidence > 0
                              ? TextbookWilsonUpper(wins, n, TabulatedZ(c.win_rate_confidence))
                              : static_cast<double>(wins) / n;
      const bool judged = n >= c.min_sample;
      const bool red = (judged && rate < c.red_win_rate) ||
                       (c.red_consecutive_losses > 0 && st >= c.red_consecutive_losses);
      const bool yellow = red || (judged && rate < c.yellow_win_rate);
      if (red_only ? red : yellow) hit = true;
    }
    if (hit) total += p;
  }
  return total;
}

// ForecastLight of (known, streak, c), each probability checked against BruteForce.
LightForecast CheckedForecast(const std::vector<Outcome>& known, int streak,
                              const LightForecastConfig& c) {
  auto f = ForecastLight(known, streak, c);
  EXPECT_TRUE(f.ok()) << f.status();
  if (!f.ok()) return {};
  EXPECT_NEAR(f->p_red, BruteForce(known, streak, c, f->alpha, f->beta, true), 1e-12);
  EXPECT_NEAR(f->p_yellow_or_worse, BruteForce(known, streak, c, f->alpha, f->beta, false), 1e-12);
  return *f;
}

TEST(LightForecastTest, MatchesBruteForceEnumeration) {
  std::vector<Outcome> known;
  for (int i = 0; i < 14; ++i) known.push_back((i * 7) % 10 < 7 ? W : L);
  LightForecastConfig c;
  c.window = 12;
  c.min_sample = 10;
  c.red_consecutive_losses = 3;
  c.horizon = 10;
  c.estimate_window = 14;
  const LightForecast f = CheckedForecast(known, 1, c);
  EXPECT_GT(f.p_red, 0.05);
  EXPECT_LT(f.p_red, f.p_yellow_or_worse);
}

// With win_rate_confidence the forecast judges the upper bound of the window's win rate, as the
// controller does: the same enumeration with the textbook bound agrees, and red is less likely.
TEST(LightForecastTest, JudgesTheUpperBoundOfTheWinRateWhenAsked) {
  std::vector<Outcome> known;
  for (int i = 0; i < 30; ++i) known.push_back(i % 2 == 0 ? W : L);  // 50 %
  LightForecastConfig c;
  c.window = 30;
  c.min_sample = 20;
  c.red_win_rate = 0.6;
  c.yellow_win_rate = 0.7;
  c.red_consecutive_losses = 0;
  c.horizon = 12;
  auto plain = ForecastLight(known, 0, c);
  ASSERT_TRUE(plain.ok()) << plain.status();
  for (double level : {0.9, 0.95}) {
    SCOPED_TRACE(level);
    c.win_rate_confidence = level;
    const LightForecast f = CheckedForecast(known, 0, c);
    EXPECT_LT(f.p_red, plain->p_red);
    EXPECT_GT(f.p_red, 0.0);
  }
  c.win_rate_confidence = 0.4;
  auto bad = ForecastLight(known, 0, c);
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("win_rate_confidence must be 0 or in [0.5, 1), got 0.4"),
            std::string::npos);
}

TEST(LightForecastTest, BadConfigNamesEveryField) {
  LightForecastConfig c;
  c.window = 5;
  c.horizon = 6;
  c.red_win_rate = 0.8;
  c.yellow_win_rate = 0.7;
  c.prior_wins = 0;
  auto f = ForecastLight({}, 0, c);
  ASSERT_FALSE(f.ok());
  EXPECT_EQ(f.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(f.status().message().find("horizon (6) must not exceed window (5)"), std::string::npos);
  EXPECT_NE(f.status().message().find("yellow_win_rate"), std::string::npos);
  EXPECT_NE(f.status().message().find("prior_wins"), std::string::npos);
  EXPECT_FALSE(ForecastLight({}, -1, LightForecastConfig{}).ok());
  const std::vector<Outcome> open = {W, Outcome::kOpen};
  EXPECT_FALSE(ForecastLight(open, 0, LightForecastConfig{}).ok());
}

}  // namespace
}  // namespace pulse::analytics
