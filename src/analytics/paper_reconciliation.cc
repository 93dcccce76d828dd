#include "analytics/paper_reconciliation.h"

#include <map>
#include <string>
#include <unordered_map>

namespace pulse::analytics {

namespace {

struct RoundTrip {
  const Fill* entry = nullptr;
  const Fill* exit = nullptr;
};

}  // namespace

Result<PaperReconciliation> ReconcilePaperWithSignals(std::span<const OutcomeResolved> outcomes,
                                                      std::span<const Fill> fills) {
  std::unordered_map<SignalId, const OutcomeResolved*> by_signal;
  for (const OutcomeResolved& o : outcomes) {
    if (!o.shadow) by_signal[o.signal.id] = &o;
  }
  // Ordered by position, so the sums are added in one order whatever the fills' order.
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
  PaperReconciliation r;
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
    const double realized = sign * q * (out.fill_price - in.fill_price) - in.fee - out.fee;
    const auto it = by_signal.find(in.signal_id);
    const SignalResult* result = it == by_signal.end() ? nullptr : &it->second->result;
    const std::optional<double> size =
        it == by_signal.end() ? std::nullopt : it->second->signal.size;
    if (result == nullptr || !size || !result->exit_price || !result->pnl_quote ||
        !result->pnl_quote_total || !result->fees_quote) {
      ++r.unmatched;
      r.unmatched_paper += realized;
      continue;
    }
    const double net = result->pnl_quote_total.value();
    const double size_effect = result->pnl_quote.value() * (q - *size);
    const double timing =
        sign * q *
        ((out.reference_price - *result->exit_price) - (in.reference_price - result->entry_price));
    const double slippage =
        sign * q * ((out.fill_price - out.reference_price) - (in.fill_price - in.reference_price));
    const double fees = result->fees_quote.value() - in.fee - out.fee;
    ++r.positions;
    r.signals += net;
    r.size += size_effect;
    r.timing += timing;
    r.slippage += slippage;
    r.fees += fees;
    r.paper += realized;
  }
  return r;
}

}  // namespace pulse::analytics
