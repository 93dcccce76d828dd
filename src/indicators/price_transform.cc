#include "indicators/price_transform.h"

#include "indicators/talib_compat.h"

namespace pulse::indicators {

double PriceTransform::Of(Kind kind, const Bar& bar) {
  switch (kind) {
    case Kind::kTypPrice:
      return (bar.high + bar.low + bar.close) / 3.0;
    case Kind::kMedPrice:
      return (bar.high + bar.low) / 2.0;
    case Kind::kWclPrice:
      return (bar.high + bar.low + (bar.close * 2.0)) / 4.0;
    case Kind::kAvgPrice:
      // TA-Lib's order of the terms: high + low + close + open.
      return (bar.high + bar.low + bar.close + bar.open) / 4;
    case Kind::kBop: {
      const double range = bar.high - bar.low;
      return TaIsZeroOrNeg(range) ? 0.0 : (bar.close - bar.open) / range;
    }
  }
  return kNaN;
}

void PriceTransform::Update(const Bar& bar) {
  value_ = Of(kind_, bar);
  ready_ = true;
}

}  // namespace pulse::indicators
