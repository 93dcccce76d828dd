// RiskConfig: every threshold of the trading controller (traffic light, circuit breakers,
// predictive warning) with the defaults of the issue, and its validation.
//
// Rates and losses are fractions: 0.65 = 65 %, 0.04 = 4 % of equity. Durations are seconds.
#pragma once

#include <cstdint>
#include <string>

#include "core/status.h"

namespace pulse::risk {

// The light. RED when any red rule fires, YELLOW when the win rate is below yellow_win_rate,
// GREEN otherwise. Hysteresis: while the light is at a rule's colour or worse, that rule's
// threshold is relaxed by its margin (see traffic_light.h).
struct TrafficLightConfig {
  double red_win_rate = 0.65;      // red when the win rate is below
  double yellow_win_rate = 0.70;   // yellow when below (and not red)
  double red_daily_loss = 0.04;    // red when today's loss is above this share of equity
  int red_consecutive_losses = 5;  // red at this many losses in a row
  double red_ece = 0.08;           // red when the calibration error is above
  double red_drawdown = 0.15;      // red when equity is this far below its peak
  int min_sample = 20;             // resolved signals before win rate or ECE may turn it
  int window = 50;                 // win rate and ECE over the last N resolved signals
  // How sure the win-rate rules must be. 0: they judge the window's observed win rate. A
  // one-sided level in [0.5, 1), e.g. 0.95: they judge the upper end of its Wilson interval
  // at that level, so they fire only when the window makes it that likely that the true win
  // rate is below the threshold (20 trades at 55 % are not enough for 65 % at 0.95; 45 % are).
  double win_rate_confidence = 0;
  int calibration_bins = 10;      // ECE bins
  double win_rate_margin = 0.02;  // hysteresis margins
  double daily_loss_margin = 0.005;
  double ece_margin = 0.01;
  double drawdown_margin = 0.01;
  // A red light held this long (seconds, on the inputs' time) while trading is active is
  // acknowledged by the controller itself, as a resume acknowledging red is: win rate,
  // calibration and streak start afresh (like the expiry of Freqtrade's protections,
  // `stop_duration`). 0 = only a person acknowledges it.
  std::int64_t auto_acknowledge_after_s = 0;
  // Probation: while the light is red and trading active, the signals it denies (every
  // quality gate passed) are judged as if traded: their shadow outcomes join the win-rate
  // window and the losing streak as they resolve, so a red set by the signals' record clears
  // once the signals it stopped would have won again. Account rules (drawdown, today's loss)
  // and the breakers still see real trades only. false = only real trades are judged.
  bool probation = true;
};

// One breaker's switches. `cooldown_s` is how long a trip blocks new entries (the daily-loss
// breaker blocks until the end of the local calendar day instead); `flatten` also asks to
// close the open positions it concerns.
struct BreakerSwitch {
  bool enabled = true;
  bool flatten = false;
  std::int64_t cooldown_s = 3600;
};

struct CircuitBreakerConfig {
  BreakerSwitch daily_loss{true, false, 0};
  double max_daily_loss = 0.05;  // of the equity at the start of the local day
  BreakerSwitch max_drawdown{true, false, 86400};
  double max_drawdown_limit = 0.15;
  BreakerSwitch consecutive_losses{true, false, 3600};
  int max_consecutive_losses = 5;
  // Each symbol's own losing run, blocking (and flattening) that symbol only; false = one run
  // over every traded signal, blocking every symbol.
  bool consecutive_losses_per_symbol = false;
  BreakerSwitch min_time_between_trades{true, false, 0};
  std::int64_t min_seconds_between_trades = 300;
  // The wait applies to the next entry of the same symbol only; false = to any entry.
  bool min_time_between_trades_per_symbol = false;
  BreakerSwitch volatility{true, false, 3600};
  double max_volatility = 0.05;  // realised volatility or ATR % of price, as fed (0.05 = 5 %)
  // The feature the pipeline feeds as each symbol's volatility at every bar close, times
  // volatility_feature_scale (NATR is in percent: 0.01 makes it a fraction). Empty: not fed.
  std::string volatility_feature = "5m.natr_14";
  double volatility_feature_scale = 0.01;
};

// The predictive warning (analytics/light_forecast.h); thresholds come from the light.
struct ForecastSettings {
  int horizon = 10;          // K future trades
  int estimate_window = 50;  // outcomes the win-rate estimate uses
  double half_life = 0;      // trades; 0 = equal weights
  double prior_wins = 1;
  double prior_losses = 1;
  bool use_uncertainty = true;
  // LightForecastWarned when P(red within horizon trades) reaches this while the light is not
  // red; 0 = never.
  double warn_probability = 0.5;
};

struct RiskConfig {
  TrafficLightConfig light;
  CircuitBreakerConfig breakers;
  ForecastSettings forecast;
  std::string time_zone = "UTC";  // IANA name; the calendar day of the daily-loss rules

  // Every problem at once, each naming its field (risk.traffic_light.red_win_rate, ...).
  Status Validate() const;
};

}  // namespace pulse::risk
