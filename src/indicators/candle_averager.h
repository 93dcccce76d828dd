// CandleAverager: the rolling average of one candle setting that TA-Lib's candlestick functions
// judge candles against, with TA-Lib's running-sum arithmetic and start so results match exactly.
#pragma once

#include "indicators/candle_settings.h"
#include "indicators/ring_buffer.h"
#include "model/bar.h"

namespace pulse::indicators {

// The average a pattern compares candle `offset` bars back with (0 = the newest candle).
//
// TA-Lib evaluates a pattern first at bar `start` (its lookback). The sum it keeps for a setting
// with period P about the candle at offset k starts as the sequential sum of the ranges of bars
// [start - k - P, start - k); after each evaluated bar i it is updated with
// `sum += range(i - k) - range(i - k - P)`. This class does the same, bar by bar, so the floating
// point result is TA-Lib's to the last bit. With P = 0 the average is the candle's own range.
//
// Lifecycle: built with the setting, the offset and the pattern's start; Push() every bar; read
// Average() after the push of a bar with index >= start; Reset() to start over. O(1) per bar,
// no allocation after construction. Single-threaded value object.
class CandleAverager {
 public:
  CandleAverager(const CandleSetting& setting, int offset, int start);

  // Consumes the next bar (index = number of bars pushed before it).
  void Push(const Bar& bar);
  // factor * (sum / P, or the candle's own range when P = 0) / (2 for shadows, else 1), for the
  // candle `offset` bars before the newest. Valid once the newest bar's index is >= start.
  double Average() const;
  void Reset();

 private:
  CandleSetting setting_;
  int offset_;
  int start_;
  RingBuffer ranges_;  // the last offset + P + 1 ranges, newest first
  double sum_ = 0;
  long long count_ = 0;
};

}  // namespace pulse::indicators
