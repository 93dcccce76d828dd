// Price transforms: one value per bar from that bar's own prices (TA-Lib's TYPPRICE, MEDPRICE,
// WCLPRICE, AVGPRICE and BOP).
#pragma once

#include "indicators/indicator.h"

namespace pulse::indicators {

// A per-bar price transform, computed as TA-Lib does:
//   kTypPrice (high + low + close) / 3, kMedPrice (high + low) / 2,
//   kWclPrice (high + low + 2 close) / 4, kAvgPrice (open + high + low + close) / 4,
//   kBop balance of power (close - open) / (high - low), 0 when high - low < 1e-14.
// WarmUp = 0: every bar has a value. Lifecycle: built once, Update() per bar, Reset() to start
// over. Single-threaded value object.
class PriceTransform final : public Indicator {
 public:
  enum class Kind { kTypPrice, kMedPrice, kWclPrice, kAvgPrice, kBop };

  explicit PriceTransform(Kind kind) : kind_(kind) {}

  void Update(const Bar& bar) override;
  void Reset() override {
    value_ = kNaN;
    ready_ = false;
  }
  bool Ready() const override { return ready_; }
  int WarmUp() const override { return 0; }
  double Value(int = 0) const override { return ready_ ? value_ : kNaN; }
  // The transform of one bar, without state.
  static double Of(Kind kind, const Bar& bar);

 private:
  Kind kind_;
  bool ready_ = false;
  double value_ = kNaN;
};

}  // namespace pulse::indicators
