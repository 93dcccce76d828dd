#include "indicators/ichimoku.h"

#include <algorithm>

#include "indicators/shared_range.h"

namespace pulse::indicators {

namespace {
using Kind = MinMaxWindow::Kind;
}  // namespace

Ichimoku::Ichimoku(int conversion_period, int base_period, int span_b_period, int displacement)
    : conversion_period_(conversion_period),
      base_period_(base_period),
      span_b_period_(span_b_period),
      displacement_(displacement),
      warm_up_(std::max({conversion_period, base_period, span_b_period}) - 1 + displacement),
      highs_(std::max({conversion_period, base_period, span_b_period}), Kind::kMax),
      lows_(std::max({conversion_period, base_period, span_b_period}), Kind::kMin),
      span_a_history_(displacement + 1),
      span_b_history_(displacement + 1),
      closes_(displacement + 1) {
  const int periods[3] = {conversion_period, base_period, span_b_period};
  int order[3] = {0, 1, 2};
  std::stable_sort(order, order + 3, [&periods](int a, int b) { return periods[a] > periods[b]; });
  for (int j = 0; j < 3; ++j) {
    periods_desc_[j] = periods[order[j]];
    slot_of_[j] = order[j];
  }
}

void Ichimoku::Update(const Bar& bar) {
  double mids[3];
  if (range_ != nullptr) {
    for (int j = 0; j < 3; ++j) {
      mids[j] = (range_->Highest(range_slots_[j]) + range_->Lowest(range_slots_[j])) / 2.0;
    }
  } else {
    highs_.Push(bar.high);
    lows_.Push(bar.low);
    double highs[3];
    double lows[3];
    highs_.ValuesOverDescending(periods_desc_, 3, highs);
    lows_.ValuesOverDescending(periods_desc_, 3, lows);
    for (int j = 0; j < 3; ++j) mids[slot_of_[j]] = (highs[j] + lows[j]) / 2.0;
  }
  tenkan_ = mids[0];
  kijun_ = mids[1];
  // Values of bars before the windows fill are pushed too; they leave the rings before WarmUp.
  span_a_history_.Push((tenkan_ + kijun_) / 2.0);
  span_b_history_.Push(mids[2]);
  closes_.Push(bar.close);
  ++count_;
}

void Ichimoku::UpdateInto(const Bar& bar, double* out) {
  Update(bar);
  if (!Ready()) {
    for (int k = 0; k < 6; ++k) out[k] = kNaN;
    return;
  }
  const double close = closes_.Back(0);
  out[0] = tenkan_;
  out[1] = kijun_;
  out[2] = span_a_history_.Back(displacement_);
  out[3] = span_b_history_.Back(displacement_);
  out[4] = close;
  out[5] = close - closes_.Back(displacement_);
}

int Ichimoku::RangeWindows(int* windows) const {
  windows[0] = conversion_period_;
  windows[1] = base_period_;
  windows[2] = span_b_period_;
  return 3;
}

void Ichimoku::AttachRange(const SharedRange* range) {
  range_ = range;
  range_slots_[0] = range->Slot(conversion_period_);
  range_slots_[1] = range->Slot(base_period_);
  range_slots_[2] = range->Slot(span_b_period_);
}

void Ichimoku::Reset() {
  highs_.Clear();
  lows_.Clear();
  span_a_history_.Clear();
  span_b_history_.Clear();
  closes_.Clear();
  tenkan_ = kijun_ = kNaN;
  count_ = 0;
}

double Ichimoku::Value(int index) const {
  if (!Ready()) return kNaN;
  switch (index) {
    case 0:
      return tenkan_;
    case 1:
      return kijun_;
    case 2:
      return span_a_history_.Back(displacement_);
    case 3:
      return span_b_history_.Back(displacement_);
    case 4:
      return closes_.Back(0);
    default:
      return closes_.Back(0) - closes_.Back(displacement_);
  }
}

}  // namespace pulse::indicators
