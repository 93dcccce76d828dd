#include "indicators/ichimoku.h"

#include <algorithm>

namespace pulse::indicators {

namespace {
using Kind = MinMaxWindow::Kind;
}  // namespace

Ichimoku::Ichimoku(int conversion_period, int base_period, int span_b_period, int displacement)
    : displacement_(displacement),
      warm_up_(std::max({conversion_period, base_period, span_b_period}) - 1 + displacement),
      conversion_high_(conversion_period, Kind::kMax),
      conversion_low_(conversion_period, Kind::kMin),
      base_high_(base_period, Kind::kMax),
      base_low_(base_period, Kind::kMin),
      span_b_high_(span_b_period, Kind::kMax),
      span_b_low_(span_b_period, Kind::kMin),
      span_a_history_(displacement + 1),
      span_b_history_(displacement + 1),
      closes_(displacement + 1) {}

void Ichimoku::Update(const Bar& bar) {
  conversion_high_.Push(bar.high);
  conversion_low_.Push(bar.low);
  base_high_.Push(bar.high);
  base_low_.Push(bar.low);
  span_b_high_.Push(bar.high);
  span_b_low_.Push(bar.low);
  tenkan_ = (conversion_high_.Value() + conversion_low_.Value()) / 2.0;
  kijun_ = (base_high_.Value() + base_low_.Value()) / 2.0;
  // Values of bars before the windows fill are pushed too; they leave the rings before WarmUp.
  span_a_history_.Push((tenkan_ + kijun_) / 2.0);
  span_b_history_.Push((span_b_high_.Value() + span_b_low_.Value()) / 2.0);
  closes_.Push(bar.close);
  ++count_;
}

void Ichimoku::Reset() {
  conversion_high_.Clear();
  conversion_low_.Clear();
  base_high_.Clear();
  base_low_.Clear();
  span_b_high_.Clear();
  span_b_low_.Clear();
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
