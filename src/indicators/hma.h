// Hull moving average: a WMA of 2 WMA(n/2) - WMA(n) over sqrt(n) bars, with Tulip Indicators'
// rounding (both n/2 and sqrt(n) truncated to integers).
#pragma once

#include "indicators/indicator.h"
#include "indicators/moving_averages.h"

namespace pulse::indicators {

// Hull moving average of the close over `period` (>= 2) bars:
// HMA = WMA(floor(sqrt(n))) of (2 WMA(floor(n/2)) - WMA(n)), the WMAs being TA-Lib's (weights
// 1..k, newest heaviest). The inner difference starts at bar n - 1, so
// WarmUp = n - 1 + floor(sqrt(n)) - 1 (Tulip's start). Built once, then Add()/Update() bar by
// bar, Reset() to reuse. Single-threaded value object.
class Hma final : public Indicator {
 public:
  explicit Hma(int period);

  void Add(double x);
  void Update(const Bar& bar) override { Add(bar.close); }
  void Reset() override;
  bool Ready() const override { return outer_.Ready(); }
  int WarmUp() const override { return period_ - 1 + outer_.WarmUp(); }
  double Value(int = 0) const override { return Ready() ? outer_.value() : kNaN; }

 private:
  int period_;
  Wma full_;
  Wma half_;
  Wma outer_;
};

}  // namespace pulse::indicators
