#include "engines/risk/traffic_light.h"

#include <array>
#include <cmath>
#include <string>

#include <fmt/format.h>

namespace pulse::risk {

namespace {

std::string Pct(double v) { return fmt::format("{:.2f}%", v * 100); }

// One judged rule, before any text is written.
struct JudgedRule {
  LightRule kind = LightRule::kWinRate;
  double value = 0;
  double threshold = 0;
  bool fired = false;
};

// Every judged rule (red ones first, then the yellow one) and the light they give.
struct Judgement {
  std::array<JudgedRule, 6> rules;
  int count = 0;
  int red_count = 0;  // rules[0, red_count) are red rules
  HeldLight held;
};

// `threshold` moved by `margin` (the hysteresis of a held light), to 12 decimals: 0.15 - 0.01
// is 0.14, as a value of exactly 14 % compares with it, not 0.13999999999999999.
double Held(double threshold, double margin) {
  return std::round((threshold + margin) * 1e12) / 1e12;
}

std::uint8_t Bit(LightRule rule) { return static_cast<std::uint8_t>(1U << static_cast<int>(rule)); }

Judgement Judge(const LightFigures& f, const TrafficLightConfig& c, const HeldLight& before) {
  // `margin` while `rule` fired at the previous evaluation, else none.
  auto margin = [&before](LightRule rule, double m) { return before.Fired(rule) ? m : 0.0; };
  Judgement j;
  auto add = [&j](LightRule kind, double value, double threshold, bool fired) {
    j.rules[static_cast<std::size_t>(j.count++)] = {kind, value, threshold, fired};
  };
  const double rate = c.win_rate_confidence > 0 ? f.win_rate_bound : f.win_rate;
  const bool enough_sample = f.resolved >= c.min_sample && !std::isnan(rate);
  if (enough_sample) {
    const double t = Held(c.red_win_rate, margin(LightRule::kWinRate, c.win_rate_margin));
    add(LightRule::kWinRate, rate, t, rate < t);
  }
  {
    const double t = Held(c.red_daily_loss, margin(LightRule::kDailyLoss, -c.daily_loss_margin));
    add(LightRule::kDailyLoss, f.loss_today, t, f.loss_today > t);
  }
  {
    const int t = c.red_consecutive_losses;
    add(LightRule::kConsecutiveLosses, static_cast<double>(f.consecutive_losses),
        static_cast<double>(t), f.consecutive_losses >= t);
  }
  if (f.calibrated >= c.min_sample && !std::isnan(f.ece)) {
    const double t = Held(c.red_ece, margin(LightRule::kEce, -c.ece_margin));
    add(LightRule::kEce, f.ece, t, f.ece > t);
  }
  {
    const double t = Held(c.red_drawdown, margin(LightRule::kDrawdown, -c.drawdown_margin));
    add(LightRule::kDrawdown, f.drawdown, t, f.drawdown > t);
  }
  j.red_count = j.count;
  if (enough_sample) {
    const double t = Held(c.yellow_win_rate, margin(LightRule::kWinRateYellow, c.win_rate_margin));
    add(LightRule::kWinRateYellow, rate, t, rate < t);
  }
  bool red = false;
  bool yellow = false;
  for (int i = 0; i < j.count; ++i) {
    const JudgedRule& r = j.rules[static_cast<std::size_t>(i)];
    if (!r.fired) continue;
    (i < j.red_count ? red : yellow) = true;
    j.held.fired |= Bit(r.kind);
  }
  j.held.light = red ? TrafficLight::kRed : yellow ? TrafficLight::kYellow : TrafficLight::kGreen;
  return j;
}

// "45.00% (95% sure below 63.12%)" when the rules judge the bound, else "45.00%".
std::string WinRateText(const JudgedRule& r, const LightFigures& f, const TrafficLightConfig& c) {
  if (c.win_rate_confidence <= 0) return Pct(r.value);
  return fmt::format("{} ({:g}% sure below {})", Pct(f.win_rate), c.win_rate_confidence * 100,
                     Pct(r.value));
}

ControllerReason ReasonOf(const JudgedRule& r, const LightFigures& f, const TrafficLightConfig& c) {
  switch (r.kind) {
    case LightRule::kWinRate:
    case LightRule::kWinRateYellow:
      return {r.kind == LightRule::kWinRate ? "win_rate" : "win_rate_yellow", r.value, r.threshold,
              fmt::format("win rate {} {} {} over the last {} resolved{}", WinRateText(r, f, c),
                          r.fired ? "<" : ">=", Pct(r.threshold), f.resolved,
                          f.denied > 0
                              ? fmt::format(" ({} of them denied while red, as shadows)", f.denied)
                              : std::string())};
    case LightRule::kDailyLoss:
      return {"daily_loss", r.value, r.threshold,
              fmt::format("loss today {} of equity {} {}", Pct(r.value),
                          r.fired ? ">" : "<=", Pct(r.threshold))};
    case LightRule::kConsecutiveLosses:
      return {"consecutive_losses", r.value, r.threshold,
              fmt::format("{} consecutive losses {} {}", f.consecutive_losses, r.fired ? ">=" : "<",
                          static_cast<int>(r.threshold))};
    case LightRule::kEce:
      return {"ece", r.value, r.threshold,
              fmt::format("calibration error {} {} {} over {} signals", Pct(r.value),
                          r.fired ? ">" : "<=", Pct(r.threshold), f.calibrated)};
    case LightRule::kDrawdown:
      return {
          "drawdown", r.value, r.threshold,
          fmt::format("drawdown {} {} {}", Pct(r.value), r.fired ? ">" : "<=", Pct(r.threshold))};
  }
  return {};
}

}  // namespace

HeldLight HeldLight::Presumed(TrafficLight light) {
  const std::uint8_t every_rule = Bit(LightRule::kWinRateYellow) * 2 - 1;
  switch (light) {
    case TrafficLight::kRed:
      return {light, every_rule};
    case TrafficLight::kYellow:
      return {light, Bit(LightRule::kWinRateYellow)};
    case TrafficLight::kGreen:
      break;
  }
  return {light, 0};
}

HeldLight LightOf(const LightFigures& figures, const TrafficLightConfig& config,
                  const HeldLight& before) {
  return Judge(figures, config, before).held;
}

LightVerdict EvaluateLight(const LightFigures& f, const TrafficLightConfig& c,
                           const HeldLight& before) {
  const Judgement j = Judge(f, c, before);
  LightVerdict v;
  v.held = j.held;
  v.checks.reserve(static_cast<std::size_t>(j.count));
  for (int i = 0; i < j.count; ++i) {
    v.checks.push_back(ReasonOf(j.rules[static_cast<std::size_t>(i)], f, c));
  }
  if (j.held.light == TrafficLight::kGreen) {
    v.reasons = v.checks;
    return v;
  }
  // Red: the fired red rules; yellow: the fired yellow rule.
  const bool red = j.held.light == TrafficLight::kRed;
  const int begin = red ? 0 : j.red_count;
  const int end = red ? j.red_count : j.count;
  for (int i = begin; i < end; ++i) {
    if (j.rules[static_cast<std::size_t>(i)].fired) {
      v.reasons.push_back(v.checks[static_cast<std::size_t>(i)]);
    }
  }
  return v;
}

}  // namespace pulse::risk
