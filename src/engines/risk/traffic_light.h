// The traffic light as a pure function of the figures: RED when any red rule fires, YELLOW when
// the win rate is below the yellow threshold, GREEN otherwise, with the reasons and values.
//
// Rules (thresholds from TrafficLightConfig; a value exactly at a threshold does not fire):
//   red    win rate < red_win_rate            (only with >= min_sample resolved in the window)
//   red    loss today > red_daily_loss of the day's starting equity
//   red    consecutive losses >= red_consecutive_losses
//   red    ECE > red_ece                       (only with >= min_sample calibrated outcomes)
//   red    drawdown > red_drawdown
//   yellow win rate < yellow_win_rate          (same minimum sample)
//
// Hysteresis, so the light does not flap around a threshold: while the current light is red,
// every red rule is held to its threshold moved by its margin in the safe direction (win rate
// < red_win_rate + win_rate_margin, loss today > red_daily_loss - daily_loss_margin, ECE >
// red_ece - ece_margin, drawdown > red_drawdown - drawdown_margin), so red is left only when
// every figure clears its threshold by the margin. Likewise, while the light is yellow or red
// the yellow rule is win rate < yellow_win_rate + win_rate_margin. The losing streak has no
// margin: only a non-losing outcome ends it.
#pragma once

#include <vector>

#include "engines/risk/risk_config.h"
#include "model/controller_state.h"

namespace pulse::risk {

// What the light is judged on.
struct LightFigures {
  int resolved = 0;       // outcomes in the win-rate window
  double win_rate = 0;    // over the window (NaN when empty)
  double loss_today = 0;  // share of the day's starting equity
  int consecutive_losses = 0;
  double ece = 0;       // over the window's outcomes with a confidence (NaN when none)
  int calibrated = 0;   // how many those are
  double drawdown = 0;  // share below the equity peak
};

// The verdict: the light, the reasons that set it (the fired rules; for green every rule that
// was judged, each with its value and threshold) and every judged rule in `checks`.
struct LightVerdict {
  TrafficLight light = TrafficLight::kGreen;
  std::vector<ControllerReason> reasons;
  std::vector<ControllerReason> checks;
};

// Pure; `current` is the light before this evaluation (for the hysteresis).
LightVerdict EvaluateLight(const LightFigures& figures, const TrafficLightConfig& config,
                           TrafficLight current);

// EvaluateLight(...).light without writing any reason text (no allocation): for callers that
// need the texts only when the light changes.
TrafficLight LightOf(const LightFigures& figures, const TrafficLightConfig& config,
                     TrafficLight current);

}  // namespace pulse::risk
