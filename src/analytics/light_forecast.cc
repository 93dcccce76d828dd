#include "analytics/light_forecast.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "analytics/confidence_interval.h"

namespace pulse::analytics {

namespace {

// Probability mass of the paths that have not yet reached the level, by (future wins, streak).
using Grid = std::vector<std::vector<double>>;

// Known outcomes still inside the window after `step` future trades, and the wins among them.
struct KnownPart {
  int count = 0;
  int wins = 0;
};

}  // namespace

Status ValidateLightForecastConfig(const LightForecastConfig& c) {
  std::vector<std::string> problems;
  if (c.window < 1) problems.push_back(fmt::format("window must be >= 1, got {}", c.window));
  if (c.min_sample < 0) {
    problems.push_back(fmt::format("min_sample must be >= 0, got {}", c.min_sample));
  }
  if (!(c.red_win_rate > 0 && c.red_win_rate <= 1)) {
    problems.push_back(fmt::format("red_win_rate must be in (0, 1], got {}", c.red_win_rate));
  }
  if (!(c.yellow_win_rate >= c.red_win_rate && c.yellow_win_rate <= 1)) {
    problems.push_back(
        fmt::format("yellow_win_rate must be in [red_win_rate, 1], got {}", c.yellow_win_rate));
  }
  if (!IsWinRateConfidence(c.win_rate_confidence)) {
    problems.push_back(
        fmt::format("win_rate_confidence must be 0 or in [0.5, 1), got {}", c.win_rate_confidence));
  }
  if (c.red_consecutive_losses < 0) {
    problems.push_back(
        fmt::format("red_consecutive_losses must be >= 0, got {}", c.red_consecutive_losses));
  }
  if (c.horizon < 1 || c.horizon > 1000) {
    problems.push_back(fmt::format("horizon must be in [1, 1000], got {}", c.horizon));
  } else if (c.window >= 1 && c.horizon > c.window) {
    problems.push_back(
        fmt::format("horizon ({}) must not exceed window ({})", c.horizon, c.window));
  }
  if (c.estimate_window < 1) {
    problems.push_back(fmt::format("estimate_window must be >= 1, got {}", c.estimate_window));
  }
  if (!(c.half_life >= 0) || std::isinf(c.half_life)) {
    problems.push_back(fmt::format("half_life must be finite and >= 0, got {}", c.half_life));
  }
  if (!(c.prior_wins > 0) || std::isinf(c.prior_wins)) {
    problems.push_back(fmt::format("prior_wins must be finite and > 0, got {}", c.prior_wins));
  }
  if (!(c.prior_losses > 0) || std::isinf(c.prior_losses)) {
    problems.push_back(fmt::format("prior_losses must be finite and > 0, got {}", c.prior_losses));
  }
  if (problems.empty()) return Status::Ok();
  return InvalidArgumentError("light forecast config: {}", fmt::join(problems, "; "));
}

Result<LightForecast> ForecastLight(std::span<const Outcome> outcomes, int consecutive_losses,
                                    const LightForecastConfig& config) {
  RETURN_IF_ERROR(ValidateLightForecastConfig(config));
  if (consecutive_losses < 0) {
    return InvalidArgumentError("consecutive_losses must be >= 0, got {}", consecutive_losses);
  }
  std::vector<char> wins;
  wins.reserve(outcomes.size());
  for (std::size_t i = 0; i < outcomes.size(); ++i) {
    if (outcomes[i] == Outcome::kOpen) {
      return InvalidArgumentError("outcome {} is open; only resolved outcomes can be forecast", i);
    }
    wins.push_back(outcomes[i] == Outcome::kWin ? 1 : 0);
  }
  const int n0 = static_cast<int>(wins.size());

  // Beta posterior over the last estimate_window outcomes, newest weighted most.
  double alpha = config.prior_wins;
  double beta = config.prior_losses;
  const int used = std::min(n0, config.estimate_window);
  for (int i = 0; i < used; ++i) {  // i = 0 is the newest
    const double w = config.half_life > 0 ? std::pow(0.5, i / config.half_life) : 1.0;
    if (wins[n0 - 1 - i]) {
      alpha += w;
    } else {
      beta += w;
    }
  }

  const int horizon = config.horizon;
  // known[j]: the known outcomes still in the window after j future trades.
  std::vector<KnownPart> known(horizon + 1);
  for (int j = 0; j <= horizon; ++j) {
    const int count = std::min(n0, config.window - j);
    int w = 0;
    for (int i = n0 - count; i < n0; ++i) w += wins[i] ? 1 : 0;
    known[j] = {count, w};
  }

  const int streak_cap = config.red_consecutive_losses;  // 0 = no streak rule
  const int streak_states = streak_cap > 0 ? streak_cap + 1 : 1;
  const double z = WinRateConfidenceZ(config.win_rate_confidence);
  // The win rate the light judges after j future trades with s future wins, when it counts.
  auto judged_rate = [&](int j, int s) -> std::optional<double> {
    const int n = known[j].count + j;
    if (n < config.min_sample || n == 0) return std::nullopt;
    return WilsonUpper(known[j].wins + s, n, z);
  };
  auto red_at = [&](int j, int s, int streak) {
    const std::optional<double> rate = judged_rate(j, s);
    if (rate && *rate < config.red_win_rate) return true;
    return streak_cap > 0 && streak >= streak_cap;
  };
  auto yellow_at = [&](int j, int s, int streak) {
    if (red_at(j, s, streak)) return true;
    const std::optional<double> rate = judged_rate(j, s);
    return rate && *rate < config.yellow_win_rate;
  };

  auto hit_probability = [&](auto reached) {
    Grid mass(horizon + 1, std::vector<double>(streak_states, 0.0));
    mass[0][streak_cap > 0 ? std::min(consecutive_losses, streak_cap) : 0] = 1.0;
    double hit = 0;
    for (int j = 1; j <= horizon; ++j) {
      Grid next(horizon + 1, std::vector<double>(streak_states, 0.0));
      for (int s = 0; s < j; ++s) {
        for (int st = 0; st < streak_states; ++st) {
          const double m = mass[s][st];
          if (m == 0) continue;
          const double q = config.use_uncertainty ? (alpha + s) / (alpha + beta + (j - 1))
                                                  : alpha / (alpha + beta);
          // A win: one more future win, the streak ends.
          if (reached(j, s + 1, 0)) {
            hit += m * q;
          } else {
            next[s + 1][0] += m * q;
          }
          // A loss (or breakeven): the streak grows.
          const int st_loss = streak_cap > 0 ? std::min(st + 1, streak_cap) : 0;
          if (reached(j, s, st_loss)) {
            hit += m * (1 - q);
          } else {
            next[s][st_loss] += m * (1 - q);
          }
        }
      }
      mass = std::move(next);
    }
    return hit;
  };

  LightForecast out;
  out.alpha = alpha;
  out.beta = beta;
  out.win_probability = alpha / (alpha + beta);
  out.horizon = horizon;
  out.p_red = hit_probability(red_at);
  out.p_yellow_or_worse = hit_probability(yellow_at);
  return out;
}

}  // namespace pulse::analytics
