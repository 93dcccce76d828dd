#include "indicators/hilbert_cycle.h"

#include <cmath>

namespace pulse::indicators {
namespace {

// TA-Lib's HT_* functions bar 37 on: 3 unrolled WMA bars, then 34 WMA-only bars.
constexpr int kFirstHilbertBar = 37;

}  // namespace

HilbertCycle::HilbertCycle(bool with_phase, bool with_trendline)
    : with_phase_(with_phase),
      with_trendline_(with_trendline),
      hilbert_(kFirstHilbertBar),
      smoothed_prices_(kWindow),
      inputs_(kWindow) {}

bool HilbertCycle::Add(double x) {
  inputs_.Push(x);
  if (!hilbert_.Add(x)) return false;
  smoothed_prices_.Push(hilbert_.smoothed());
  const int n = static_cast<int>(hilbert_.smooth_period() + 0.5);
  if (with_phase_) UpdatePhase(n);
  if (with_trendline_) UpdateTrendline(n);
  return true;
}

void HilbertCycle::UpdatePhase(int n) {
  const double quarter = std::atan(1);
  const double rad2deg = 45.0 / quarter;
  const double two_pi = quarter * 8.0;
  double real = 0.0;
  double imag = 0.0;
  for (int i = 0; i < n; ++i) {
    const double angle = (static_cast<double>(i) * two_pi) / static_cast<double>(n);
    // TA-Lib's circular buffer starts as zeros: older entries than bar 37 read 0.
    const double price = i < smoothed_prices_.Size() ? smoothed_prices_.Back(i) : 0.0;
    real += std::sin(angle) * price;
    imag += std::cos(angle) * price;
  }
  const double abs_imag = std::fabs(imag);
  if (abs_imag > 0.0) {
    phase_ = std::atan(real / imag) * rad2deg;
  } else if (abs_imag <= 0.01) {
    if (real < 0.0) {
      phase_ -= 90.0;
    } else if (real > 0.0) {
      phase_ += 90.0;
    }
  }
  phase_ += 90.0;
  // Compensates the one-bar lag of the WMA.
  phase_ += 360.0 / hilbert_.smooth_period();
  if (imag < 0.0) phase_ += 180.0;
  if (phase_ > 315.0) phase_ -= 360.0;
}

void HilbertCycle::UpdateTrendline(int n) {
  double mean = 0.0;
  // Newest first, as TA-Lib sums; n never exceeds the values fed since bar 0 in practice
  // (the smoothed period grows from 0 by at most 10% a bar).
  for (int i = 0; i < n && i < inputs_.Size(); ++i) mean += inputs_.Back(i);
  if (n > 0) mean = mean / static_cast<double>(n);
  trendline_ = (4.0 * mean + 3.0 * trend1_ + 2.0 * trend2_ + trend3_) / 10.0;
  trend3_ = trend2_;
  trend2_ = trend1_;
  trend1_ = mean;
}

void HilbertCycle::Reset() {
  hilbert_.Reset();
  smoothed_prices_.Clear();
  inputs_.Clear();
  phase_ = 0;
  trendline_ = 0;
  trend1_ = trend2_ = trend3_ = 0;
}

}  // namespace pulse::indicators
