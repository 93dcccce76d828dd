#include "analytics/signal_exit.h"

#include <utility>

#include "analytics/trade_pnl.h"

namespace pulse::analytics {

SignalResult CloseSignalResult(const Signal& signal, SignalResult open, double exit_price,
                               UnixNanos exit_time, std::string reason, const ExitCosts& costs) {
  SignalResult r = std::move(open);
  const TradePnl pnl = ComputeTradePnl(signal.direction, r.entry_price, exit_price, signal.size);
  const double fee_rate = costs.fee_pct_per_side / 100.0;
  // Fees per unit of base currency: entry and exit notional.
  const double fees_per_unit = fee_rate * (r.entry_price + exit_price);
  r.exit_price = exit_price;
  r.exit_time = exit_time;
  r.pnl_percent = pnl.pnl_percent;
  r.pnl_quote = pnl.pnl_per_unit;
  r.pnl_percent_net = pnl.pnl_percent - fees_per_unit / r.entry_price * 100.0;
  if (signal.size) {
    r.fees_quote = fees_per_unit * *signal.size;
    r.pnl_quote_total = *pnl.pnl_total - *r.fees_quote;
  } else {
    r.fees_quote.reset();
    r.pnl_quote_total.reset();
  }
  r.outcome = ClassifyOutcome(*r.pnl_percent_net, costs.breakeven_band_pct);
  r.exit_reason = std::move(reason);
  r.hold_minutes = static_cast<double>(exit_time - r.entry_time) / kNanosPerMinute;
  return r;
}

std::optional<bool> ContributionWasCorrect(double contribution_score, Outcome outcome) {
  if (outcome != Outcome::kWin && outcome != Outcome::kLoss) return std::nullopt;
  if (contribution_score == 0) return std::nullopt;  // it argued for neither side
  return (contribution_score > 0) == (outcome == Outcome::kWin);
}

}  // namespace pulse::analytics
