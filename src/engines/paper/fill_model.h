// FillModel: the price a market order obtains and the fee it pays, given the reference price
// the market offers, the order's size and the bar's volume. Pure; thread-safe.
#pragma once

#include "engines/paper/paper_config.h"
#include "model/trading.h"

namespace pulse::paper {

// One priced execution.
struct FillQuote {
  double price = 0;            // what the order obtains
  double impact_fraction = 0;  // the market-impact part of the price move
  double fee = 0;              // quantity * price * taker_fee
};

// The cost model of PaperConfig: a buy pays reference * (1 + slippage + impact), a sell
// receives reference * (1 - slippage - impact), impact = coefficient * sqrt(quantity / volume)
// capped at max_impact (0 when the volume is not positive). Value type; thread-safe.
class FillModel {
 public:
  explicit FillModel(const PaperConfig& config);

  // The impact fraction of an order of `quantity` in a bar of `bar_volume`.
  double ImpactFraction(double quantity, double bar_volume) const;
  // Price and fee of a market order. `reference` and `quantity` must be positive.
  FillQuote Quote(OrderSide side, double reference, double quantity, double bar_volume) const;
  // The price without the impact term (slippage only).
  double PriceWithoutImpact(OrderSide side, double reference) const;
  double Fee(double quantity, double price) const { return quantity * price * taker_fee_; }

 private:
  double taker_fee_;
  double slippage_;
  double impact_coefficient_;
  double max_impact_;
};

// Signed slippage of a fill against the expected price in basis points, positive when it cost
// the trader (a buy above / a sell below the expected price).
double SlippageBps(OrderSide side, double expected_price, double fill_price);

}  // namespace pulse::paper
