// PaperConfig: every setting of the paper-trading engine with its default (starting balance,
// fees, slippage and market impact, fill mode, exposure limits, both-levels-in-one-bar policy).
// Plain value type; thread-compatible.
#pragma once

#include <string>
#include <string_view>

#include "analytics/bracket_exit.h"
#include "core/status.h"
#include "model/trading.h"

namespace pulse::paper {

// Where a queued entry fills: at the open of the next bar of the signal's symbol (default,
// what a trader acting on a closed bar gets), or immediately at the signal's entry price.
enum class FillMode { kNextOpen, kSignalPrice };
std::string_view FillModeName(FillMode mode);  // "next_open" / "signal_price"
Result<FillMode> ParseFillMode(std::string_view text);

struct PaperConfig {
  std::string account = "paper";  // the account's name in the store
  TradingMode mode = TradingMode::kPaper;
  double starting_balance = 10000;  // quote currency
  std::string quote_currency = "USDT";
  // Fee per fill as a fraction of its value; every fill is a taker fill (stops and take-profits
  // included: conservative, a resting limit order would pay the maker fee and not slip).
  double taker_fee = 0.001;
  // Price moved against the trader on every fill, as a fraction of the reference price.
  double slippage = 0.0005;
  // Market impact (square-root law): fraction = impact_coefficient * sqrt(quantity / bar volume),
  // capped at max_impact. The square root is the shape measured on real order flow (impact grows
  // quickly for the first fractions of volume, then more slowly); 0.01 costs 0.1 % for an order of
  // 1 % of the bar's volume and 1 % for the whole bar's volume. A bar without volume (or no bar
  // seen yet) adds no impact.
  double impact_coefficient = 0.01;
  double max_impact = 0.05;
  FillMode fill_mode = FillMode::kNextOpen;
  // One position's value at entry at most this fraction of equity.
  double max_position_fraction = 0.25;
  // All open positions' value (|quantity| * mark) at most this fraction of equity.
  double max_total_exposure = 1.0;
  // An entry takes at most this fraction of its fill bar's volume (zipline's volume share is
  // 0.025); a fill bar without volume then fills nothing. 0 = no limit. Exits are not limited:
  // they close the whole position and pay its impact.
  double max_volume_participation = 0;
  analytics::BothHitPolicy both_hit_policy = analytics::BothHitPolicy::kStopLossFirst;

  // Every problem at once, each naming its field, e.g. "paper.taker_fee must be in [0, 0.1),
  // got -0.001; paper.account must not be empty".
  Status Validate() const;
};

}  // namespace pulse::paper
