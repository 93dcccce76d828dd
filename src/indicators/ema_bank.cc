#include "indicators/ema_bank.h"

#include <algorithm>

namespace pulse::indicators {

EmaBank::EmaBank(const int* periods, int count)
    : lanes_(count), longest_(*std::max_element(periods, periods + count)) {
  for (int i = 0; i < count; ++i) {
    lanes_[i] = Lane{kNaN, 2.0 / (periods[i] + 1), 0, periods[i]};
  }
}

void EmaBank::Update(const Bar& bar) {
  const double x = bar.close;
  ++count_;
  Lane* lanes = lanes_.data();
  const int n = lanes_.size();
  if (count_ > longest_) {
    // Every period seeded: the usual bar.
    for (int i = 0; i < n; ++i) lanes[i].value = (x - lanes[i].value) * lanes[i].k + lanes[i].value;
    return;
  }
  // As Ema::Add with the SMA seed, period by period.
  for (int i = 0; i < n; ++i) {
    Lane& lane = lanes[i];
    if (count_ < lane.period) {
      lane.sum += x;
    } else if (count_ == lane.period) {
      lane.sum += x;
      lane.value = lane.sum / lane.period;
    } else {
      lane.value = (x - lane.value) * lane.k + lane.value;
    }
  }
}

void EmaBank::UpdateInto(const Bar& bar, double* out) {
  Update(bar);
  const Lane* lanes = lanes_.data();
  for (int i = 0, n = lanes_.size(); i < n; ++i) {
    out[i] = count_ >= lanes[i].period ? lanes[i].value : kNaN;
  }
}

double EmaBank::Value(int index) const {
  const Lane& lane = lanes_[index];
  return count_ >= lane.period ? lane.value : kNaN;
}

void EmaBank::Reset() {
  for (int i = 0; i < lanes_.size(); ++i) {
    lanes_[i].value = kNaN;
    lanes_[i].sum = 0;
  }
  count_ = 0;
}

}  // namespace pulse::indicators
