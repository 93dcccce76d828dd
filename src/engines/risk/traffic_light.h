// The traffic light as a pure function of the figures: RED when any red rule fires, YELLOW when
// the win rate is below the yellow threshold, GREEN otherwise, with the reasons and values.
//
// Rules (thresholds from TrafficLightConfig; a value exactly at a threshold does not fire):
//   red    win rate < red_win_rate            (only with >= min_sample resolved in the window;
//                                               with win_rate_confidence, its upper bound)
//   red    loss today > red_daily_loss of the day's starting equity
//   red    consecutive losses >= red_consecutive_losses
//   red    ECE > red_ece                       (only with >= min_sample calibrated outcomes)
//   red    drawdown > red_drawdown
//   yellow win rate < yellow_win_rate          (same minimum sample)
//
// Hysteresis, so the light does not flap around a threshold, rule by rule: a rule that fired
// at the previous evaluation is held to its threshold moved by its margin in the safe direction
// (win rate < red_win_rate + win_rate_margin, loss today > red_daily_loss - daily_loss_margin,
// ECE > red_ece - ece_margin, drawdown > red_drawdown - drawdown_margin, win rate <
// yellow_win_rate + win_rate_margin), so it stops firing only when its figure clears the
// threshold by the margin; a rule that did not fire fires only past its own threshold. (A red
// light set by a losing streak is not held by a win rate of 66 %: that rule never fired.) The
// losing streak has no margin: only a non-losing outcome ends it.
#pragma once

#include <cstdint>
#include <limits>
#include <vector>

#include "engines/risk/risk_config.h"
#include "model/controller_state.h"

namespace pulse::risk {

// What the light is judged on.
struct LightFigures {
  int resolved = 0;     // outcomes in the win-rate window
  int denied = 0;       // how many of them are denied signals' shadows (probation)
  double win_rate = 0;  // over the window (NaN when empty)
  // With TrafficLightConfig::win_rate_confidence set, the win-rate rules judge this instead:
  // the upper end of the window's Wilson interval at that level (analytics::WilsonUpper; NaN
  // when not computed, which judges no win-rate rule).
  double win_rate_bound = std::numeric_limits<double>::quiet_NaN();
  double loss_today = 0;  // share of the day's starting equity
  int consecutive_losses = 0;
  double ece = 0;       // over the window's outcomes with a confidence (NaN when none)
  int calibrated = 0;   // how many those are
  double drawdown = 0;  // share below the equity peak
};

// The rules of the light, in the order they are judged.
enum class LightRule : std::uint8_t {
  kWinRate,
  kDailyLoss,
  kConsecutiveLosses,
  kEce,
  kDrawdown,
  kWinRateYellow,
};

// The light an evaluation gave and the rules that fired in it: what the next evaluation holds
// to their margins.
struct HeldLight {
  TrafficLight light = TrafficLight::kGreen;
  std::uint8_t fired = 0;  // bit (1 << rule) of each fired LightRule

  bool Fired(LightRule rule) const { return (fired >> static_cast<int>(rule)) & 1U; }
  // A light known without the rules that set it (taken from a stored state): red holds every
  // rule, yellow the yellow rule, green none.
  static HeldLight Presumed(TrafficLight light);
  bool operator==(const HeldLight&) const = default;
};

// The verdict: the light and its fired rules (`held`, what the next evaluation holds), the
// reasons that set it (the fired rules; for green every rule that was judged, each with its
// value and threshold) and every judged rule in `checks`.
struct LightVerdict {
  HeldLight held;
  std::vector<ControllerReason> reasons;
  std::vector<ControllerReason> checks;
};

// Pure; `before` is what the previous evaluation gave (for the hysteresis; HeldLight{} for a
// fresh start).
LightVerdict EvaluateLight(const LightFigures& figures, const TrafficLightConfig& config,
                           const HeldLight& before);

// EvaluateLight(...).held without writing any reason text (no allocation): for callers that
// need the texts only when the light changes.
HeldLight LightOf(const LightFigures& figures, const TrafficLightConfig& config,
                  const HeldLight& before);

}  // namespace pulse::risk
