#include "engines/risk/traffic_light.h"

#include <cmath>
#include <string>

#include <fmt/format.h>

namespace pulse::risk {

namespace {

std::string Pct(double v) { return fmt::format("{:.2f}%", v * 100); }

struct Rule {
  ControllerReason reason;
  bool fired = false;
};

}  // namespace

LightVerdict EvaluateLight(const LightFigures& f, const TrafficLightConfig& c,
                           TrafficLight current) {
  const bool held_red = current == TrafficLight::kRed;
  const bool held_yellow = current != TrafficLight::kGreen;
  std::vector<Rule> red;
  std::vector<Rule> yellow;

  const bool enough_sample = f.resolved >= c.min_sample && !std::isnan(f.win_rate);
  if (enough_sample) {
    const double t = c.red_win_rate + (held_red ? c.win_rate_margin : 0);
    const bool fired = f.win_rate < t;
    red.push_back({{"win_rate", f.win_rate, t,
                    fmt::format("win rate {} {} {} over the last {} resolved", Pct(f.win_rate),
                                fired ? "<" : ">=", Pct(t), f.resolved)},
                   fired});
  }
  {
    const double t = c.red_daily_loss - (held_red ? c.daily_loss_margin : 0);
    const bool fired = f.loss_today > t;
    red.push_back({{"daily_loss", f.loss_today, t,
                    fmt::format("loss today {} of equity {} {}", Pct(f.loss_today),
                                fired ? ">" : "<=", Pct(t))},
                   fired});
  }
  {
    const int t = c.red_consecutive_losses;
    const bool fired = f.consecutive_losses >= t;
    red.push_back(
        {{"consecutive_losses", static_cast<double>(f.consecutive_losses), static_cast<double>(t),
          fmt::format("{} consecutive losses {} {}", f.consecutive_losses, fired ? ">=" : "<", t)},
         fired});
  }
  if (f.calibrated >= c.min_sample && !std::isnan(f.ece)) {
    const double t = c.red_ece - (held_red ? c.ece_margin : 0);
    const bool fired = f.ece > t;
    red.push_back({{"ece", f.ece, t,
                    fmt::format("calibration error {} {} {} over {} signals", Pct(f.ece),
                                fired ? ">" : "<=", Pct(t), f.calibrated)},
                   fired});
  }
  {
    const double t = c.red_drawdown - (held_red ? c.drawdown_margin : 0);
    const bool fired = f.drawdown > t;
    red.push_back({{"drawdown", f.drawdown, t,
                    fmt::format("drawdown {} {} {}", Pct(f.drawdown), fired ? ">" : "<=", Pct(t))},
                   fired});
  }
  if (enough_sample) {
    const double t = c.yellow_win_rate + (held_yellow ? c.win_rate_margin : 0);
    const bool fired = f.win_rate < t;
    yellow.push_back({{"win_rate_yellow", f.win_rate, t,
                       fmt::format("win rate {} {} {} over the last {} resolved", Pct(f.win_rate),
                                   fired ? "<" : ">=", Pct(t), f.resolved)},
                      fired});
  }

  LightVerdict v;
  for (const Rule& r : red) v.checks.push_back(r.reason);
  for (const Rule& r : yellow) v.checks.push_back(r.reason);
  for (const Rule& r : red) {
    if (r.fired) v.reasons.push_back(r.reason);
  }
  if (!v.reasons.empty()) {
    v.light = TrafficLight::kRed;
    return v;
  }
  for (const Rule& r : yellow) {
    if (r.fired) v.reasons.push_back(r.reason);
  }
  if (!v.reasons.empty()) {
    v.light = TrafficLight::kYellow;
    return v;
  }
  v.light = TrafficLight::kGreen;
  v.reasons = v.checks;
  return v;
}

}  // namespace pulse::risk
