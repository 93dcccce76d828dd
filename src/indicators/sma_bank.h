// SmaBank: several simple moving averages of the close kept over one window, for a feature set
// that asks for a run of SMAs ("sma:10", "sma:20", ..., "sma:200").
#pragma once

#include "indicators/fixed_array.h"
#include "indicators/indicator.h"
#include "indicators/ring_buffer.h"

namespace pulse::indicators {

// The SMAs of `count` periods over one ring of the last max(period) closes: each period keeps
// its own running total and reads the close leaving its window from the shared ring, so every
// output equals that of Sma(period) over the same bars, bit for bit (the same additions, the
// same division, in the same order). Output i is SMA(periods[i]); WarmUp is the longest
// period's. No allocation after construction. Single-threaded value object.
class SmaBank final : public Indicator {
 public:
  // `periods`: `count` periods, each >= 1; count >= 1.
  SmaBank(const int* periods, int count);

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
    double sum;
    double value;
    int period;
  };

  FixedArray<Lane> lanes_;
  RingBuffer window_;
  long long count_ = 0;
  int longest_ = 0;
};

}  // namespace pulse::indicators
