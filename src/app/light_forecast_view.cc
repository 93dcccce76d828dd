#include "app/light_forecast_view.h"

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
  return LightForecastAt(controller, config, at, std::move(traded));
}

Result<LightForecastView> LightForecastAt(ControllerStore& controller,
                                          const risk::RiskConfig& config, UnixNanos at,
                                          std::vector<OutcomeResolved> traded) {
  risk::ControllerHistory history;
  ASSIGN_OR_RETURN(history.status, controller.ListStatus({.until = at}));
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
