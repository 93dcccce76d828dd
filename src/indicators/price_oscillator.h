// Absolute and percentage price oscillators (TA-Lib's APO and PPO).
#pragma once

#include "indicators/indicator.h"
#include "indicators/moving_averages.h"

namespace pulse::indicators {

// TA-Lib's APO (fast MA - slow MA) and PPO (100 * (fast - slow) / slow, 0 when slow is ~0) of
// the close. ma_type kSma or kEma; the periods are swapped when slow < fast. With TA-Lib's
// default EMA seeding the fast EMA starts slow - fast bars late (both start at the first bar with
// EmaSeed::kFirstValue, TA-Lib's Metastock mode). WarmUp = slow - 1.
// Single-threaded value object.
class PriceOscillator final : public Indicator {
 public:
  enum class Kind { kApo, kPpo };
  enum class MaType { kSma = 0, kEma = 1 };

  PriceOscillator(Kind kind, int fast_period, int slow_period, MaType ma_type,
                  EmaSeed seed = EmaSeed::kSma);

  void Add(double x);
  void Update(const Bar& bar) override { Add(bar.close); }
  void Reset() override;
  bool Ready() const override { return count_ >= slow_period_; }
  int WarmUp() const override { return slow_period_ - 1; }
  double Value(int = 0) const override { return Ready() ? value_ : kNaN; }

 private:
  Kind kind_;
  int fast_period_;
  int slow_period_;
  MaType ma_type_;
  EmaSeed seed_;
  Sma fast_sma_;
  Sma slow_sma_;
  Ema fast_ema_;
  Ema slow_ema_;
  double value_ = kNaN;
  long long count_ = 0;
};

}  // namespace pulse::indicators
