// The trading controller's predictive warning as reports show it: the probability that the
// light turns yellow or red within the next risk.forecast.horizon trades, with the window and
// streak it was computed from. Taken from a live controller (`pulse run`) or rebuilt from the
// store as at a moment (`pulse stats`, `pulse control status`).
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "analytics/light_forecast.h"
#include "core/status.h"
#include "core/time.h"
#include "engines/risk/risk_config.h"
#include "engines/risk/trading_controller.h"
#include "ports/controller_store.h"
#include "ports/signal_store.h"

namespace pulse::app {

struct LightForecastView {
  analytics::LightForecast forecast;
  int resolved = 0;       // outcomes in the controller's win-rate window
  int losing_streak = 0;  // losses in a row now
};

// The controller's forecast now.
Result<LightForecastView> LightForecastOf(const risk::TradingController& controller);

// The forecast as at `at`, from what the store holds: the controller is restored from its
// status rows (acknowledged reds start a fresh window), the traded outcomes that closed at or
// before `at` and, with risk.traffic_light.probation, the shadow outcomes recent enough to be
// in the window (the controller keeps those of the signals its red light denied), as
// `pulse run` would have had it then.
Result<LightForecastView> LightForecastAt(SignalStore& signals, ControllerStore& controller,
                                          const risk::RiskConfig& config, UnixNanos at);
// The same from outcomes the caller has read already: `traded`, every traded outcome closed at
// or before `at` (ClosedOutcomeFilter{exit_until = at}).
Result<LightForecastView> LightForecastAt(SignalStore& signals, ControllerStore& controller,
                                          const risk::RiskConfig& config, UnixNanos at,
                                          std::vector<OutcomeResolved> traded);

// {"horizon", "p_yellow_or_worse", "p_red", "win_probability", "resolved", "losing_streak"}.
nlohmann::ordered_json LightForecastJson(const LightForecastView& view);
// "Light forecast over the next 10 trades: P(yellow or worse) 84.2 %, P(red) 63.0 % (win rate
// estimate 41.7 % from 12 resolved, losing streak 2)", from LightForecastJson.
std::string LightForecastText(const nlohmann::ordered_json& forecast);

}  // namespace pulse::app
