// CandlePattern: the shared streaming base of the candlestick pattern recognisers (TA-Lib's CDL*
// functions): the last few candles, the rolling candle-setting averages, and the output.
#pragma once

#include <array>
#include <vector>

#include "indicators/candle_averager.h"
#include "indicators/candle_settings.h"
#include "indicators/indicator.h"

namespace pulse::indicators {

// A candlestick pattern recogniser. Output 0 when the pattern is absent, otherwise TA-Lib's
// integer signal as a double: +100 bullish, -100 bearish (80 / -80 where TA-Lib grades a weaker
// form, e.g. engulfing with equal ends). WarmUp() is TA-Lib's lookback for the settings used.
//
// Subclasses decide the lookback and the averages in their constructor (SetLookback, then
// AddAverage), and implement Detect(), called for every bar from index WarmUp() on, reading
// Candle(k) (k bars back, at most 3) and Average(id).
//
// Lifecycle: built once (all memory allocated then), Update() per closed bar, Reset() to start
// over. O(1) per bar. Single-threaded value object.
class CandlePattern : public Indicator {
 public:
  void Update(const Bar& bar) final;
  void Reset() final;
  bool Ready() const final { return count_ > lookback_; }
  int WarmUp() const final { return lookback_; }
  double Value(int = 0) const final { return Ready() ? value_ : kNaN; }

 protected:
  explicit CandlePattern(const CandleSettings& settings) : settings_(settings) {}

  // The lookback; call before AddAverage().
  void SetLookback(int lookback) { lookback_ = lookback; }
  // The averaging period of a setting (for lookback formulas).
  int Period(CandleSettingType type) const { return settings_[type].avg_period; }
  // Registers the average of `type` about the candle `offset` bars back; returns its id.
  int AddAverage(CandleSettingType type, int offset);

  // The candle `back` bars before the newest (0 = newest); back <= 3.
  const Bar& Candle(int back) const { return history_[(head_ + kHistory - back) % kHistory]; }
  // The current value of average `id`.
  double Average(int id) const { return averages_[id].Average(); }

  // The pattern's output for the newest bar (index >= WarmUp()).
  virtual double Detect() const = 0;

 private:
  static constexpr int kHistory = 4;

  CandleSettings settings_;
  int lookback_ = 0;
  std::vector<CandleAverager> averages_;
  std::array<Bar, kHistory> history_{};
  int head_ = kHistory - 1;  // slot of the newest candle
  long long count_ = 0;
  double value_ = kNaN;
};

}  // namespace pulse::indicators
