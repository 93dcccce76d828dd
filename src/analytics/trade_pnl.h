// Trade P&L arithmetic shared by the recorder, the outcome tracker and paper trading:
// direction-aware P&L of one round trip and the win / loss / breakeven classification.
// Pure functions; thread-safe.
#pragma once

#include <optional>

#include "model/signal.h"

namespace pulse::analytics {

// P&L of one round trip, before fees.
struct TradePnl {
  double pnl_percent = 0;           // (exit - entry) / entry * 100, negated for shorts
  double pnl_per_unit = 0;          // quote currency per unit of base currency
  std::optional<double> pnl_total;  // pnl_per_unit * size, when a size is known
};

// A short profits when the price falls. Prices must be positive (callers validate).
TradePnl ComputeTradePnl(Direction direction, double entry_price, double exit_price,
                         std::optional<double> size = std::nullopt);

// win when pnl_percent > +band_pct, loss when < -band_pct, else breakeven (band 0.5 in the
// seed recorder).
Outcome ClassifyOutcome(double pnl_percent, double band_pct);

}  // namespace pulse::analytics
