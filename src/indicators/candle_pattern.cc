#include "indicators/candle_pattern.h"

namespace pulse::indicators {

int CandlePattern::AddAverage(CandleSettingType type, int offset) {
  averages_.emplace_back(settings_[type], offset, lookback_);
  return static_cast<int>(averages_.size()) - 1;
}

void CandlePattern::Update(const Bar& bar) {
  head_ = head_ + 1 == kHistory ? 0 : head_ + 1;
  history_[head_] = bar;
  for (CandleAverager& average : averages_) average.Push(bar);
  if (count_++ >= lookback_) value_ = Detect();
}

void CandlePattern::Reset() {
  for (CandleAverager& average : averages_) average.Reset();
  history_ = {};
  head_ = kHistory - 1;
  count_ = 0;
  value_ = kNaN;
}

}  // namespace pulse::indicators
