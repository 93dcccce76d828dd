#include "indicators/sma_bank.h"

#include <algorithm>

namespace pulse::indicators {
namespace {

int Longest(const int* periods, int count) { return *std::max_element(periods, periods + count); }

}  // namespace

SmaBank::SmaBank(const int* periods, int count)
    : lanes_(count), window_(Longest(periods, count)), longest_(Longest(periods, count)) {
  for (int i = 0; i < count; ++i) lanes_[i] = Lane{0, kNaN, periods[i]};
}

void SmaBank::Update(const Bar& bar) {
  const double x = bar.close;
  window_.Push(x);
  ++count_;
  // As Sma::Add for each period: add, divide the window total once the window is full, then
  // drop the value leaving the window next (the close pushed period - 1 bars ago).
  Lane* lanes = lanes_.data();
  for (int i = 0, n = lanes_.size(); i < n; ++i) {
    Lane& lane = lanes[i];
    lane.sum += x;
    if (count_ >= lane.period) {
      lane.value = lane.sum / lane.period;
      lane.sum -= window_.Back(lane.period - 1);
    }
  }
}

void SmaBank::UpdateInto(const Bar& bar, double* out) {
  Update(bar);
  const Lane* lanes = lanes_.data();
  for (int i = 0, n = lanes_.size(); i < n; ++i) {
    out[i] = count_ >= lanes[i].period ? lanes[i].value : kNaN;
  }
}

double SmaBank::Value(int index) const {
  const Lane& lane = lanes_[index];
  return count_ >= lane.period ? lane.value : kNaN;
}

void SmaBank::Reset() {
  for (int i = 0; i < lanes_.size(); ++i) {
    lanes_[i].sum = 0;
    lanes_[i].value = kNaN;
  }
  window_.Clear();
  count_ = 0;
}

}  // namespace pulse::indicators
