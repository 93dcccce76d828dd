#include "analytics/paper_reconciliation.h"

#include <map>
#include <unordered_map>

namespace pulse::analytics {

namespace {

struct RoundTrip {
  const Fill* entry = nullptr;
  const Fill* exit = nullptr;
};

}  // namespace

Result<std::vector<PositionReconciliation>> ReconcilePaperPositions(
    std::span<const OutcomeResolved> outcomes, std::span<const Fill> fills) {
  std::unordered_map<SignalId, const OutcomeResolved*> by_signal;
  for (const OutcomeResolved& o : outcomes) {
    if (!o.shadow) by_signal[o.signal.id] = &o;
  }
  std::map<std::int64_t, RoundTrip> trips;
  for (const Fill& f : fills) {
    RoundTrip& t = trips[f.position_id];
    const Fill*& slot = f.reason == kFillEntry ? t.entry : t.exit;
    if (slot != nullptr) {
      return InvalidArgumentError("position {} has two {} fills", f.position_id,
                                  f.reason == kFillEntry ? "entry" : "exit");
    }
    slot = &f;
  }
  std::vector<PositionReconciliation> positions;
  for (const auto& [position, t] : trips) {
    if (t.entry == nullptr || t.exit == nullptr) continue;  // still open
    const Fill& in = *t.entry;
    const Fill& out = *t.exit;
    if (in.signal_id != out.signal_id || in.quantity != out.quantity) {
      return InvalidArgumentError(
          "position {}: entry and exit fills disagree (signal {} vs {}, quantity {} vs {})",
          position, in.signal_id, out.signal_id, in.quantity, out.quantity);
    }
    const double sign = in.side == OrderSide::kBuy ? 1.0 : -1.0;
    const double q = in.quantity;
    PositionReconciliation& p = positions.emplace_back();
    p.position_id = position;
    p.signal_id = in.signal_id;
    p.symbol = in.symbol;
    p.direction = in.side == OrderSide::kBuy ? Direction::kLong : Direction::kShort;
    p.opened_at = in.time;
    p.closed_at = out.time;
    p.exit_reason = out.reason;
    p.quantity = q;
    p.entry_fill = in.fill_price;
    p.exit_fill = out.fill_price;
    p.paper = sign * q * (out.fill_price - in.fill_price) - in.fee - out.fee;
    const auto it = by_signal.find(in.signal_id);
    if (it == by_signal.end()) continue;
    const SignalResult& result = it->second->result;
    const std::optional<double> size = it->second->signal.size;
    if (!size || !result.exit_price || !result.pnl_quote || !result.pnl_quote_total ||
        !result.fees_quote) {
      continue;
    }
    p.steps = PositionReconciliation::Steps{
        .signal_size = *size,
        .signal_entry = result.entry_price,
        .signal_exit = *result.exit_price,
        .signals = *result.pnl_quote_total,
        .size = *result.pnl_quote * (q - *size),
        .timing = sign * q *
                  ((out.reference_price - *result.exit_price) -
                   (in.reference_price - result.entry_price)),
        .slippage = sign * q *
                    ((out.fill_price - out.reference_price) - (in.fill_price - in.reference_price)),
        .fees = *result.fees_quote - in.fee - out.fee};
  }
  return positions;
}

PaperReconciliation SumPaperPositions(std::span<const PositionReconciliation> positions) {
  PaperReconciliation r;
  for (const PositionReconciliation& p : positions) {
    if (!p.steps) {
      ++r.unmatched;
      r.unmatched_paper += p.paper;
      continue;
    }
    ++r.positions;
    r.signals += p.steps->signals;
    r.size += p.steps->size;
    r.timing += p.steps->timing;
    r.slippage += p.steps->slippage;
    r.fees += p.steps->fees;
    r.paper += p.paper;
  }
  return r;
}

Result<PaperReconciliation> ReconcilePaperWithSignals(std::span<const OutcomeResolved> outcomes,
                                                      std::span<const Fill> fills) {
  ASSIGN_OR_RETURN(const std::vector<PositionReconciliation> positions,
                   ReconcilePaperPositions(outcomes, fills));
  return SumPaperPositions(positions);
}

Result<std::vector<AccountTrade>> PaperAccountTrades(
    std::span<const PositionReconciliation> positions, double capital) {
  std::vector<BookedPnl> booked;
  booked.reserve(positions.size());
  for (const PositionReconciliation& p : positions) {
    booked.push_back({p.closed_at, p.paper, p.paper < 0, p.position_id});
  }
  return CompoundOnAccount(std::move(booked), capital, "position");
}

}  // namespace pulse::analytics
