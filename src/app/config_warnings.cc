#include "app/config_warnings.h"

#include <fmt/format.h>

namespace pulse::app {

namespace {

std::string Percent(double fraction) { return fmt::format("{:.0f} %", fraction * 100); }

}  // namespace

double BreakEvenWinRate(double reward_risk) { return 1 / (1 + reward_risk); }

std::vector<std::string> ConfigWarnings(const Config& config) {
  std::vector<std::string> warnings;
  const signal::SignalEngineConfig& engine = config.signal.engine;
  const risk::TrafficLightConfig& light = config.risk.light;
  const double reward_risk = engine.levels.reward_risk;
  const double break_even = BreakEvenWinRate(reward_risk);
  const std::string break_even_text =
      fmt::format("they break even at {} before fees with signal.levels.reward_risk {}",
                  Percent(break_even), reward_risk);

  if (light.red_win_rate > break_even + kWinRateWarningMargin) {
    warnings.push_back(fmt::format(
        "risk.traffic_light.red_win_rate {} is above the signals' break-even win rate: {}, "
        "so signals that win between {} and {} of the time make money before fees and still turn "
        "the light red once {} have resolved (risk.traffic_light.min_sample)",
        Percent(light.red_win_rate), break_even_text, Percent(break_even),
        Percent(light.red_win_rate), light.min_sample));
  }
  const double calibrated_win_rate = engine.gates.min_confidence - light.red_ece;
  if (engine.gates.confidence_enabled && calibrated_win_rate > break_even + kWinRateWarningMargin) {
    warnings.push_back(fmt::format(
        "signal.gates.min_confidence {} with risk.traffic_light.red_ece {}: every signal the "
        "confidence gate passes claims at least {}, so signals that win less than {} of the time "
        "have a calibration error above the red line however much they earn ({})",
        engine.gates.min_confidence, light.red_ece, Percent(engine.gates.min_confidence),
        Percent(calibrated_win_rate), break_even_text));
  }
  const paper::PaperConfig& paper = config.paper;
  const double account_cap = paper.max_position_fraction * paper.starting_balance;
  const std::optional<double>& cap = engine.sizing.max_position_value;
  if (!cap || *cap > account_cap) {
    warnings.push_back(fmt::format(
        "signal.sizing.max_position_value is {}, but the paper account takes at most {} of its "
        "equity per position ({:.2f} of paper.starting_balance {:.2f}; "
        "paper.max_position_fraction): signals "
        "sized above that are cut by the account, and their quote P&L is that of positions it "
        "does not hold (the \"size\" step of the reports' paper account against its signals)",
        cap ? fmt::format("{:.2f}", *cap) : std::string("not set"),
        Percent(paper.max_position_fraction), account_cap, paper.starting_balance));
  }
  return warnings;
}

}  // namespace pulse::app
