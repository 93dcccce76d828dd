#include "indicators/obv.h"

namespace pulse::indicators {

void Obv::Update(const Bar& bar) {
  if (!started_) {
    started_ = true;
    value_ = bar.volume;
  } else if (bar.close > prev_close_) {
    value_ += bar.volume;
  } else if (bar.close < prev_close_) {
    value_ -= bar.volume;
  }
  prev_close_ = bar.close;
}

void Obv::Reset() {
  started_ = false;
  prev_close_ = 0;
  value_ = kNaN;
}

}  // namespace pulse::indicators
