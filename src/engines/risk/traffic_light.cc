#include "engines/risk/traffic_light.h"

#include <array>
#include <cmath>
#include <string>

#include <fmt/format.h>

namespace pulse::risk {

namespace {

std::string Pct(double v) { return fmt::format("{:.2f}%", v * 100); }

enum class RuleKind { kWinRate, kDailyLoss, kConsecutiveLosses, kEce, kDrawdown, kWinRateYellow };

// One judged rule, before any text is written.
struct JudgedRule {
  RuleKind kind = RuleKind::kWinRate;
  double value = 0;
  double threshold = 0;
  bool fired = false;
};

// Every judged rule (red ones first, then the yellow one) and the light they give.
struct Judgement {
  std::array<JudgedRule, 6> rules;
  int count = 0;
  int red_count = 0;  // rules[0, red_count) are red rules
  TrafficLight light = TrafficLight::kGreen;
};

// `threshold` moved by `margin` (the hysteresis of a held light), to 12 decimals: 0.15 - 0.01
// is 0.14, as a value of exactly 14 % compares with it, not 0.13999999999999999.
double Held(double threshold, double margin) {
  return std::round((threshold + margin) * 1e12) / 1e12;
}

Judgement Judge(const LightFigures& f, const TrafficLightConfig& c, TrafficLight current) {
  const bool held_red = current == TrafficLight::kRed;
  const bool held_yellow = current != TrafficLight::kGreen;
  Judgement j;
  auto add = [&j](RuleKind kind, double value, double threshold, bool fired) {
    j.rules[static_cast<std::size_t>(j.count++)] = {kind, value, threshold, fired};
  };
  const bool enough_sample = f.resolved >= c.min_sample && !std::isnan(f.win_rate);
  if (enough_sample) {
    const double t = Held(c.red_win_rate, held_red ? c.win_rate_margin : 0);
    add(RuleKind::kWinRate, f.win_rate, t, f.win_rate < t);
  }
  {
    const double t = Held(c.red_daily_loss, held_red ? -c.daily_loss_margin : 0);
    add(RuleKind::kDailyLoss, f.loss_today, t, f.loss_today > t);
  }
  {
    const int t = c.red_consecutive_losses;
    add(RuleKind::kConsecutiveLosses, static_cast<double>(f.consecutive_losses),
        static_cast<double>(t), f.consecutive_losses >= t);
  }
  if (f.calibrated >= c.min_sample && !std::isnan(f.ece)) {
    const double t = Held(c.red_ece, held_red ? -c.ece_margin : 0);
    add(RuleKind::kEce, f.ece, t, f.ece > t);
  }
  {
    const double t = Held(c.red_drawdown, held_red ? -c.drawdown_margin : 0);
    add(RuleKind::kDrawdown, f.drawdown, t, f.drawdown > t);
  }
  j.red_count = j.count;
  if (enough_sample) {
    const double t = Held(c.yellow_win_rate, held_yellow ? c.win_rate_margin : 0);
    add(RuleKind::kWinRateYellow, f.win_rate, t, f.win_rate < t);
  }
  bool red = false;
  bool yellow = false;
  for (int i = 0; i < j.count; ++i) {
    const JudgedRule& r = j.rules[static_cast<std::size_t>(i)];
    if (r.fired) (i < j.red_count ? red : yellow) = true;
  }
  j.light = red ? TrafficLight::kRed : yellow ? TrafficLight::kYellow : TrafficLight::kGreen;
  return j;
}

ControllerReason ReasonOf(const JudgedRule& r, const LightFigures& f) {
  switch (r.kind) {
    case RuleKind::kWinRate:
    case RuleKind::kWinRateYellow:
      return {r.kind == RuleKind::kWinRate ? "win_rate" : "win_rate_yellow", r.value, r.threshold,
              fmt::format("win rate {} {} {} over the last {} resolved", Pct(r.value),
                          r.fired ? "<" : ">=", Pct(r.threshold), f.resolved)};
    case RuleKind::kDailyLoss:
      return {"daily_loss", r.value, r.threshold,
              fmt::format("loss today {} of equity {} {}", Pct(r.value),
                          r.fired ? ">" : "<=", Pct(r.threshold))};
    case RuleKind::kConsecutiveLosses:
      return {"consecutive_losses", r.value, r.threshold,
              fmt::format("{} consecutive losses {} {}", f.consecutive_losses, r.fired ? ">=" : "<",
                          static_cast<int>(r.threshold))};
    case RuleKind::kEce:
      return {"ece", r.value, r.threshold,
              fmt::format("calibration error {} {} {} over {} signals", Pct(r.value),
                          r.fired ? ">" : "<=", Pct(r.threshold), f.calibrated)};
    case RuleKind::kDrawdown:
      return {
          "drawdown", r.value, r.threshold,
          fmt::format("drawdown {} {} {}", Pct(r.value), r.fired ? ">" : "<=", Pct(r.threshold))};
  }
  return {};
}

}  // namespace

TrafficLight LightOf(const LightFigures& figures, const TrafficLightConfig& config,
                     TrafficLight current) {
  return Judge(figures, config, current).light;
}

LightVerdict EvaluateLight(const LightFigures& f, const TrafficLightConfig& c,
                           TrafficLight current) {
  const Judgement j = Judge(f, c, current);
  LightVerdict v;
  v.light = j.light;
  v.checks.reserve(static_cast<std::size_t>(j.count));
  for (int i = 0; i < j.count; ++i) {
    v.checks.push_back(ReasonOf(j.rules[static_cast<std::size_t>(i)], f));
  }
  if (j.light == TrafficLight::kGreen) {
    v.reasons = v.checks;
    return v;
  }
  // Red: the fired red rules; yellow: the fired yellow rule.
  const int begin = j.light == TrafficLight::kRed ? 0 : j.red_count;
  const int end = j.light == TrafficLight::kRed ? j.red_count : j.count;
  for (int i = begin; i < end; ++i) {
    if (j.rules[static_cast<std::size_t>(i)].fired) {
      v.reasons.push_back(v.checks[static_cast<std::size_t>(i)]);
    }
  }
  return v;
}

}  // namespace pulse::risk
