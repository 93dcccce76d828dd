#include "indicators/accbands.h"

#include "indicators/talib_compat.h"

namespace pulse::indicators {

AccBands::AccBands(int period) : upper_(period), middle_(period), lower_(period) {}

void AccBands::Update(const Bar& bar) {
  const double sum = bar.high + bar.low;
  if (!TaIsZero(sum)) {
    const double r = 4 * (bar.high - bar.low) / sum;
    upper_.Add(bar.high * (1 + r));
    lower_.Add(bar.low * (1 - r));
  } else {
    upper_.Add(bar.high);
    lower_.Add(bar.low);
  }
  middle_.Add(bar.close);
}

void AccBands::Reset() {
  upper_.Reset();
  middle_.Reset();
  lower_.Reset();
}

double AccBands::Value(int index) const {
  if (!Ready()) return kNaN;
  switch (index) {
    case 0:
      return upper_.value();
    case 1:
      return middle_.value();
    default:
      return lower_.value();
  }
}

}  // namespace pulse::indicators
