#include "app/light_forecast_view.h"

#include <algorithm>
#include <iterator>

#include <fmt/format.h>

namespace pulse::app {

Result<LightForecastView> LightForecastOf(const risk::TradingController& controller) {
  ASSIGN_OR_RETURN(analytics::LightForecast forecast, controller.Forecast());
  const risk::LightFigures figures = controller.figures();
  return LightForecastView{forecast, figures.resolved, figures.consecutive_losses};
}

Result<LightForecastView> LightForecastAt(SignalStore& signals, ControllerStore& controller,
                                          const risk::RiskConfig& config, UnixNanos at) {
  ClosedOutcomeFilter filter;
  filter.exit_until = at;
  ASSIGN_OR_RETURN(std::vector<OutcomeResolved> traded, signals.ListClosedOutcomes(filter));
  return LightForecastAt(signals, controller, config, at, std::move(traded));
}

namespace {

// The shadow outcomes that may be in the window at `at`: the window's oldest entry is no
// older than the window-th newest traded outcome, and a denied signal's shadow counts only
// when it was created during a red light, so from the state that held then on.
Result<std::vector<OutcomeResolved>> ShadowsForWindow(
    SignalStore& signals, const std::vector<ControllerStatusRow>& status,
    const std::vector<OutcomeResolved>& traded, const risk::RiskConfig& config, UnixNanos at) {
  ClosedOutcomeFilter filter;
  filter.shadows = true;
  filter.exit_until = at;
  const auto window = static_cast<std::size_t>(config.light.window);
  if (traded.size() >= window) {
    std::vector<UnixNanos> exits;
    exits.reserve(traded.size());
    for (const OutcomeResolved& o : traded) exits.push_back(o.result.exit_time.value_or(at));
    std::nth_element(exits.begin(), exits.end() - static_cast<std::ptrdiff_t>(window), exits.end());
    UnixNanos since = *(exits.end() - static_cast<std::ptrdiff_t>(window));
    // The state that held at `since` started at the latest row at or before it.
    for (auto it = status.rbegin(); it != status.rend(); ++it) {
      if (it->changed_at <= since) {
        since = it->changed_at;
        break;
      }
    }
    filter.exit_since = since;
  }
  return signals.ListClosedOutcomes(filter);
}

}  // namespace

Result<LightForecastView> LightForecastAt(SignalStore& signals, ControllerStore& controller,
                                          const risk::RiskConfig& config, UnixNanos at,
                                          std::vector<OutcomeResolved> traded) {
  risk::ControllerHistory history;
  ASSIGN_OR_RETURN(history.status, controller.ListStatus({.until = at}));
  if (config.light.probation) {
    ASSIGN_OR_RETURN(std::vector<OutcomeResolved> shadows,
                     ShadowsForWindow(signals, history.status, traded, config, at));
    traded.insert(traded.end(), std::make_move_iterator(shadows.begin()),
                  std::make_move_iterator(shadows.end()));
  }
  history.outcomes = std::move(traded);
  SimulatedClock clock(at);
  ASSIGN_OR_RETURN(const risk::TradingController restored,
                   risk::TradingController::Restore(config, clock, history));
  return LightForecastOf(restored);
}

nlohmann::ordered_json LightForecastJson(const LightForecastView& view) {
  return {
      {"horizon", view.forecast.horizon}, {"p_yellow_or_worse", view.forecast.p_yellow_or_worse},
      {"p_red", view.forecast.p_red},     {"win_probability", view.forecast.win_probability},
      {"resolved", view.resolved},        {"losing_streak", view.losing_streak}};
}

std::string LightForecastText(const nlohmann::ordered_json& forecast) {
  return fmt::format(
      "Light forecast over the next {} trades: P(yellow or worse) {:.1f} %, P(red) {:.1f} % "
      "(win rate estimate {:.1f} % from {} resolved, losing streak {})",
      forecast["horizon"].get<int>(), 100 * forecast["p_yellow_or_worse"].get<double>(),
      100 * forecast["p_red"].get<double>(), 100 * forecast["win_probability"].get<double>(),
      forecast["resolved"].get<int>(), forecast["losing_streak"].get<int>());
}

}  // namespace pulse::app
