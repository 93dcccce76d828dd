#include "engines/paper/fill_model.h"

#include <algorithm>
#include <cmath>

namespace pulse::paper {

FillModel::FillModel(const PaperConfig& config)
    : taker_fee_(config.taker_fee),
      slippage_(config.slippage),
      impact_coefficient_(config.impact_coefficient),
      max_impact_(config.max_impact) {}

double FillModel::ImpactFraction(double quantity, double bar_volume) const {
  if (bar_volume <= 0 || quantity <= 0) return 0;
  return std::min(max_impact_, impact_coefficient_ * std::sqrt(quantity / bar_volume));
}

FillQuote FillModel::Quote(OrderSide side, double reference, double quantity,
                           double bar_volume) const {
  FillQuote q;
  q.impact_fraction = ImpactFraction(quantity, bar_volume);
  const double move = slippage_ + q.impact_fraction;
  q.price = side == OrderSide::kBuy ? reference * (1 + move) : reference * (1 - move);
  q.fee = Fee(quantity, q.price);
  return q;
}

double FillModel::PriceWithoutImpact(OrderSide side, double reference) const {
  return side == OrderSide::kBuy ? reference * (1 + slippage_) : reference * (1 - slippage_);
}

double SlippageBps(OrderSide side, double expected_price, double fill_price) {
  if (expected_price <= 0) return 0;
  const double diff =
      side == OrderSide::kBuy ? fill_price - expected_price : expected_price - fill_price;
  return diff / expected_price * 10'000;
}

}  // namespace pulse::paper
