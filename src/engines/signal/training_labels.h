// Training labels for `pulse model train`: for every bar, whether a long entered there (at the
// close, or the next open) reaches its take-profit before its stop-loss within a horizon, with
// exactly the levels the signal engine would set (LevelPlanner over the same LevelContext).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "analytics/bracket_exit.h"
#include "core/status.h"
#include "engines/signal/level_planner.h"
#include "model/bar.h"

namespace pulse::signal {

// A parsed label spec: "tp-before-sl" with optional comma-separated settings that override the
// level config: rr=<take-profit multiple of the stop>, stop=atr:<period>:<multiple> |
// swing:<lookback> | percent:<pct>, both=sl|tp (which level counts when one bar touches both;
// sl by default). Example: "tp-before-sl:rr=2,stop=atr:14:2".
struct LabelSpec {
  std::optional<double> reward_risk;
  std::optional<StopMethod> stop;
  std::optional<int> atr_period;
  std::optional<double> atr_multiple;
  std::optional<int> swing_lookback;
  std::optional<double> stop_percent;
  analytics::BothHitPolicy both = analytics::BothHitPolicy::kStopLossFirst;

  // The level config with this spec's overrides applied.
  LevelConfig Apply(LevelConfig levels) const;
};

// InvalidArgument naming what was wrong: an unknown kind ("accepted: tp-before-sl"), an unknown
// key, a value that is not a positive number, a malformed stop.
Result<LabelSpec> ParseLabelSpec(std::string_view text);

// 1 = take-profit first, 0 = stop-loss first or neither within the horizon, unknown = the levels
// are still warming up, or fewer than `horizon` bars follow and neither level was reached.
enum class Label : std::int8_t { kUnknown = -1, kNo = 0, kYes = 1 };

// One label per bar (bars in time order, one series). Bar i's bracket is planned after bar i
// closed; bars i+1 .. i+horizon are checked with analytics::CheckBracket (with kNextOpen the
// entry is bar i+1's open and bar i+1 is checked too). Trailing and time stops are not applied:
// the horizon is the time limit. InvalidArgument for horizon < 1 or a bad level config.
Result<std::vector<Label>> MakeTpBeforeSlLabels(std::span<const Bar> bars,
                                                const LevelConfig& levels, const LabelSpec& spec,
                                                int horizon);

}  // namespace pulse::signal
