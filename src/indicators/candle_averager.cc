#include "indicators/candle_averager.h"

namespace pulse::indicators {

CandleAverager::CandleAverager(const CandleSetting& setting, int offset, int start)
    : setting_(setting), offset_(offset), start_(start), ranges_(offset + setting.avg_period + 1) {}

void CandleAverager::Push(const Bar& bar) {
  const long long index = count_++;
  const int period = setting_.avg_period;
  // The update TA-Lib does after evaluating the previous bar (index - 1).
  if (index > start_ && period > 0) {
    sum_ += ranges_.Back(offset_) - ranges_.Back(offset_ + period);
  }
  const double range = candle::Range(setting_.range_type, bar);
  ranges_.Push(range);
  if (index < start_ && index >= start_ - offset_ - period && index < start_ - offset_) {
    sum_ += range;
  }
}

double CandleAverager::Average() const {
  const int period = setting_.avg_period;
  const double base = period != 0 ? sum_ / period : ranges_.Back(offset_);
  return setting_.factor * base / (setting_.range_type == CandleRangeType::kShadows ? 2.0 : 1.0);
}

void CandleAverager::Reset() {
  ranges_.Clear();
  sum_ = 0;
  count_ = 0;
}

}  // namespace pulse::indicators
