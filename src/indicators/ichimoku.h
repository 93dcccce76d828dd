// Ichimoku Kinko Hyo as look-ahead-free features: every output at bar t uses bars <= t only.
#pragma once

#include "indicators/indicator.h"
#include "indicators/ring_buffer.h"

namespace pulse::indicators {

// Ichimoku (conversion 9, base 26, span B 52, displacement 26 by default). With
// mid(n) = (highest high + lowest low) / 2 over the last n bars, current bar included:
//   0 tenkan          mid(conversion) at t
//   1 kijun           mid(base) at t
//   2 senkou_a        (tenkan + kijun) / 2 computed at t - displacement: the cloud a chart draws
//                     at t (it plots that value displacement bars ahead), known at t
//   3 senkou_b        mid(span_b) computed at t - displacement, likewise
//   4 chikou          close[t]: the lagging span is the close drawn displacement bars back; its
//                     value at t is the close itself
//   5 chikou_vs_price close[t] - close[t - displacement]: what the chart compares the lagging
//                     span with, the price displacement bars back
// TradingView shifts its plots by displacement - 1 bars; pass 25 to reproduce its cloud.
// WarmUp = max(conversion, base, span_b) - 1 + displacement: all outputs start together.
// O(1) amortised: one monotonic queue of highs and one of lows over the longest period answer
// all three periods in one walk (MinMaxWindow::ValuesOverDescending), and rings keep the last
// displacement + 1 values. Built once, updated bar by bar, Reset() to reuse. Single-threaded
// value object.
class Ichimoku final : public Indicator {
 public:
  Ichimoku(int conversion_period, int base_period, int span_b_period, int displacement);

  void Update(const Bar& bar) override;
  void UpdateInto(const Bar& bar, double* out) override;
  void Reset() override;
  bool Ready() const override { return count_ > WarmUp(); }
  int WarmUp() const override { return warm_up_; }
  int NumOutputs() const override { return 6; }
  double Value(int index = 0) const override;
  int RangeWindows(int* windows) const override;
  void AttachRange(const SharedRange* range) override;

 private:
  int conversion_period_;
  int base_period_;
  int span_b_period_;
  int displacement_;
  int warm_up_;
  // The three periods longest first (ties in any order) and where each one's mid goes: 0 tenkan,
  // 1 kijun, 2 span B; one walk of each queue answers all three.
  int periods_desc_[3];
  int slot_of_[3];
  MinMaxWindow highs_;  // over the longest of the three periods
  MinMaxWindow lows_;
  const SharedRange* range_ = nullptr;  // when set, read instead of highs_ and lows_
  int range_slots_[3] = {};             // of conversion, base, span B
  RingBuffer span_a_history_;           // (tenkan + kijun) / 2 of the last displacement + 1 bars
  RingBuffer span_b_history_;           // mid(span_b) of the last displacement + 1 bars
  RingBuffer closes_;                   // the last displacement + 1 closes
  double tenkan_ = kNaN;
  double kijun_ = kNaN;
  long long count_ = 0;
};

}  // namespace pulse::indicators
