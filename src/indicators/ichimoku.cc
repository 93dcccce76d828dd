#include "indicators/ichimoku.h"

#include <algorithm>

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
      closes_(displacement + 1) {}

void Ichimoku::Update(const Bar& bar) {
  highs_.Push(bar.high);
  lows_.Push(bar.low);
  tenkan_ = (highs_.ValueOver(conversion_period_) + lows_.ValueOver(conversion_period_)) / 2.0;
  kijun_ = (highs_.ValueOver(base_period_) + lows_.ValueOver(base_period_)) / 2.0;
  // Values of bars before the windows fill are pushed too; they leave the rings before WarmUp.
  span_a_history_.Push((tenkan_ + kijun_) / 2.0);
  span_b_history_.Push((highs_.ValueOver(span_b_period_) + lows_.ValueOver(span_b_period_)) / 2.0);
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
