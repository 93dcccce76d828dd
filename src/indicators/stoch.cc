#include "indicators/stoch.h"

#include "indicators/shared_range.h"

namespace pulse::indicators {

// ---- Stoch ----

Stoch::Stoch(int fastk_period, int slowk_period, int slowd_period)
    : fastk_period_(fastk_period),
      highest_(fastk_period, MinMaxWindow::Kind::kMax),
      lowest_(fastk_period, MinMaxWindow::Kind::kMin),
      slowk_(slowk_period),
      slowd_(slowd_period) {}

void Stoch::Update(const Bar& bar) {
  if (range_ == nullptr) {
    highest_.Push(bar.high);
    lowest_.Push(bar.low);
  }
  if (++count_ < fastk_period_) return;
  const double lowest = range_ != nullptr ? range_->Lowest(range_slot_) : lowest_.Value();
  const double highest = range_ != nullptr ? range_->Highest(range_slot_) : highest_.Value();
  const double diff = (highest - lowest) / 100.0;
  const double fast_k = diff != 0.0 ? (bar.close - lowest) / diff : 0.0;
  slowk_.Add(fast_k);
  if (slowk_.Ready()) slowd_.Add(slowk_.value());
}

int Stoch::RangeWindows(int* windows) const {
  windows[0] = fastk_period_;
  return 1;
}

void Stoch::AttachRange(const SharedRange* range) {
  range_ = range;
  range_slot_ = range->Slot(fastk_period_);
}

void Stoch::Reset() {
  highest_.Clear();
  lowest_.Clear();
  slowk_.Reset();
  slowd_.Reset();
  count_ = 0;
}

double Stoch::Value(int index) const {
  if (!Ready()) return kNaN;
  return index == 0 ? k() : d();
}

void Stoch::UpdateInto(const Bar& bar, double* out) {
  Update(bar);
  const bool ready = Ready();
  out[0] = ready ? k() : kNaN;
  out[1] = ready ? d() : kNaN;
}

// ---- WillR ----

WillR::WillR(int period)
    : period_(period),
      highest_(period, MinMaxWindow::Kind::kMax),
      lowest_(period, MinMaxWindow::Kind::kMin) {}

void WillR::Update(const Bar& bar) {
  if (range_ == nullptr) {
    highest_.Push(bar.high);
    lowest_.Push(bar.low);
  }
  if (++count_ < period_) return;
  const double highest = range_ != nullptr ? range_->Highest(range_slot_) : highest_.Value();
  const double lowest = range_ != nullptr ? range_->Lowest(range_slot_) : lowest_.Value();
  const double diff = (highest - lowest) / -100.0;
  value_ = diff != 0.0 ? (highest - bar.close) / diff : 0.0;
}

int WillR::RangeWindows(int* windows) const {
  windows[0] = period_;
  return 1;
}

void WillR::AttachRange(const SharedRange* range) {
  range_ = range;
  range_slot_ = range->Slot(period_);
}

void WillR::Reset() {
  highest_.Clear();
  lowest_.Clear();
  value_ = kNaN;
  count_ = 0;
}

}  // namespace pulse::indicators
