// IchimokuCloud: votes with the price's position against the Ichimoku cloud, optionally
// confirmed by the tenkan/kijun order and the lagging span.
#pragma once

#include <memory>
#include <string>

#include "engines/signal/theories/rule_theory.h"

namespace pulse::signal {

// Rule, with top = max(senkou_a, senkou_b) and bottom = min(...): close > top -> long,
// close < bottom -> short, inside the cloud no vote. confirm_tenkan_kijun = 1 also needs
// tenkan > kijun (long) / < (short); confirm_chikou = 1 needs chikou_vs_price > 0 / < 0 (the
// close above / below the close `displacement` bars back). The close is the ichimoku request's
// own chikou output (the close of its timeframe), so the theory works on any timeframe.
// Strength: Ramp(100 (close - top) / close, 0, full_distance_pct) long,
// Ramp(100 (bottom - close) / close, 0, full_distance_pct) short.
// Lifecycle and threading as RuleTheory.
class IchimokuCloud final : public RuleTheory {
 public:
  enum Param : std::size_t { kFullDistancePct, kConfirmTenkanKijun, kConfirmChikou };
  enum Role : std::size_t { kClose, kSenkouA, kSenkouB, kTenkan, kKijun, kChikouVsPrice };

  static const TheoryInfo& Info();
  static Result<std::unique_ptr<Theory>> Create(const TheorySettings& settings);

  Opinion Evaluate(const FeatureView& view) const override;
  void AppendExplanation(const FeatureView& view, std::string* out) const override;

 private:
  explicit IchimokuCloud(const TheorySettings& settings);

  double full_distance_pct_;
  bool confirm_tenkan_kijun_;
  bool confirm_chikou_;
};

}  // namespace pulse::signal
