#include "indicators/macd_ext.h"

#include <algorithm>

namespace pulse::indicators {
namespace {

bool Swap(int fast_period, int slow_period) { return slow_period < fast_period; }

}  // namespace

MacdExt::MacdExt(int fast_period, MaOfType::Type fast_type, int slow_period,
                 MaOfType::Type slow_type, int signal_period, MaOfType::Type signal_type)
    : fast_(Swap(fast_period, slow_period) ? slow_period : fast_period,
            Swap(fast_period, slow_period) ? slow_type : fast_type),
      slow_(Swap(fast_period, slow_period) ? fast_period : slow_period,
            Swap(fast_period, slow_period) ? fast_type : slow_type),
      signal_(signal_period, signal_type),
      largest_(std::max(fast_.WarmUp(), slow_.WarmUp())),
      skip_fast_(largest_ - fast_.WarmUp()),
      skip_slow_(largest_ - slow_.WarmUp()) {}

void MacdExt::Add(double x) {
  ++count_;
  if (count_ > skip_fast_) fast_.Add(x);
  if (count_ > skip_slow_) slow_.Add(x);
  if (count_ <= largest_) return;
  macd_ = fast_.Value() - slow_.Value();
  signal_.Add(macd_);
}

void MacdExt::Reset() {
  fast_.Reset();
  slow_.Reset();
  signal_.Reset();
  macd_ = kNaN;
  count_ = 0;
}

double MacdExt::Value(int index) const {
  if (!Ready()) return kNaN;
  const double signal = signal_.Value();
  switch (index) {
    case 0:
      return macd_;
    case 1:
      return signal;
    default:
      return macd_ - signal;
  }
}

}  // namespace pulse::indicators
