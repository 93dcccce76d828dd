#include "analytics/trade_pnl.h"

namespace pulse::analytics {

TradePnl ComputeTradePnl(Direction direction, double entry_price, double exit_price,
                         std::optional<double> size) {
  const double sign = direction == Direction::kLong ? 1.0 : -1.0;
  TradePnl pnl;
  pnl.pnl_per_unit = sign * (exit_price - entry_price);
  pnl.pnl_percent = pnl.pnl_per_unit / entry_price * 100.0;
  if (size) pnl.pnl_total = pnl.pnl_per_unit * *size;
  return pnl;
}

Outcome ClassifyOutcome(double pnl_percent, double band_pct) {
  if (pnl_percent > band_pct) return Outcome::kWin;
  if (pnl_percent < -band_pct) return Outcome::kLoss;
  return Outcome::kBreakeven;
}

}  // namespace pulse::analytics
