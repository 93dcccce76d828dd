// EmaBank: several exponential moving averages of the close in one object, for a feature set
// that asks for a run of EMAs ("ema:9", "ema:12", ..., "ema:50").
#pragma once

#include "indicators/fixed_array.h"
#include "indicators/indicator.h"

namespace pulse::indicators {

// The EMAs of `count` periods, each as Ema(period) computes it (k = 2 / (period + 1), seeded
// with the SMA of the first `period` closes), bit for bit: the same operations per period, only
// their state kept side by side and updated in one call. Output i is EMA(periods[i]); WarmUp is
// the longest period's. No allocation after construction. Single-threaded value object.
class EmaBank final : public Indicator {
 public:
  // `periods`: `count` periods, each >= 1; count >= 1.
  EmaBank(const int* periods, int count);

  void Update(const Bar& bar) override;
  void UpdateInto(const Bar& bar, double* out) override;
  void Reset() override;
  bool Ready() const override { return count_ >= longest_; }
  int WarmUp() const override { return longest_ - 1; }
  int NumOutputs() const override { return lanes_.size(); }
  double Value(int index = 0) const override;

 private:
  // One period's state, side by side with the others'.
  struct Lane {
    double value;
    double k;
    double sum;  // of the first `period` closes, while seeding
    int period;
  };

  FixedArray<Lane> lanes_;
  long long count_ = 0;
  int longest_ = 0;
};

}  // namespace pulse::indicators
