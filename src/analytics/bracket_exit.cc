#include "analytics/bracket_exit.h"

#include <algorithm>

namespace pulse::analytics {

std::string_view BothHitPolicyName(BothHitPolicy policy) {
  return policy == BothHitPolicy::kStopLossFirst ? "stop_loss_first" : "take_profit_first";
}

Result<BothHitPolicy> ParseBothHitPolicy(std::string_view text) {
  if (text == "stop_loss_first") return BothHitPolicy::kStopLossFirst;
  if (text == "take_profit_first") return BothHitPolicy::kTakeProfitFirst;
  return InvalidArgumentError(
      "unknown both-levels policy '{}' (accepted: stop_loss_first, take_profit_first)", text);
}

BracketHit CheckBracket(const Bracket& b, const Bar& bar) {
  const bool is_long = b.direction == Direction::kLong;
  const bool open_beyond_stop = is_long ? bar.open <= b.stop_loss : bar.open >= b.stop_loss;
  const bool open_beyond_target = is_long ? bar.open >= b.take_profit : bar.open <= b.take_profit;
  if (open_beyond_stop) return BracketHit::kStopLoss;
  if (open_beyond_target) return BracketHit::kTakeProfit;
  const bool stop = is_long ? bar.low <= b.stop_loss : bar.high >= b.stop_loss;
  const bool target = is_long ? bar.high >= b.take_profit : bar.low <= b.take_profit;
  if (stop && target) return BracketHit::kBoth;
  if (stop) return BracketHit::kStopLoss;
  if (target) return BracketHit::kTakeProfit;
  return BracketHit::kNone;
}

BracketHit ResolveBoth(BracketHit hit, BothHitPolicy policy) {
  if (hit != BracketHit::kBoth) return hit;
  return policy == BothHitPolicy::kStopLossFirst ? BracketHit::kStopLoss : BracketHit::kTakeProfit;
}

BothHitDecision DecideBothHit(const Bracket& b, std::span<const Bar> finer, BothHitPolicy policy) {
  for (std::size_t i = 0; i < finer.size(); ++i) {
    const BracketHit h = CheckBracket(b, finer[i]);
    if (h == BracketHit::kNone) continue;
    if (h == BracketHit::kBoth) return {ResolveBoth(h, policy), i, BothHitPolicyName(policy)};
    return {h, i, kExitResolutionLowerTimeframe};
  }
  return {ResolveBoth(BracketHit::kBoth, policy), finer.size(), BothHitPolicyName(policy)};
}

double ExitPrice(const Bracket& b, BracketHit resolved, const Bar& bar) {
  const bool is_long = b.direction == Direction::kLong;
  if (resolved == BracketHit::kStopLoss) {
    return is_long ? std::min(bar.open, b.stop_loss) : std::max(bar.open, b.stop_loss);
  }
  return is_long ? std::max(bar.open, b.take_profit) : std::min(bar.open, b.take_profit);
}

bool ExitsAtOpen(const Bracket& b, BracketHit resolved, const Bar& bar) {
  const bool is_long = b.direction == Direction::kLong;
  if (resolved == BracketHit::kStopLoss) {
    return is_long ? bar.open <= b.stop_loss : bar.open >= b.stop_loss;
  }
  return is_long ? bar.open >= b.take_profit : bar.open <= b.take_profit;
}

namespace {

// The stop a trailing stop that saw `best_price` asks for.
double TrailLevel(Direction direction, const TrailingStop& t) {
  return direction == Direction::kLong ? t.best_price * (1 - t.trail_pct / 100)
                                       : t.best_price * (1 + t.trail_pct / 100);
}

}  // namespace

bool TrailingStopBinds(const Bracket& b, const TrailingStop& t) {
  return t.armed && t.best_price > 0 && b.stop_loss == TrailLevel(b.direction, t);
}

void UpdateTrailingStop(const Bar& bar, Bracket* b, TrailingStop* t) {
  if (b->direction == Direction::kLong) {
    t->best_price = t->best_price == 0 ? bar.high : std::max(t->best_price, bar.high);
    if (t->best_price >= b->entry * (1 + t->activation_pct / 100)) t->armed = true;
    if (t->armed) b->stop_loss = std::max(b->stop_loss, TrailLevel(b->direction, *t));
  } else {
    t->best_price = t->best_price == 0 ? bar.low : std::min(t->best_price, bar.low);
    if (t->best_price <= b->entry * (1 - t->activation_pct / 100)) t->armed = true;
    if (t->armed) b->stop_loss = std::min(b->stop_loss, TrailLevel(b->direction, *t));
  }
}

}  // namespace pulse::analytics
