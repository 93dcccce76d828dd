#include "indicators/aroon.h"

#include "indicators/shared_range.h"

namespace pulse::indicators {

Aroon::Aroon(int period)
    : period_(period),
      factor_(100.0 / period),
      highest_(period + 1, MinMaxWindow::Kind::kMax),
      lowest_(period + 1, MinMaxWindow::Kind::kMin) {}

void Aroon::Update(const Bar& bar) {
  int high_age = 0;
  int low_age = 0;
  if (range_ != nullptr) {
    if (++count_ <= period_) return;
    high_age = range_->HighestAge(range_slot_);
    low_age = range_->LowestAge(range_slot_);
  } else {
    highest_.Push(bar.high);
    lowest_.Push(bar.low);
    if (++count_ <= period_) return;
    high_age = highest_.Age();
    low_age = lowest_.Age();
  }
  up_ = factor_ * (period_ - high_age);
  down_ = factor_ * (period_ - low_age);
  // As TA-Lib's AROONOSC: factor * (highest index - lowest index).
  osc_ = factor_ * (low_age - high_age);
}

int Aroon::RangeWindows(int* windows) const {
  windows[0] = period_ + 1;
  return 1;
}

void Aroon::AttachRange(const SharedRange* range) {
  range_ = range;
  range_slot_ = range->Slot(period_ + 1);
}

void Aroon::Reset() {
  highest_.Clear();
  lowest_.Clear();
  up_ = down_ = osc_ = kNaN;
  count_ = 0;
}

double Aroon::Value(int index) const {
  if (!Ready()) return kNaN;
  return index == 0 ? down_ : index == 1 ? up_ : osc_;
}

void Aroon::UpdateInto(const Bar& bar, double* out) {
  Update(bar);
  const bool ready = Ready();
  out[0] = ready ? down_ : kNaN;
  out[1] = ready ? up_ : kNaN;
  out[2] = ready ? osc_ : kNaN;
}

}  // namespace pulse::indicators
