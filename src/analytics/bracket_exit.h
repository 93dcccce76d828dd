// Bracket exits: which level of a trade's bracket (stop-loss, take-profit) one bar reaches, the
// fill price a gap gives, and the trailing-stop update. Shared by the training labels and the
// outcome tracker so both judge a bar the same way. Pure functions; thread-safe.
#pragma once

#include <span>
#include <string_view>

#include "core/status.h"
#include "model/bar.h"
#include "model/signal.h"

namespace pulse::analytics {

// A trade's levels. `stop_loss` is the current stop (it moves when a trailing stop trails).
struct Bracket {
  Direction direction = Direction::kLong;
  double entry = 0;
  double stop_loss = 0;
  double take_profit = 0;
};

// What one bar did to a bracket. kBoth: the bar opened between the levels and touched both, so
// the bar alone cannot tell which came first.
enum class BracketHit { kNone, kStopLoss, kTakeProfit, kBoth };

// What the caller assumes when a bar touches both levels. Stop-loss first is the conservative
// default.
enum class BothHitPolicy { kStopLossFirst, kTakeProfitFirst };
std::string_view BothHitPolicyName(BothHitPolicy policy);  // "stop_loss_first", ...
// InvalidArgument naming the accepted values.
Result<BothHitPolicy> ParseBothHitPolicy(std::string_view text);

// The level `bar` reaches. A bar that opens beyond a level (a gap) hits that level first.
BracketHit CheckBracket(const Bracket& bracket, const Bar& bar);

// kBoth resolved by the policy; other hits unchanged.
BracketHit ResolveBoth(BracketHit hit, BothHitPolicy policy);

// The exit_resolution of a bar decided by a finer bar inside it.
inline constexpr std::string_view kExitResolutionLowerTimeframe = "lower_timeframe";

// How a bar that touched both levels was decided: by the first bar inside it (`finer`, in time
// order, e.g. 1m inside 5m) that reaches a level, else by the policy.
struct BothHitDecision {
  BracketHit decided = BracketHit::kNone;  // kStopLoss or kTakeProfit
  // The finer bar that decided; finer.size() when none reached a level (the whole bar exits).
  std::size_t finer_index = 0;
  // kExitResolutionLowerTimeframe, or the policy's name when it decided (also for a finer bar that
  // touched both levels itself).
  std::string_view resolution;
};
BothHitDecision DecideBothHit(const Bracket& b, std::span<const Bar> finer, BothHitPolicy policy);

// The fill of a resolved hit (kStopLoss or kTakeProfit): the level, or the bar's open when the
// bar opened beyond it (a stop fills worse, a take-profit better).
double ExitPrice(const Bracket& bracket, BracketHit resolved, const Bar& bar);

// A trailing stop: arms once the best price since entry is `activation_pct` % in favour, then
// keeps the stop `trail_pct` % behind the best price (never loosening it).
struct TrailingStop {
  double activation_pct = 0;
  double trail_pct = 0;
  bool armed = false;
  double best_price = 0;  // 0 = no bar seen yet
};

// True when the bar opens at or beyond the level of `resolved` (kStopLoss or kTakeProfit): the
// exit is at the open, before anything else in the bar.
bool ExitsAtOpen(const Bracket& b, BracketHit resolved, const Bar& bar);

// True when the bracket's stop is the trailing stop's level: the trail has moved the stop, so an
// exit there is a trailing stop, not the signal's stop-loss.
bool TrailingStopBinds(const Bracket& b, const TrailingStop& t);

// Updates the trailing stop with a bar the bracket survived. Call after CheckBracket for the same
// bar: a bar's own extreme tightens the stop only from the next bar on (within one bar the order
// of high and low is unknown).
void UpdateTrailingStop(const Bar& bar, Bracket* bracket, TrailingStop* trailing);

}  // namespace pulse::analytics
