// Chaikin accumulation/distribution line and the Chaikin A/D oscillator.
#pragma once

#include "indicators/indicator.h"

namespace pulse::indicators {

// TA-Lib's AD: the running sum of ((close - low) - (high - close)) / (high - low) * volume over
// bars with high > low, starting at 0 before the first bar. WarmUp = 0.
// Single-threaded value object.
class Ad final : public Indicator {
 public:
  void Update(const Bar& bar) override;
  void Reset() override;
  bool Ready() const override { return count_ > 0; }
  int WarmUp() const override { return 0; }
  double Value(int = 0) const override { return Ready() ? ad_ : kNaN; }
  double value() const { return ad_; }

 private:
  double ad_ = 0;
  long long count_ = 0;
};

// TA-Lib's ADOSC: EMA(fast) - EMA(slow) of the A/D line, both EMAs seeded with the first A/D
// value (TA-Lib does so for ADOSC whatever the compatibility mode), k = 2 / (period + 1).
// WarmUp = max(fast, slow) - 1. Single-threaded value object.
class AdOsc final : public Indicator {
 public:
  AdOsc(int fast_period, int slow_period);

  void Update(const Bar& bar) override;
  void Reset() override;
  bool Ready() const override { return count_ > warm_up_; }
  int WarmUp() const override { return warm_up_; }
  double Value(int = 0) const override { return Ready() ? fast_ - slow_ : kNaN; }

 private:
  double fast_k_;
  double slow_k_;
  int warm_up_;
  Ad ad_;
  double fast_ = 0;
  double slow_ = 0;
  long long count_ = 0;
};

}  // namespace pulse::indicators
