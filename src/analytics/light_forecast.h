// Predictive warning for the traffic light: the probability that the controller turns yellow or
// red within the next K trades, from the recent outcomes and the uncertainty of the win rate.
//
// Method. The next trades are wins with an unknown probability p whose belief is a Beta
// posterior: Beta(prior_wins + W, prior_losses + L), where W and L count the last
// `estimate_window` outcomes. With `half_life` > 0 the i-th most recent outcome (i = 0 newest)
// counts with weight 0.5^(i / half_life), so a recent run of losses pulls the estimate down
// more than old ones (the trend). Integrating p out makes the future outcomes a Polya urn: after
// s wins in j future trades, the next is a win with probability (a + s) / (a + b + j). With
// `use_uncertainty` false p is fixed at the posterior mean (plain binomial).
//
// The light is re-evaluated after every future trade j = 1..K over the sliding window of the
// last `window` outcomes (known ones drop out as new ones come in), exactly as the controller
// does: red when the window holds at least `min_sample` outcomes and its win rate (or the upper
// bound of it, with `win_rate_confidence`) is below `red_win_rate`, or when the losing streak
// reaches `red_consecutive_losses`; yellow or worse when the win rate is below `yellow_win_rate`
// (same minimum sample) or red. The probability of reaching each level at some step is computed
// exactly by dynamic programming over (step, future wins, current streak): O(K^2 * streak) time.
// Hysteresis and the equity rules (daily loss, drawdown) and ECE are not forecast.
#pragma once

#include <span>

#include "core/status.h"
#include "model/signal.h"

namespace pulse::analytics {

struct LightForecastConfig {
  int window = 50;                // the controller's win-rate window (last N resolved)
  int min_sample = 20;            // resolved outcomes needed before the win rate counts
  double red_win_rate = 0.65;     // red below
  double yellow_win_rate = 0.70;  // yellow below
  // The win rate judged: 0 = the window's observed rate; a one-sided level in [0.5, 1) = the
  // upper end of its Wilson interval at that level (WilsonUpper), as the controller judges it.
  double win_rate_confidence = 0;
  int red_consecutive_losses = 5;  // red at this many losses in a row; 0 = rule off
  int horizon = 10;                // K: how many future trades to look at (1..1000)
  int estimate_window = 50;        // outcomes the win-rate estimate uses
  double half_life = 0;            // trades; 0 = every outcome in the estimate weighs 1
  double prior_wins = 1;           // Beta prior (1, 1 = uniform)
  double prior_losses = 1;
  bool use_uncertainty = true;  // Beta-binomial (true) or binomial at the mean (false)
};

struct LightForecast {
  double win_probability = 0;  // posterior mean of p
  double alpha = 0;            // Beta posterior parameters
  double beta = 0;
  double p_yellow_or_worse = 0;  // P(light yellow or red after some trade 1..K)
  double p_red = 0;              // P(light red after some trade 1..K)
  int horizon = 0;
};

// Checks the config: window >= 1, 0 <= min_sample, 0 < red_win_rate <= yellow_win_rate <= 1,
// win_rate_confidence 0 or in [0.5, 1), red_consecutive_losses >= 0, horizon in [1, 1000],
// estimate_window >= 1, half_life >= 0, priors > 0. Every problem is reported at once, naming the
// field.
Status ValidateLightForecastConfig(const LightForecastConfig& config);

// `outcomes` are the resolved outcomes oldest first (a breakeven counts as a non-win, as in the
// controller's win rate). `consecutive_losses` is the current losing streak (it may be longer
// than `outcomes` shows when the caller keeps fewer). InvalidArgument for a bad config, a
// negative streak or an open outcome.
Result<LightForecast> ForecastLight(std::span<const Outcome> outcomes, int consecutive_losses,
                                    const LightForecastConfig& config);

}  // namespace pulse::analytics
